// 台账体检 in the planner: the census leads inside the campaign's scope per department and rule, and the
// optional purposive stratum “台账体检发现” (rules chosen, own quota), drawn by the same sampler and seed
// apart from the random draw and recorded with the rule pack's SHA-256 (renderer/workers/draw-service.ts).
import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { CaseIndex } from '@shared/cases/case-index';
import { PURPOSIVE_STRATUM } from '@shared/draw/purposive';
import { useRuleCensus } from '../ledgers/use-rule-census';

export interface PurposiveChoice {
  on: boolean;
  ruleIds: string[];
  quota: number | null;
  /** 定向抽取: files named on purpose, each with its reason. */
  named: { itemId: string; caseNo: string; department: string; reason: string }[];
}

/** The file in scope a typed case number (or 执法部门|案件编号) names, or why there is none. */
export function findNamedFile(
  index: CaseIndex,
  rows: Int32Array,
  typed: string,
): { itemId: string; caseNo: string; department: string } | string {
  const t = typed.trim();
  if (t === '') return '请输入案件编号。';
  // compared in the index's buffers: no string made per row
  const ids = index.textColumn('itemId');
  const caseNos = index.textColumn('caseNo');
  const hits: number[] = [];
  for (const i of rows) if (ids.equals(i, t) || caseNos.equals(i, t)) hits.push(i);
  if (hits.length === 0) return `本活动范围内没有案件编号为“${t}”的案卷。`;
  if (hits.length > 1)
    return `本活动范围内有 ${hits.length} 件案件编号为“${t}”的案卷（不同部门），请输入“执法部门|案件编号”。`;
  const { itemId, caseNo, department } = index.row(hits[0]!);
  return { itemId, caseNo, department };
}

/** Leads in scope: department -> rule id -> files, and the files each rule flagged in scope. */
export function scopeLeads(
  index: CaseIndex,
  rows: Int32Array,
  flagsByItem: ReadonlyMap<string, { ruleId: string }[]>,
): { byDepartment: Map<string, Map<string, number>>; files: Map<string, Set<string>> } {
  const byDepartment = new Map<string, Map<string, number>>();
  const files = new Map<string, Set<string>>();
  for (const i of rows) {
    const id = index.itemIdAt(i);
    const flags = flagsByItem.get(id);
    if (!flags) continue;
    const d = index.departmentAt(i);
    const row = byDepartment.get(d) ?? new Map<string, number>();
    byDepartment.set(d, row);
    for (const f of new Set(flags.map((x) => x.ruleId))) {
      row.set(f, (row.get(f) ?? 0) + 1);
      const set = files.get(f) ?? new Set<string>();
      set.add(id);
      files.set(f, set);
    }
  }
  return { byDepartment, files };
}

