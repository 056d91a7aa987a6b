import { comparePinyin, sortPinyin } from '@shared/util/pinyin-sort';
import { useDeferredValue, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { maskIdNumber } from '@shared/officers/id-card';
import {
  officerFlags,
  shownStatus,
  validateRegistry,
  type OfficerFlag,
  type OfficerFlagCode,
} from '@shared/officers/officer-checks';
import {
  EMPLOYMENT_TYPES,
  OFFICER_STATUSES,
  effectiveExpiry,
  type OfficerStatus,
} from '@shared/officers/officer-model';
import { VirtualTable, type VirtualColumn } from '../ui/virtual-table';
import type { OfficerRecord } from '../db/officers-repository';
import { OfficerForm } from './officer-form';
import { todayIso, toOfficerSettings } from './officer-settings';
import { useOfficersSettings, useOperator } from './officers-context';
import { officerStore, useOfficers } from '../db/hooks/officers';
import { formatDate } from '@shared/util/time-format';

const FLAG_LABELS: Record<OfficerFlagCode, string> = {
  'non-formal-staff': '非在编持证',
  expired: '证件过期',
  expiring: '即将到期',
  suspended: '证件暂扣',
  revoked: '证件注销',
  'no-expiry': '缺有效期',
};

const FLAG_COLOR: Record<OfficerFlag['severity'], string> = {
  danger: 'red',
  warning: 'orange',
  info: 'default',
};

const STATUS_COLOR: Record<OfficerStatus, string> = { 有效: 'green', 暂扣: 'orange', 注销: 'default' };

export function FlagTags({ flags }: { flags: OfficerFlag[] }) {
  return (
    <>
      {flags.map((f) => (
        <Tooltip key={f.code} title={f.message}>
          <Tag color={FLAG_COLOR[f.severity]} data-flag={f.code}>
            {f.label}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
}

/** The 按部门筛选 multi-select of the officer lists (registry, yearly review). */
export function DepartmentFilter(props: {
  departments: readonly string[];
  value: string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <Select
      mode="multiple"
      allowClear
      aria-label="按部门筛选"
      placeholder="执法部门"
      style={{ minWidth: 220 }}
      maxTagCount={2}
      value={props.value}
      onChange={props.onChange}
      options={props.departments.map((d) => ({ value: d }))}
    />
  );
}

export function OfficerRegistry() {
  const officers = useOfficers();
  const [settings] = useOfficersSettings();
  const operator = useOperator();
  const [departments, setDepartments] = useState<string[]>([]);
  const [types, setTypes] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<string[]>([]);
  const [flagFilter, setFlagFilter] = useState<OfficerFlagCode[]>([]);
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<OfficerRecord | 'new' | null>(null);
  const today = todayIso();
  const officerSettings = toOfficerSettings(settings);

  const all = useMemo(
    () =>
      (officers ?? [])
        .map((o) => ({ o, flags: officerFlags(o, today, officerSettings) }))
        .sort(
          (a, b) =>
            comparePinyin(a.o.department, b.o.department) ||
            a.o.certificateNo.localeCompare(b.o.certificateNo, 'en') ||
            comparePinyin(a.o.name, b.o.name),
        ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- settings object identity changes each render
    [officers, today, settings.expiryWarningDays, settings.validityYears],
  );
  const departmentOptions = useMemo(() => sortPinyin(new Set(all.map((x) => x.o.department))), [all]);
  const registryIssues = useMemo(
    () => validateRegistry(officers ?? [], today).filter((i) => i.severity === 'error'),
    [officers, today],
  );
  const rows = useMemo(() => {
    const q = deferredSearch.trim().normalize('NFKC').toUpperCase();
    return all.filter(
      ({ o, flags }) =>
        (departments.length === 0 || departments.includes(o.department)) &&
        (types.length === 0 || types.includes(o.employmentType)) &&
        (statuses.length === 0 || statuses.includes(o.status)) &&
        (flagFilter.length === 0 || flags.some((f) => flagFilter.includes(f.code))) &&
        (q === '' || o.name.includes(q) || o.certificateNo.toUpperCase().includes(q)),
    );
  }, [all, departments, types, statuses, flagFilter, deferredSearch]);
  const flagCounts = useMemo(() => {
    const c = new Map<OfficerFlagCode, number>();
    for (const x of all) for (const f of x.flags) c.set(f.code, (c.get(f.code) ?? 0) + 1);
    return c;
  }, [all]);

  // Flags come right after the name so they stay in view without scrolling sideways.
  const columns: VirtualColumn[] = [
    { key: 'no', title: '序号', width: 56, minWidth: 44, align: 'right', render: (r) => r + 1 },
    { key: 'name', title: '姓名', width: 80, minWidth: 64, render: (r) => rows[r]!.o.name },
    {
      key: 'flags',
      title: '提示',
      width: 190,
      minWidth: 90,
      render: (r) => <FlagTags flags={rows[r]!.flags} />,
    },
    { key: 'dept', title: '执法部门', width: 190, minWidth: 120, render: (r) => rows[r]!.o.department },
    { key: 'cert', title: '执法证号', width: 156, render: (r) => rows[r]!.o.certificateNo },
    {
      key: 'status',
      title: '状态',
      width: 64,
      minWidth: 56,
      render: (r) => {
        const shown = shownStatus(rows[r]!.o, rows[r]!.flags);
        return <Tag color={shown === '已过期' ? 'red' : STATUS_COLOR[rows[r]!.o.status]}>{shown}</Tag>;
      },
    },
    {
      key: 'expiry',
      title: '有效期至',
      width: 100,
      minWidth: 92,
      render: (r) => effectiveExpiry(rows[r]!.o, officerSettings) ?? '',
    },
    { key: 'type', title: '人员性质', width: 84, minWidth: 72, render: (r) => rows[r]!.o.employmentType },
    {
      key: 'id',
      title: '身份证号',
      width: 170,
      minWidth: 150,
      render: (r) => <span className="masked-id">{maskIdNumber(rows[r]!.o.idNumber)}</span>,
    },
    { key: 'gender', title: '性别', width: 50, minWidth: 44, render: (r) => rows[r]!.o.gender ?? '' },
    {
      key: 'areas',
      title: '执法区域/类别',
      width: 160,
      minWidth: 72,
      render: (r) => rows[r]!.o.areas.join('、'),
    },
  ];

  const open = openId ? (officers ?? []).find((o) => o.id === openId) : undefined;

  return (
    <Card
      title={
        <Space>
          执法人员名册
          <Typography.Text type="secondary" data-testid="registry-count">
            共 {all.length} 人，筛选结果 {rows.length} 人
          </Typography.Text>
        </Space>
      }
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          新增人员
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Space wrap>
          {(Object.keys(FLAG_LABELS) as OfficerFlagCode[])
            .filter((c) => flagCounts.get(c))
            .map((c) => (
              <Tag
                key={c}
                color={flagFilter.includes(c) ? 'blue' : undefined}
                style={{ cursor: 'pointer' }}
                onClick={() =>
                  setFlagFilter(
                    flagFilter.includes(c) ? flagFilter.filter((x) => x !== c) : [...flagFilter, c],
                  )
                }
                data-testid={`flag-count-${c}`}
              >
                {FLAG_LABELS[c]} {flagCounts.get(c)}
              </Tag>
            ))}
        </Space>
        {registryIssues.length > 0 && (
          <Collapse
            size="small"
            items={[
              {
                key: 'issues',
                label: (
                  <Typography.Text type="danger">
                    名册数据有 {registryIssues.length} 处错误（证号或人员重复、身份证号有误等），请核对
                  </Typography.Text>
                ),
                children: (
                  <ul style={{ margin: 0, maxHeight: 200, overflow: 'auto' }}>
                    {registryIssues.slice(0, 200).map((i, k) => (
                      <li key={k}>{i.message}</li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        )}
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="姓名或执法证号"
            aria-label="搜索姓名或执法证号"
            style={{ width: 200 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <DepartmentFilter departments={departmentOptions} value={departments} onChange={setDepartments} />
          <Select
            mode="multiple"
            allowClear
            aria-label="按人员性质筛选"
            placeholder="人员性质"
            style={{ minWidth: 150 }}
            value={types}
            onChange={setTypes}
            options={EMPLOYMENT_TYPES.map((t) => ({ value: t }))}
          />
          <Select
            mode="multiple"
            allowClear
            aria-label="按证件状态筛选"
            placeholder="证件状态"
            style={{ minWidth: 130 }}
            value={statuses}
            onChange={setStatuses}
            options={OFFICER_STATUSES.map((t) => ({ value: t }))}
          />
          <Select
            mode="multiple"
            allowClear
            aria-label="按提示筛选"
            placeholder="提示"
            style={{ minWidth: 150 }}
            value={flagFilter}
            onChange={setFlagFilter}
            options={(Object.keys(FLAG_LABELS) as OfficerFlagCode[]).map((c) => ({
              value: c,
              label: FLAG_LABELS[c],
            }))}
          />
        </Space>
        <VirtualTable
          ariaLabel="执法人员名册"
          columns={columns}
          rowCount={rows.length}
          height={520}
          onOpenRow={(r) => setOpenId(rows[r]!.o.id)}
          emptyText={officers === undefined ? '加载中…' : '暂无人员，请导入名册或新增人员'}
        />
        <Typography.Text type="secondary">
          双击或按回车查看详情、变更证件状态。身份证号一律脱敏显示；到期提醒天数可在“设置”中修改（当前{' '}
          {settings.expiryWarningDays} 天）。
        </Typography.Text>
      </Space>
      {open && (
        <OfficerDrawer
          officer={open}
          flags={officerFlags(open, today, officerSettings)}
          actor={operator.label}
          onEdit={() => setEditing(open)}
          onClose={() => setOpenId(null)}
        />
      )}
      {editing && (
        <OfficerForm
          officer={editing === 'new' ? null : editing}
          departments={departmentOptions}
          actor={operator.label}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setOpenId(saved.id);
          }}
        />
      )}
    </Card>
  );
}

function OfficerDrawer(props: {
  officer: OfficerRecord;
  flags: OfficerFlag[];
  actor: string;
  onEdit: () => void;
  onClose: () => void;
}) {
  const { officer } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ to: OfficerStatus; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const targets = OFFICER_STATUSES.filter((s) => s !== officer.status);
  async function change(v: { to: OfficerStatus; reason: string }) {
    setError(null);
    try {
      await officerStore.changeOfficerStatus(officer.id, v.to, v.reason ?? '', props.actor);
      message.success(`已将${officer.name}的证件状态变更为“${v.to}”`);
      form.resetFields();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <Drawer
      open
      width={560}
      title={`${officer.name}（${officer.department}）`}
      onClose={props.onClose}
      data-testid="officer-drawer"
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={16}>
        <FlagTags flags={props.flags} />
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="姓名">{officer.name}</Descriptions.Item>
          <Descriptions.Item label="性别">{officer.gender ?? ''}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{maskIdNumber(officer.idNumber)}</Descriptions.Item>
          <Descriptions.Item label="执法部门">{officer.department}</Descriptions.Item>
          <Descriptions.Item label="岗位">{officer.post}</Descriptions.Item>
          <Descriptions.Item label="人员性质">{officer.employmentType}</Descriptions.Item>
          <Descriptions.Item label="执法证号">{officer.certificateNo}</Descriptions.Item>
          <Descriptions.Item label="执法区域/类别">{officer.areas.join('、')}</Descriptions.Item>
          <Descriptions.Item label="发证日期">{officer.issueDate ?? ''}</Descriptions.Item>
          <Descriptions.Item label="有效期至">{officer.expiryDate ?? ''}</Descriptions.Item>
          <Descriptions.Item label="证件状态">
            <Tag color={STATUS_COLOR[officer.status]}>{officer.status}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="在执法岗位">{officer.inEnforcementPost ? '是' : '否'}</Descriptions.Item>
        </Descriptions>
        <Button onClick={props.onEdit}>修改信息</Button>
        {officer.status !== '注销' ? (
          <Card size="small" title="变更证件状态">
            <Form form={form} layout="vertical" onFinish={(v) => void change(v)}>
              <Form.Item name="to" label="变更为" rules={[{ required: true, message: '请选择新的状态' }]}>
                <Select aria-label="新状态" options={targets.map((s) => ({ value: s }))} />
              </Form.Item>
              <Form.Item
                name="reason"
                label="原因（必填，记入状态历史）"
                rules={[{ required: true, whitespace: true, message: '变更证件状态必须填写原因' }]}
              >
                <Input.TextArea aria-label="变更原因" rows={2} />
              </Form.Item>
              <Button type="primary" htmlType="submit">
                确认变更
              </Button>
            </Form>
            {error && <Alert style={{ marginTop: 8 }} type="error" showIcon message={error} />}
          </Card>
        ) : (
          <Alert type="info" showIcon message="证件已注销，不能恢复；如需继续执法，请重新申领证件。" />
        )}
        <Card size="small" title="状态历史">
          <Timeline
            data-testid="status-history"
            items={[...officer.statusHistory].reverse().map((h) => ({
              color: h.to === '有效' ? 'green' : h.to === '暂扣' ? 'orange' : 'gray',
              children: (
                <>
                  <div>
                    <b>{formatDate(h.at)}</b> {h.from ? `${h.from} → ${h.to}` : `登记为“${h.to}”`}
                  </div>
                  <div>{h.reason}</div>
                  <Typography.Text type="secondary">经办人：{h.by}</Typography.Text>
                </>
              ),
            }))}
          />
        </Card>
      </Space>
    </Drawer>
  );
}
