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

/** Category labels wrap onto at most this many lines; longer ones end in … (the tooltip has all). */
const LABEL_LINES = 2;
const LABEL_FONT = 12;
const LABEL_LINE_HEIGHT = 14;

/** A label cut to what fits in `lines` lines of `width` px (CJK characters are one font size wide). */
export function fitLabel(text: string, width: number, lines = LABEL_LINES, fontSize = LABEL_FONT): string {
  const chars = Array.from(text);
  const perLine = Math.max(1, Math.floor(width / fontSize));
  const max = perLine * lines;
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

/**
 * Horizontal bars with the category names wrapped beside them: long names never overlap or run
 * out of the picture. `labelWidth` is the room for names (px).
 */
export function topProblemsOption(
  r: CampaignResults,
  top = 10,
  animation = true,
  labelWidth = 210,
): ChartOption {
  const items = r.problemsByItem.slice(0, top).reverse();
  return {
    animation,
    textStyle: FONT,
    title: {
      text: `问题较多的评查项（前 ${top} 项，按涉及案卷数）`,
      left: 'center',
      textStyle: { fontSize: 15 },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const i = items[ps[0]?.dataIndex ?? -1];
        return i ? `${i.title}：${i.fileCount} 件` : '';
      },
    },
    grid: { left: 8, right: 36, top: 40, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: items.map((i) => fitLabel(i.title, labelWidth)),
      axisLabel: {
        interval: 0,
        width: labelWidth,
        overflow: 'break',
        fontSize: LABEL_FONT,
        lineHeight: LABEL_LINE_HEIGHT,
      },
    },
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
    // Room below the category names for the legend: they must not overlap.
    grid: { left: 8, right: 16, top: 40, bottom: 56 },
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

/**
 * Rates as horizontal bars, one row per system: the names (执法全过程记录, 重大执法决定法制审核) sit
 * on their own lines beside the bars instead of side by side under them, where they overlapped.
 */
export function threeSystemsOption(r: CampaignResults, animation = true, labelWidth = 96): ChartOption {
  const rows = [...r.threeSystems].reverse();
  return {
    animation,
    textStyle: FONT,
    title: { text: '三项制度落实率', left: 'center', textStyle: { fontSize: 15 } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const t = rows[ps[0]?.dataIndex ?? -1];
        return t ? `${t.tag}：${t.rateText}` : '';
      },
    },
    grid: { left: 8, right: 56, top: 40, bottom: 8 },
    // 0% / 50% / 100% only: six ticks would run into each other in a narrow card.
    xAxis: { type: 'value', max: 100, interval: 50, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      data: rows.map((t) => fitLabel(t.tag, labelWidth)),
      axisLabel: {
        interval: 0,
        width: labelWidth,
        overflow: 'break',
        fontSize: LABEL_FONT,
        lineHeight: LABEL_LINE_HEIGHT,
      },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((t) => (t.permille === null ? 0 : t.permille / 10)),
        itemStyle: { color: '#389e0d' },
        barMaxWidth: 36,
        label: {
          show: true,
          position: 'right',
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
