// Page labels (issue 27): a reviewer marks which document of the 案卷 each page is, one key per kind,
// and the labels read as the file's table of contents. Kinds follow the order of a penalty 案卷.

export const DOCUMENT_KINDS = [
  { key: '1', name: '立案审批表' },
  { key: '2', name: '调查询问笔录' },
  // Digits are taken (0 resets the zoom): c for 检查 (jiǎnchá).
  { key: 'c', name: '现场检查笔录' },
  { key: '3', name: '告知书' },
  { key: '4', name: '听证通知' },
  { key: '5', name: '法制审核意见' },
  { key: '6', name: '处罚决定书' },
  { key: '7', name: '送达回证' },
  { key: '8', name: '结案报告' },
  { key: '9', name: '其他材料' },
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number]['name'];

/** The kind a key labels a page with, or null for any other key. */
export function kindForKey(key: string): DocumentKind | null {
  return DOCUMENT_KINDS.find((k) => k.key === key)?.name ?? null;
}

/** Labels by page index (0-based); a page without a label is absent. */
export type PageLabels = Record<number, DocumentKind>;

export function setLabel(labels: PageLabels, page: number, kind: DocumentKind | null): PageLabels {
  const next: PageLabels = { ...labels };
  if (kind) next[page] = kind;
  else delete next[page];
  return next;
}

export interface TocEntry {
  kind: DocumentKind;
  /** First and last page index of a run of pages with the same label. */
  from: number;
  to: number;
}

/** Runs of consecutive pages with the same label, in page order. */
export function tableOfContents(labels: PageLabels): TocEntry[] {
  const pages = Object.keys(labels)
    .map(Number)
    .sort((a, b) => a - b);
  const out: TocEntry[] = [];
  for (const p of pages) {
    const kind = labels[p]!;
    const last = out.at(-1);
    if (last && last.kind === kind && last.to === p - 1) last.to = p;
    else out.push({ kind, from: p, to: p });
  }
  return out;
}

/** 第 3 页 / 第 3–5 页 (1-based, as printed). */
export function pageRangeText(e: { from: number; to: number }): string {
  return e.from === e.to ? `第 ${e.from + 1} 页` : `第 ${e.from + 1}–${e.to + 1} 页`;
}
