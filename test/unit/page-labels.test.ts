import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_KINDS,
  kindForKey,
  pageRangeText,
  setLabel,
  tableOfContents,
} from '@shared/case-files/page-labels';

describe('page labels', () => {
  it('one key per document kind, keys distinct', () => {
    expect(kindForKey('1')).toBe('立案审批表');
    expect(kindForKey('7')).toBe('送达回证');
    expect(kindForKey('x')).toBeNull();
    expect(new Set(DOCUMENT_KINDS.map((k) => k.key)).size).toBe(DOCUMENT_KINDS.length);
  });

  it('runs of pages become the table of contents, in page order', () => {
    let labels = {};
    labels = setLabel(labels, 11, '送达回证');
    labels = setLabel(labels, 0, '立案审批表');
    labels = setLabel(labels, 2, '调查询问笔录');
    labels = setLabel(labels, 3, '调查询问笔录');
    labels = setLabel(labels, 4, '调查询问笔录');
    labels = setLabel(labels, 6, '调查询问笔录');
    const toc = tableOfContents(labels);
    expect(toc).toEqual([
      { kind: '立案审批表', from: 0, to: 0 },
      { kind: '调查询问笔录', from: 2, to: 4 },
      { kind: '调查询问笔录', from: 6, to: 6 },
      { kind: '送达回证', from: 11, to: 11 },
    ]);
    expect(toc.map(pageRangeText)).toEqual(['第 1 页', '第 3–5 页', '第 7 页', '第 12 页']);
    expect(tableOfContents(setLabel(labels, 3, null)).map(pageRangeText)).toEqual([
      '第 1 页',
      '第 3 页',
      '第 5 页',
      '第 7 页',
      '第 12 页',
    ]);
  });
});