export function PurposivePlanner({
  index,
  version,
  rows,
  value,
  onChange,
}: {
  index: CaseIndex;
  version: number;
  rows: Int32Array;
  value: PurposiveChoice;
  onChange: (v: PurposiveChoice) => void;
}) {
  const census = useRuleCensus();
  const [typedNo, setTypedNo] = useState('');
  const [typedReason, setTypedReason] = useState('');
  const [namedError, setNamedError] = useState<string | null>(null);
  const addNamed = () => {
    const hit = findNamedFile(index, rows, typedNo);
    if (typeof hit === 'string') return setNamedError(hit);
    if (typedReason.trim() === '') return setNamedError('定向抽取必须写明理由。');
    if (value.named.some((n) => n.itemId === hit.itemId))
      return setNamedError(`“${hit.caseNo}”已在定向抽取名单中。`);
    setNamedError(null);
    setTypedNo('');
    setTypedReason('');
    onChange({ ...value, named: [...value.named, { ...hit, reason: typedReason.trim() }] });
  };
  const leads = useMemo(
    () => (census ? scopeLeads(index, rows, census.summary.flagsByItem) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutated in place; version tracks it
    [census, index, version, rows],
  );
  if (!census || !leads) return null;
  const rules = census.summary.lines.filter((l) => leads.files.has(l.ruleId));
  const chosen = new Set<string>();
  for (const id of value.ruleIds) for (const f of leads.files.get(id) ?? []) chosen.add(f);
  const departments = [...leads.byDepartment.keys()].sort();
  return (
    <Card title={`台账体检线索（本活动范围内 ${rules.length} 条规则有线索）`} data-testid="purposive-planner">
      {census.summary.stale > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${census.summary.stale} 份台账尚未按当前规则包体检：线索数不完整，也不能增加“${PURPOSIVE_STRATUM}”层。请到“执法台账 → 台账体检”点击“立即体检”。`}
        />
      )}
      {rules.length === 0 ? (
        <Typography.Text type="secondary">本活动范围内没有台账体检线索。</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey="department"
          pagination={false}
          scroll={{ x: true }}
          aria-label="各执法部门台账体检线索"
          dataSource={departments.map((department) => ({
            department,
            ...Object.fromEntries(leads.byDepartment.get(department)!),
          }))}
          columns={[
            { title: '执法部门', dataIndex: 'department', fixed: 'left', width: 200 },
            ...rules.map((l) => ({
              title: l.title,
              dataIndex: l.ruleId,
              align: 'right' as const,
              render: (n: number | undefined) => n ?? 0,
            })),
          ]}
        />
      )}
      <Space orientation="vertical" style={{ marginTop: 12 }}>
        <Checkbox
          checked={value.on}
          disabled={rules.length === 0 || census.summary.stale > 0}
          onChange={(e) => onChange({ ...value, on: e.target.checked })}
        >
          另设“{PURPOSIVE_STRATUM}
          ”层：从所选规则的线索中（已被随机抽中的除外），用同一种子、同一抽样方法按名额抽取；该层不参与总体推算
        </Checkbox>
        {value.on && (
          <Space wrap>
            <Select
              mode="multiple"
              style={{ minWidth: 360 }}
              placeholder="选择规则"
              aria-label="台账体检发现层的规则"
              value={value.ruleIds}
              onChange={(ruleIds: string[]) => onChange({ ...value, ruleIds })}
              options={rules.map((l) => ({
                value: l.ruleId,
                label: `${l.title}（${leads.files.get(l.ruleId)?.size ?? 0}）`,
              }))}
            />
            <span>名额</span>
            <InputNumber
              min={1}
              max={Math.max(1, chosen.size)}
              value={value.quota}
              onChange={(quota) => onChange({ ...value, quota })}
              aria-label="台账体检发现层名额"
            />
            <Typography.Text type="secondary">所选规则的线索共 {chosen.size} 件</Typography.Text>
          </Space>
        )}
        <Typography.Text strong>
          定向抽取（点名抽取的案卷，须写明理由，记入抽取记录，不参与总体推算）
        </Typography.Text>
        <Space wrap>
          <Input
            style={{ width: 260 }}
            placeholder="案件编号（或 执法部门|案件编号）"
            aria-label="定向抽取案件编号"
            value={typedNo}
            onChange={(e) => setTypedNo(e.target.value)}
          />
          <Input
            style={{ width: 300 }}
            placeholder="理由（如：群众举报）"
            aria-label="定向抽取理由"
            value={typedReason}
            onChange={(e) => setTypedReason(e.target.value)}
            onPressEnter={addNamed}
          />
          <Button onClick={addNamed}>加入定向抽取</Button>
        </Space>
        {namedError && <Typography.Text type="danger">{namedError}</Typography.Text>}
        {value.named.length > 0 && (
          <List
            size="small"
            aria-label="定向抽取名单"
            dataSource={value.named}
            renderItem={(n) => (
              <List.Item
                actions={[
                  <Button
                    key="remove"
                    size="small"
                    onClick={() =>
                      onChange({ ...value, named: value.named.filter((x) => x.itemId !== n.itemId) })
                    }
                  >
                    移除
                  </Button>,
                ]}
              >
                {n.department} {n.caseNo}：{n.reason}
              </List.Item>
            )}
          />
        )}
      </Space>
    </Card>
  );
}

/** Why the purposive choice cannot be drawn, or null. */
export function purposiveProblem(v: PurposiveChoice): string | null {
  if (!v.on) return null;
  if (v.ruleIds.length === 0) return `请为“${PURPOSIVE_STRATUM}”层选择至少一条规则。`;
  if (v.quota === null || !Number.isInteger(v.quota) || v.quota < 1)
    return `请填写“${PURPOSIVE_STRATUM}”层的名额（至少 1 件）。`;
  return null;
}
