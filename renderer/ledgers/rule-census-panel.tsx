// 台账体检 tab: every committed ledger checked against the rule pack — counts per rule with its article,
// what could not be checked and why, flags per department, and a re-run (in the import worker).
import { useState } from 'react';
import { App, Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { calendarYearsText } from '@shared/rules/working-days';
import { useImporterFactory } from './importer-context';
import { useRuleCensus } from './use-rule-census';
import { formatCount } from './format';

export function RuleCensusPanel() {
  const view = useRuleCensus();
  const makeImporter = useImporterFactory();
  const { message } = App.useApp();
  const [running, setRunning] = useState<string | null>(null);

  async function rerun() {
    const importer = makeImporter();
    setRunning('正在体检…');
    try {
      const r = await importer.runCensus((p) => setRunning(`正在体检第 ${p.done} / ${p.total} 份台账…`));
      void message.success(
        r.checkedImports === 0
          ? '所有台账均已按当前规则包体检，无需重新检查。'
          : `已体检 ${r.checkedImports} 份台账 ${formatCount(r.rows)} 件，发现线索 ${formatCount(r.flags)} 条。`,
      );
    } catch (e) {
      void message.error(`台账体检失败：${(e as Error).message}`);
    } finally {
      setRunning(null);
      importer.dispose();
    }
  }

  if (!view) return null;
  const { pack, packSha256, summary } = view;
  const flaggedRules = summary.lines.filter((l) => l.flagged > 0);
  const departments = Object.keys(summary.byDepartment).sort();

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title="台账体检"
        extra={
          <Button onClick={() => void rerun()} loading={running !== null} data-testid="census-rerun">
            立即体检
          </Button>
        }
      >
        <Typography.Paragraph data-testid="census-status">
          规则包 {pack.title} {pack.version}（SHA-256{' '}
          <Typography.Text code>{packSha256.slice(0, 16)}…</Typography.Text>
          ）；法定节假日日历已收录{calendarYearsText()}。已体检 {summary.current} 份台账
          {summary.stale > 0 && (
            <Tag color="orange">{summary.stale} 份待体检（新导入或规则、名录有变化）</Tag>
          )}
          ，发现线索 {formatCount(summary.totalFlags)} 条。{running}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          体检只看台账记载的内容：台账没有的列（如决定日期、告知日期、适用程序）无法检查，计入“无法检查”。线索须经评查人员核实，不直接扣分。
        </Typography.Paragraph>
        <Table
          size="small"
          rowKey="ruleId"
          pagination={false}
          aria-label="各规则体检结果"
          dataSource={summary.lines}
          columns={[
            {
              title: '规则',
              key: 'title',
              render: (_, l) => (
                <Space orientation="vertical" size={0}>
                  <span>
                    {l.title} {!l.enabled && <Tag>已停用</Tag>}
                  </span>
                  <Typography.Text type="secondary">{l.citation}</Typography.Text>
                </Space>
              ),
            },
            {
              title: '适用（件）',
              dataIndex: 'applicable',
              align: 'right',
              render: (n: number) => formatCount(n),
            },
            {
              title: '线索（件）',
              dataIndex: 'flagged',
              align: 'right',
              render: (n: number) =>
                n > 0 ? <Typography.Text type="danger">{formatCount(n)}</Typography.Text> : 0,
            },
            {
              title: '无法检查（件）',
              key: 'cannot',
              align: 'right',
              render: (_, l) =>
                l.cannotCheck === 0 ? (
                  0
                ) : (
                  <Tooltip
                    title={Object.entries(l.cannotCheckReasons)
                      .map(([why, n]) => `${why}：${formatCount(n)} 件`)
                      .join('；')}
                  >
                    <span>{formatCount(l.cannotCheck)}</span>
                  </Tooltip>
                ),
            },
          ]}
        />
      </Card>
      {flaggedRules.length > 0 && (
        <Card title="各执法部门线索数">
          <Table
            size="small"
            rowKey="department"
            pagination={false}
            scroll={{ x: true }}
            aria-label="各执法部门线索数"
            dataSource={departments.map((department) => ({
              department,
              ...summary.byDepartment[department],
            }))}
            columns={[
              { title: '执法部门', dataIndex: 'department', fixed: 'left', width: 200 },
              ...flaggedRules.map((l) => ({
                title: <Tooltip title={l.citation}>{l.title}</Tooltip>,
                dataIndex: l.ruleId,
                align: 'right' as const,
                render: (n: number | undefined) => n ?? 0,
              })),
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
