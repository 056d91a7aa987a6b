import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './charts';

/** One ECharts chart; resizes with its box. Without a canvas (jsdom) it stays an empty box. */
export function Chart({
  option,
  height = 280,
  testId,
}: {
  option: ChartOption;
  height?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    try {
      chart.current = echarts.init(el, undefined, { renderer: 'canvas' });
    } catch {
      return; // no canvas support (tests)
    }
    const ro =
      typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => chart.current?.resize());
    ro?.observe(el);
    return () => {
      ro?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    try {
      chart.current?.setOption(option, true);
    } catch {
      // A chart that cannot draw must not take the page down; the tables show the same figures.
    }
  }, [option]);
  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}
