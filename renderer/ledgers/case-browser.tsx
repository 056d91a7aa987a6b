import { useDeferredValue, useMemo, useState } from 'react';
import { Card, DatePicker, Drawer, Input, Select, Space, Spin, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCaseIndex } from './case-index-context';
import { VirtualTable, type VirtualColumn } from '../ui/virtual-table';
import { formatCount, formatFen } from './format';
import { CaseDetail } from './case-detail';
import { useRuleCensus } from './use-rule-census';
import { flaggedItemIds } from '@shared/rules/census-summary';
import type { RulePack } from '@shared/rules/rule-pack';

/** 台账体检 filter: files flagged by one rule, or by any ('*'). */
const ANY_RULE = '*';

export function CaseBrowser() {
  const { index, version, loading } = useCaseIndex();
  const [departments, setDepartments] = useState<string[]>([]);
  const [caseTypes, setCaseTypes] = useState<string[]>([]);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [open, setOpen] = useState<number | null>(null);
  const [rule, setRule] = useState<string | null>(null);
  const census = useRuleCensus();
  const flagged = useMemo(
    () => (census && rule !== null ? flaggedItemIds(census.summary, rule === ANY_RULE ? null : rule) : null),
    [census, rule],
  );

  const options = useMemo(
    () => ({
      departments: index.distinct('department').map((d) => ({ value: d, label: d })),
      caseTypes: index.distinct('caseType').map((t) => ({ value: t, label: t })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the index object is mutated in place; version tracks it
    [index, version],
  );

  const rows = useMemo(
    () => {
      const found = index.filter({
        departments,
        caseTypes,
        closedFrom: range?.[0]?.format('YYYY-MM-DD') ?? null,
        closedTo: range?.[1]?.format('YYYY-MM-DD') ?? null,
        search: deferredSearch,
      });
      if (!flagged) return found;
      return found.filter((i) => flagged.has(index.itemIdAt(i)));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
    [index, version, departments, caseTypes, range, deferredSearch, flagged],
  );

  const columns: VirtualColumn[] = useMemo(() => {
    const at = (r: number) => index.row(rows[r]!);
    return [
      { key: 'no', title: '序号', width: 70, minWidth: 48, align: 'right', render: (r) => r + 1 },
      { key: 'caseNo', title: '案件编号', width: 220, minWidth: 180, render: (r) => at(r).caseNo },
      { key: 'department', title: '执法部门', width: 200, minWidth: 120, render: (r) => at(r).department },
      { key: 'caseType', title: '案件类型', width: 96, minWidth: 72, render: (r) => at(r).caseType },
      { key: 'cause', title: '案由', width: 220, minWidth: 90, render: (r) => at(r).cause },
      { key: 'party', title: '当事人', width: 180, minWidth: 90, render: (r) => at(r).party },
      { key: 'filed', title: '立案日期', width: 104, minWidth: 92, render: (r) => at(r).filedDate ?? '' },
      { key: 'closed', title: '结案日期', width: 104, minWidth: 92, render: (r) => at(r).closedDate ?? '' },
      {
        key: 'amount',
        title: '金额（元）',
        width: 120,
        minWidth: 96,
        align: 'right',
        render: (r) => {
          const f = at(r).amountFen;
          return f === null ? '' : formatFen(f);
        },
      },
      { key: 'officer', title: '承办人', width: 120, minWidth: 70, render: (r) => at(r).officer },
    ];
  }, [index, rows]);

  return (
    <Card
      title={
        <Space>
          案卷浏览
          <Typography.Text type="secondary" data-testid="browse-count">
            共 {formatCount(index.size)} 件，筛选结果 {formatCount(rows.length)} 件
          </Typography.Text>
          {loading && <Spin size="small" />}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          mode="multiple"
          allowClear
          placeholder="执法部门（全部）"
          options={options.departments}
          value={departments}
          onChange={setDepartments}
          style={{ minWidth: 260 }}
          maxTagCount="responsive"
          aria-label="按执法部门筛选"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder="案件类型（全部）"
          options={options.caseTypes}
          value={caseTypes}
          onChange={setCaseTypes}
          style={{ minWidth: 200 }}
          maxTagCount="responsive"
          aria-label="按案件类型筛选"
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
          placeholder={['结案日期起', '结案日期止']}
          allowEmpty={[true, true]}
        />
        <Select
          allowClear
          placeholder="台账体检线索（不限）"
          value={rule}
          onChange={(v: string | undefined) => setRule(v ?? null)}
          style={{ minWidth: 240 }}
          aria-label="按台账体检线索筛选"
          options={[
            { value: ANY_RULE, label: '有任一线索' },
            ...(census?.summary.lines ?? [])
              .filter((l) => l.flagged > 0)
              .map((l) => ({ value: l.ruleId, label: `${l.title}（${formatCount(l.flagged)}）` })),
          ]}
        />
        <Input.Search
          allowClear
          placeholder="案件编号或当事人"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 240 }}
          aria-label="搜索案件编号或当事人"
        />
      </Space>
      <VirtualTable
        ariaLabel="案卷列表"
        columns={columns}
        rowCount={rows.length}
        height={520}
        onOpenRow={(r) => setOpen(rows[r]!)}
        emptyText={index.size ? '没有符合筛选条件的案卷' : '尚未导入台账'}
      />
      <Drawer width={640} open={open !== null} onClose={() => setOpen(null)} title="案卷详情">
        {open !== null && <CaseDetail index={index} row={open} />}
        {open !== null && (
          <CaseFlags
            flags={census?.summary.flagsByItem.get(index.row(open).itemId) ?? []}
            pack={census?.pack}
          />
        )}
      </Drawer>
    </Card>
  );
}

/** The 台账体检 leads on one file, each with its arithmetic and article. */
function CaseFlags({ flags, pack }: { flags: { ruleId: string; sentence: string }[]; pack?: RulePack }) {
  if (flags.length === 0) return null;
  return (
    <Card
      size="small"
      title="台账体检线索（须核实，不直接扣分）"
      style={{ marginTop: 16 }}
      data-testid="case-flags"
    >
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {flags.map((f, k) => {
          const r = pack?.rules.find((x) => x.id === f.ruleId);
          return (
            <li key={k}>
              {r ? `${r.title}：` : ''}
              {f.sentence}
              {r && (
                <Typography.Text type="secondary">
                  （《{r.citation.law}》{r.citation.article}）
                </Typography.Text>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

export function CountMatrixCard() {
  const { index, version } = useCaseIndex();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutated in place; version tracks it
  const m = useMemo(() => index.countMatrix(), [index, version]);
  const columns = [
    { title: '执法部门', dataIndex: 'department', key: 'department', fixed: 'left' as const, width: 190 },
    ...m.caseTypes.map((t, ti) => ({
      title: t,
      key: t,
      align: 'right' as const,
      width: 88,
      render: (_: unknown, row: { d: number }) =>
        m.counts[row.d]![ti] ? formatCount(m.counts[row.d]![ti]!) : '',
    })),
    {
      // The totals stay in view when the case types scroll sideways in a small window.
      title: '合计',
      key: 'total',
      align: 'right' as const,
      width: 84,
      fixed: 'right' as const,
      render: (_: unknown, row: { d: number }) => formatCount(m.rowTotals[row.d]!),
    },
  ];
  const data = m.departments.map((department, d) => ({ key: department, department, d }));
  return (
    <Card title={`部门 × 案件类型 统计（共 ${formatCount(m.total)} 件）`}>
      <Table
        size="small"
        columns={columns}
        dataSource={data}
        pagination={false}
        scroll={{ x: 'max-content', y: 560 }}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              {m.columnTotals.map((c, i) => (
                <Table.Summary.Cell index={i + 1} key={i} align="right">
                  {formatCount(c)}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={m.caseTypes.length + 1} align="right">
                {formatCount(m.total)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </Card>
  );
}
