// 总体推算: what the random sample says about all files of the city and of each department (issue 17).
// Figures come from shared/stats/campaign-estimates.ts; this panel only shows them and says which method each
// figure uses.
import { formatCount } from '@shared/util/number-format';
import { useMemo, useState } from 'react';
import { Alert, Card, Select, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { CampaignResults } from '@shared/review/results';
import {
  FILE_ATTRIBUTES,
  METHOD_TEXT,
  type AttributeKey,
  type CampaignEstimates,
  type PopulationEstimate,
} from '@shared/stats/campaign-estimates';
import { formatConfidence, formatPercent, shareRangeText } from '@shared/stats/estimate-text';
import { Chart } from './chart';
import { estimateChartOption } from './estimate-chart';
import { campaignEstimates, type CampaignResultData } from './use-campaign-results';

const CONFIDENCES = [0.9, 0.95, 0.99];

function MethodTag({ p }: { p: PopulationEstimate }) {
  if (p.method === null) return <Tag>无法推算</Tag>;
  return p.method === 'exact' ? (
    <Tag color="blue" title={METHOD_TEXT.exact}>
      精确区间
    </Tag>
  ) : (
    <Tag color="purple" title={METHOD_TEXT.stratified}>
      分层·正态近似
    </Tag>
  );
}

function FigureCell({ p, k }: { p: PopulationEstimate; k: AttributeKey }) {
  const f = p.figures.find((x) => x.key === k);
  if (!f) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div data-testid={`estimate-${p.name}-${k}`} style={{ lineHeight: 1.5 }}>
      <div>
        约 {formatCount(f.point)} 件（{formatPercent(f.pointShare)}）
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {f.degenerate ? (
          '正态近似不能给出区间'
        ) : (
          <>
            {formatCount(f.lower)}至{formatCount(f.upper)} 件（{shareRangeText(f.lowerShare, f.upperShare)}）
          </>
        )}
        <br />
        样本 {f.found}/{p.reviewed} 件
      </Typography.Text>
    </div>
  );
}

function MethodNotes({ est }: { est: CampaignEstimates }) {
  const c = est.city;
  const lines: string[] = [
    `样本：随机抽中 ${c.drawn} 件（已计入抽取后替换 ${est.replacements} 件、追加抽取 ${est.extraDraws} 次共 ${est.extraFiles} 件，均沿用同一随机顺序），` +
      `其中已定稿 ${c.reviewed} 件用于推算，尚未定稿的按随机缺失处理。`,
    `全市（${c.method ? METHOD_TEXT[c.method] : '无法推算'}）：估计值 Σ N_h·k_h/n_h（N_h 层内案卷数，n_h 层内定稿样本数，k_h 其中有该问题的件数），` +
      '方差 Σ N_h²(1 − n_h/N_h)·p_h(1 − p_h)/(n_h − 1)，区间 = 估计值 ± z·标准差，且不低于样本中已发现的件数、不高于总体减去样本中未发现的件数。',
    `各单位：单位即一层时用${METHOD_TEXT.exact}——下限为使 P(X ≥ k) > α/2 的最小问题案卷数 M，上限为使 P(X ≤ k) > α/2 的最大 M（X 服从超几何分布）；单位含多层时用分层估计。`,
  ];
  if (c.singleFileStrata > 0)
    lines.push(
      `${c.singleFileStrata} 个层只有 1 件定稿样本，无法估计层内方差，按最保守的 p(1 − p) = 1/4 计入。`,
    );
  if (c.uncoveredStrata > 0)
    lines.push(
      `${c.uncoveredStrata} 个层（共 ${formatCount(c.uncoveredFiles)} 件案卷）尚无定稿的样本案卷，未纳入推算，表中“总体”为已纳入的案卷数。`,
    );
  if (est.notInSample > 0) lines.push(`${est.notInSample} 件评查案卷不在随机样本中，未计入推算。`);
  return (
    <Alert
      type="info"
      showIcon
      data-testid="estimate-method"
      title="推算方法"
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      }
    />
  );
}

export function EstimatesPanel({ data, results }: { data: CampaignResultData; results: CampaignResults }) {
  const [confidence, setConfidence] = useState(0.95);
  const [attr, setAttr] = useState<AttributeKey>('fail');
  const est = useMemo(() => campaignEstimates(data, results.files, confidence), [data, results, confidence]);
  const label = FILE_ATTRIBUTES.find((a) => a.key === attr)!.label;
  const option = useMemo(() => (est ? estimateChartOption(est, attr, label) : null), [est, attr, label]);
  if (!est) {
    return (
      <Card size="small" title="总体推算">
        <Alert
          type="info"
          showIcon
          data-testid="estimate-none"
          title="该活动没有完整的随机抽取记录（含各层案卷数），不能由样本推算全部案卷的情况。"
        />
      </Card>
    );
  }
  const rows = [est.city, ...est.departments];
  const chartRows = rows.filter((p) => p.figures.length > 0).length;
  return (
    <Card
      size="small"
      title="总体推算：由随机样本推算全部案卷"
      data-testid="estimates-panel"
      extra={
        <Space>
          <Typography.Text>置信水平</Typography.Text>
          <Select
            data-testid="estimate-confidence"
            value={confidence}
            onChange={setConfidence}
            style={{ width: 96 }}
            options={CONFIDENCES.map((c) => ({ value: c, label: formatConfidence(c) }))}
          />
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <MethodNotes est={est} />
        <Table
          data-testid="estimate-table"
          size="small"
          rowKey="name"
          pagination={false}
          scroll={{ y: 480 }}
          dataSource={rows}
          columns={[
            { title: '范围', dataIndex: 'name', width: 150, fixed: 'left' },
            {
              title: '方法',
              key: 'm',
              width: 120,
              render: (_: unknown, p: PopulationEstimate) => <MethodTag p={p} />,
            },
            {
              title: '总体（件）',
              key: 'population',
              width: 90,
              render: (_: unknown, p: PopulationEstimate) =>
                p.method === null ? `${formatCount(p.populationTotal)}（未纳入）` : formatCount(p.population),
            },
            {
              title: '定稿/抽中',
              key: 's',
              width: 90,
              render: (_: unknown, p: PopulationEstimate) => `${p.reviewed}/${p.drawn}`,
            },
            ...FILE_ATTRIBUTES.map((a) => ({
              title: a.label,
              key: a.key,
              render: (_: unknown, p: PopulationEstimate) => <FigureCell p={p} k={a.key} />,
            })),
          ]}
        />
        <Segmented
          data-testid="estimate-attribute"
          value={attr}
          onChange={(v) => setAttr(v as AttributeKey)}
          options={FILE_ATTRIBUTES.map((a) => ({ value: a.key, label: a.label }))}
        />
        {option && (
          <Chart option={option} height={Math.max(240, 60 + chartRows * 22)} testId="chart-estimates" />
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          条形为点估计，黑线为 {formatConfidence(confidence)}{' '}
          置信区间；全市为分层估计的正态近似区间，单位为超几何分布精确区间（单位含多层时为分层估计）。
        </Typography.Text>
      </Space>
    </Card>
  );
}
