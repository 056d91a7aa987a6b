// ECharts with only the parts the results use (tree-shaken), chart options built from the shared
// results, and an offscreen PNG renderer for the report's embedded charts.
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { CampaignResults } from '@shared/review/results';
import { formatHalfPoints } from '@shared/standards/standard-model';

echarts.use([
  BarChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;

const GRADE_COLORS: Record<string, string> = {
  优秀: '#389e0d',
  良好: '#1677ff',
  合格: '#faad14',
  不合格: '#cf1322',
};
const FONT = { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' };

export function gradeDistributionOption(r: CampaignResults, animation = true): ChartOption {
  return {
    animation,
    textStyle: FONT,
    title: { text: '案卷评查等次分布', left: 'center', textStyle: { fontSize: 15 } },
    tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '62%'],
        center: ['50%', '52%'],
        label: { formatter: '{b}\n{c} 件' },
        data: r.gradeDistribution.map((g) => ({
          name: g.grade,
          value: g.count,
          itemStyle: { color: GRADE_COLORS[g.grade] ?? '#8c8c8c' },
        })),
      },
    ],
  };
}

const short = (s: string, n = 16): string =>
  Array.from(s).length > n ? Array.from(s).slice(0, n).join('') + '…' : s;

export function topProblemsOption(r: CampaignResults, top = 10, animation = true): ChartOption {
  const items = r.problemsByItem.slice(0, top).reverse();
  return {
    animation,
    textStyle: FONT,
    title: {
      text: `问题较多的评查项（前 ${top} 项，按涉及案卷数）`,
      left: 'center',
      textStyle: { fontSize: 15 },
    },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 36, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: '案卷数', minInterval: 1 },
    yAxis: { type: 'category', data: items.map((i) => short(i.title)) },
    series: [
      {
        type: 'bar',
        name: '涉及案卷',
        data: items.map((i) => i.fileCount),
        itemStyle: { color: '#1f4e99' },
        label: { show: true, position: 'right' },
      },
    ],
  };
}

export function problemsByGroupOption(r: CampaignResults, animation = true): ChartOption {
  return {
    animation,
    textStyle: FONT,
    title: { text: '问题类别（实体 / 程序 / 文书归档）', left: 'center', textStyle: { fontSize: 15 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: r.problemsByGroup.map((g) => g.group) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: '涉及案卷数',
        data: r.problemsByGroup.map((g) => g.fileCount),
        itemStyle: { color: '#1f4e99' },
      },
      {
        type: 'bar',
        name: '问题处数',
        data: r.problemsByGroup.map((g) => g.occurrences),
        itemStyle: { color: '#d48806' },
      },
      {
        type: 'bar',
        name: '扣分合计',
        data: r.problemsByGroup.map((g) => Number(formatHalfPoints(g.deductedHalfPoints))),
        itemStyle: { color: '#8c8c8c' },
      },
    ],
  };
}

export function threeSystemsOption(r: CampaignResults, animation = true): ChartOption {
  const rows = r.threeSystems;
  return {
    animation,
    textStyle: FONT,
    title: { text: '三项制度落实率', left: 'center', textStyle: { fontSize: 15 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((t) => t.tag), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        data: rows.map((t) => (t.permille === null ? 0 : t.permille / 10)),
        itemStyle: { color: '#389e0d' },
        label: {
          show: true,
          position: 'top',
          formatter: (p: { dataIndex: number }) => rows[p.dataIndex]?.rateText ?? '',
        },
      },
    ],
  };
}

/** Renders an option offscreen (main thread, canvas) and returns PNG bytes, e.g. for the report. */
export function renderChartPng(
  option: ChartOption,
  width: number,
  height: number,
  pixelRatio = 2,
): Uint8Array {
  const el = document.createElement('div');
  const chart = echarts.init(el, undefined, { renderer: 'canvas', width, height });
  try {
    chart.setOption({ ...option, animation: false, backgroundColor: '#ffffff' });
    const url = chart.getDataURL({ type: 'png', pixelRatio, backgroundColor: '#ffffff' });
    const b64 = url.slice(url.indexOf(',') + 1);
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } finally {
    chart.dispose();
  }
}
