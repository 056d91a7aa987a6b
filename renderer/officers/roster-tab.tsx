import { sortPinyin } from '@shared/util/pinyin-sort';
import { useMemo, useState } from 'react';
import { App, Alert, Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { OFFICER_STATUSES, type OfficerStatus } from '@shared/officers/officer-model';
import { isIsoDate } from '@shared/officers/dates';
import {
  publicRosterRows,
  rosterCsvBytes,
  rosterHtml,
  rosterXlsx,
  ROSTER_TITLE,
} from '@shared/roster/public-roster';
import { getPlatform } from '../platform';
import type { OfficerRecord } from '../db/officers-repository';
import { todayIso, toOfficerSettings } from './officer-settings';
import { useOfficersSettings, useOperator } from './officers-context';
import { useOfficers } from '../db/hooks/officers';

const NO_OFFICERS: OfficerRecord[] = [];

/** 执法人员信息公示: only name, department, certificate number, areas and valid-until leave the app. */
export function RosterTab() {
  const { message } = App.useApp();
  const officers = useOfficers() ?? NO_OFFICERS;
  const [settings] = useOfficersSettings();
  const operator = useOperator();
  const [departments, setDepartments] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<OfficerStatus[]>(['有效']);
  const [asOf, setAsOf] = useState(todayIso());
  const allDepartments = useMemo(() => sortPinyin(new Set(officers.map((o) => o.department))), [officers]);
  const validDate = isIsoDate(asOf);
  const rows = useMemo(
    () =>
      validDate
        ? publicRosterRows(officers, {
            today: asOf,
            statuses,
            departments: departments.length ? departments : undefined,
            settings: toOfficerSettings(settings),
          })
        : [],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- settings identity changes each render
    [officers, asOf, statuses, departments, validDate, settings.validityYears],
  );
  const baseName = departments.length === 1 ? `${departments[0]}${ROSTER_TITLE}` : ROSTER_TITLE;

  async function save(kind: 'xlsx' | 'csv' | 'html') {
    try {
      if (rows.length === 0) throw new Error('没有符合条件的人员，未生成文件');
      const bytes =
        kind === 'xlsx'
          ? rosterXlsx(rows)
          : kind === 'csv'
            ? rosterCsvBytes(rows)
            : new TextEncoder().encode(
                rosterHtml(rows, { generatedOn: asOf, issuer: operator.settings?.unit || undefined }),
              );
      const names = { xlsx: 'Excel 工作簿', csv: 'CSV 文件', html: '网页文件' };
      const name = `${baseName}.${kind}`;
      if (
        await getPlatform().saveFile({
          suggestedName: name,
          bytes,
          filters: [{ name: names[kind], extensions: [kind] }],
        })
      )
        message.success(`已导出“${name}”（${rows.length} 人）`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Card size="small" title="执法人员信息公示" data-testid="roster">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Alert
          type="info"
          showIcon
          message="公示内容只有姓名、执法部门、执法证号、执法区域/类别和有效期至；不含身份证号、性别等个人信息。以 = + - @ 开头的内容已作防公式处理。"
        />
        <Space wrap>
          <Select
            mode="multiple"
            allowClear
            aria-label="公示部门"
            placeholder="全部部门"
            style={{ minWidth: 260 }}
            maxTagCount={2}
            value={departments}
            onChange={setDepartments}
            options={allDepartments.map((d) => ({ value: d }))}
          />
          <Select
            mode="multiple"
            aria-label="公示的证件状态"
            style={{ minWidth: 160 }}
            value={statuses}
            onChange={setStatuses}
            options={OFFICER_STATUSES.filter((s) => s !== '注销').map((s) => ({ value: s }))}
          />
          截至日期：
          <Input
            aria-label="截至日期"
            value={asOf}
            onChange={(e) => setAsOf(e.target.value.trim())}
            style={{ width: 130 }}
            status={validDate ? undefined : 'error'}
          />
          <Button type="primary" onClick={() => void save('xlsx')}>
            导出 XLSX
          </Button>
          <Button onClick={() => void save('csv')}>导出 CSV</Button>
          <Button onClick={() => void save('html')}>导出网页 HTML</Button>
        </Space>
        {!validDate && <Typography.Text type="danger">截至日期格式应为 YYYY-MM-DD</Typography.Text>}
        <Typography.Text type="secondary" data-testid="roster-count">
          共 {rows.length} 人（已过期或状态不符的证件不公示）
        </Typography.Text>
        <Table
          size="small"
          rowKey={(r) => `${r.department}|${r.certificateNo}`}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          dataSource={rows}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '执法部门', dataIndex: 'department' },
            { title: '执法证号', dataIndex: 'certificateNo' },
            { title: '执法区域/类别', dataIndex: 'areas' },
            { title: '有效期至', dataIndex: 'validUntil' },
          ]}
        />
      </Space>
    </Card>
  );
}
