import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './charts';

// Drawing a chart (init + setOption) takes tens of milliseconds; a page with four charts drew them
// all in the effects of one commit, a single main-thread task of several hundred milliseconds
// (issue 16). Each chart now draws in a task of its own, one after another.
let drawQueue: Promise<void> = Promise.resolve();
function inOwnTask(work: () => void): void {
  drawQueue = drawQueue.then(
    () =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          try {
            work();
          } finally {
            resolve();
          }
        }, 0),
      ),
  );
}

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
  const mounted = useRef(true);
  /** The box size the chart was last drawn at. */
  const drawnSize = useRef('');
  useEffect(() => {
    const el = ref.current;
    mounted.current = true;
    // ResizeObserver reports the initial size too: redraw only when the box really changed.
    const ro =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            if (!el || !chart.current) return;
            const next = `${el.clientWidth}x${el.clientHeight}`;
            if (next === drawnSize.current) return;
            drawnSize.current = next;
            chart.current.resize();
          });
    if (el) ro?.observe(el);
    return () => {
      mounted.current = false;
      ro?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    inOwnTask(() => {
      const el = ref.current;
      if (!mounted.current || !el) return;
      try {
        if (!chart.current) {
          chart.current = echarts.init(el, undefined, { renderer: 'canvas' });
          drawnSize.current = `${el.clientWidth}x${el.clientHeight}`;
        }
        chart.current.setOption(option, true);
      } catch {
        // No canvas support (tests), or a chart that cannot draw: it must not take the page down;
        // the tables show the same figures.
      }
    });
  }, [option]);
  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}
