// One line per figure, the same shape in every benchmark:  name  value unit (target <= x unit)  OK|OVER
export function report(name: string, value: number, unit: string, target?: number): void {
  const v =
    unit === 's'
      ? value.toFixed(2)
      : unit === 'ms'
        ? value.toFixed(1)
        : String(Math.round(value * 100) / 100);
  const t = target === undefined ? '' : `  (target <= ${target} ${unit})  ${value <= target ? 'OK' : 'OVER'}`;
  console.log(`${name.padEnd(44)} ${v} ${unit}${t}`);
}

export async function timed<T>(f: () => T | Promise<T>): Promise<{ result: T; seconds: number }> {
  const t0 = performance.now();
  const result = await f();
  return { result, seconds: (performance.now() - t0) / 1000 };
}
