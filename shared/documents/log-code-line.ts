// The 留痕校验码 line printed on a draw record, an issued letter and the 通报: the short code of the
// signed log checkpoint written when the document was made, and the office key's fingerprint, so
// anyone holding the paper can later ask `pingcha log verify BACKUP --head CODE`.
import type { OfficialDocument } from './layout-model';

export interface LogCodeLine {
  code: string;
  fingerprint: string | null;
}

export function logCodeText(line: LogCodeLine): string {
  return `留痕校验码：${line.code}${line.fingerprint ? `（本单位签名密钥指纹 ${line.fingerprint}）` : ''}`;
}

/** Where the code is printed: the footer margin in small type (default), or the 附注 (设置 → 整改函). */
export type LogCodePlacement = 'footer' | 'note';

/**
 * The document with its code outside the 正文 (unchanged when there is no code): in the footer margin of every
 * page in small type, or appended to the 附注 under the 成文日期. Never a paragraph of the text above the seal.
 */
export function withLogCode(
  doc: OfficialDocument,
  line: LogCodeLine | null | undefined,
  placement: LogCodePlacement = 'footer',
): OfficialDocument {
  if (!line) return doc;
  const text = logCodeText(line);
  if (placement === 'footer') return { ...doc, marginNote: text };
  const note = doc.note?.trim().replace(/^[（(]|[）)]$/gu, '') ?? '';
  return { ...doc, note: note === '' ? text : `${note}；${text}` };
}
