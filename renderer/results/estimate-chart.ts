// Chart of population estimates: a bar per population (全市 and each department) at the point estimate's
// share, with an error bar from the lower to the upper limit (ECharts custom series).
import { CustomChart } from 'echarts/charts';
import type { AttributeKey, CampaignEstimates } from '@shared/stats/campaign-estimates';
import { formatConfidence, formatPercent, shareRangeText } from '@shared/stats/estimate-text';
import { echarts, type ChartOption } from './charts';

echarts.use([CustomChart]);

const FONT = { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' };

export interface EstimateChartRow {
  name: string;
  point: number;
  lower: number;
  upper: number;
}

/** Rows for one attribute: 全市 first, then departments with a figure. Shares in percent. */
export function estimateChartRows(est: CampaignEstimates, key: AttributeKey): EstimateChartRow[] {
  const rows: EstimateChartRow[] = [];
  for (const p of [est.city, ...est.departments]) {
    const f = p.figures.find((x) => x.key === key);
    if (!f) continue;
    rows.push({
      name: p.name,
      point: f.pointShare * 100,
      lower: f.lowerShare * 100,
      upper: f.upperShare * 100,
    });
  }
  return rows;
}

interface RenderApi {
  value(dim: number): number;
  coord(v: [number, number]): [number, number];
  size(v: [number, number]): [number, number];
}

export function estimateChartOption(
  est: CampaignEstimates,
  key: AttributeKey,
  label: string,
  animation = true,
): ChartOption {
  // Top to bottom in the chart: 全市 first (category axes run bottom-up, so reverse).
  const rows = estimateChartRows(est, key).reverse();
  const stroke = { stroke: '#262626', lineWidth: 1.5 };
  return {
    animation,
    textStyle: FONT,
    title: {
      text: `推算有${label}的案卷占比（${formatConfidence(est.confidence)} 置信区间）`,
      left: 'center',
      textStyle: { fontSize: 15 },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = params as { dataIndex: number }[];
        const r = rows[list[0]?.dataIndex ?? 0];
        if (!r) return '';
        return `${r.name}<br/>点估计 ${formatPercent(r.point / 100)}<br/>区间 ${shareRangeText(r.lower / 100, r.upper / 100)}`;
      },
    },
    grid: { left: 8, right: 48, top: 40, bottom: 24, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { fontSize: 11 } },
    series: [
      {
        name: '点估计',
        type: 'bar',
        barMaxWidth: 14,
        itemStyle: { color: '#69b1ff' },
        data: rows.map((r) => Math.round(r.point * 10) / 10),
      },
      {
        name: '置信区间',
        type: 'custom',
        z: 10,
        encode: { x: [1, 2], y: 0 },
        data: rows.map((r, i) => [i, r.lower, r.upper]),
        renderItem: (_params: unknown, api: RenderApi) => {
          const cat = api.value(0);
          const a = api.coord([api.value(1), cat]);
          const b = api.coord([api.value(2), cat]);
          const h = api.size([0, 1])[1] * 0.5;
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: stroke },
              {
                type: 'line',
                shape: { x1: a[0], y1: a[1] - h / 2, x2: a[0], y2: a[1] + h / 2 },
                style: stroke,
              },
              {
                type: 'line',
                shape: { x1: b[0], y1: b[1] - h / 2, x2: b[0], y2: b[1] + h / 2 },
                style: stroke,
              },
            ],
          };
        },
      },
    ],
  };
}
