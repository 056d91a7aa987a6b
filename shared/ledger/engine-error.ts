// Engine errors (V8's RangeError and friends) never reach a user in English: a file that makes the engine
// give up is described in Chinese as too large or malformed.

/** Short Chinese description of an unexpected error thrown while reading a file. */
export function describeEngineError(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (/Invalid array length|Invalid typed array length|Array buffer allocation failed/i.test(text))
    return '数据量超出了程序能处理的范围';
  if (/Cannot create a string longer than|Invalid string length/i.test(text))
    return '其中的文字过长，超出了程序能处理的范围';
  if (/Maximum call stack size exceeded/i.test(text)) return '结构嵌套过深';
  if (/out of memory|allocation failed|heap/i.test(text)) return '内存不足';
  if (/[\u4e00-\u9fff]/.test(text)) return text; // already ours
  return '内容不符合格式';
}

/** True for the engine's resource errors (as opposed to a bug): the input was too big for it. */
export function isEngineResourceError(e: unknown): boolean {
  const text = e instanceof Error ? e.message : String(e);
  return /Invalid array length|Invalid typed array length|Array buffer allocation failed|Cannot create a string longer than|Invalid string length|Maximum call stack size exceeded|out of memory/i.test(
    text,
  );
}

/** The whole message for a file that could not be read because of an engine error. */
export function engineErrorMessage(fileName: string, e: unknown): string {
  return `文件“${fileName}”无法读取：${describeEngineError(e)}。请检查文件，或按部门或年度拆分成多个较小的文件后再导入。`;
}
