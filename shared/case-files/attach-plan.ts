// The confirmation table of a bulk attach: each chosen case file with what the app would do with it
// (attach to the drawn file its name names, ask the user to choose, or refuse it and say why).
import { matchFileName, type CaseFileMatch, type DrawnCase } from './case-number-match';
import { checkPdf } from './pdf-check';
import type { SourceFile } from './case-file-sources';

export interface AttachPlanRow {
  key: string;
  name: string;
  size: number;
  match: CaseFileMatch;
  /** The drawn file it will be attached to (the match, or the user's choice); null = not attached. */
  itemId: string | null;
  /** Why the file cannot be attached at all (encrypted, broken …); null when it can. */
  refusal: string | null;
}

export function planAttachments(files: readonly SourceFile[], drawn: readonly DrawnCase[]): AttachPlanRow[] {
  return files.map((f, i) => {
    const check = checkPdf(f.name, f.bytes);
    const match = matchFileName(f.name, drawn);
    return {
      key: `${i}:${f.name}`,
      name: f.name,
      size: f.bytes.length,
      match,
      itemId: check.ok && match.status === 'matched' ? match.itemId : null,
      refusal: check.ok ? null : check.reason,
    };
  });
}

/** What the table says: how many will be attached, still need a choice, or are refused. */
export function planSummary(rows: readonly AttachPlanRow[]): string {
  const ready = rows.filter((r) => r.itemId && !r.refusal).length;
  const open = rows.filter((r) => !r.itemId && !r.refusal).length;
  const refused = rows.filter((r) => r.refusal).length;
  const parts = [`将导入 ${ready} 个文件`];
  if (open) parts.push(`${open} 个未确定所属案卷（请在“附到案卷”中选择，不选则不导入）`);
  if (refused) parts.push(`${refused} 个不能导入`);
  return parts.join('；') + '。';
}
