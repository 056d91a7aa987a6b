import { startTransition, useEffect, useState } from 'react';

/**
 * How many of `total` rows to render now: `step` at first, then `step` more in each following task
 * until all are shown. A table of many rich rows (buttons, dropdowns, tooltips) committed at once is
 * one long main-thread task; committed a few rows per task it never blocks input (issue 16).
 */
export function useProgressiveCount(total: number, step: number): number {
  const [count, setCount] = useState(step);
  useEffect(() => {
    if (count >= total) return;
    const timer = setTimeout(() => startTransition(() => setCount((c) => c + step)), 0);
    return () => clearTimeout(timer);
  }, [count, total, step]);
  return Math.min(count, total);
}
