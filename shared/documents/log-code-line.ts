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

/** The document with the code as its last paragraph (unchanged when there is no code). */
export function withLogCode(doc: OfficialDocument, line: LogCodeLine | null | undefined): OfficialDocument {
  if (!line) return doc;
  return { ...doc, blocks: [...doc.blocks, { type: 'paragraph', text: logCodeText(line) }] };
}
