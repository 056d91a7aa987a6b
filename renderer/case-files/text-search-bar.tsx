// 查找 in the case file's text layer (issue 27): Ctrl+F in the viewer opens the bar; Enter / Shift+Enter
// go to the next / previous match (its page is shown and the match highlighted); Esc closes. A scan
// without a text layer says so (the page finder reads scans).
import { useEffect, useState, type KeyboardEvent } from 'react';
import { Button, Input, Space, Typography } from 'antd';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { findInText, searchKey, type PageText, type SearchHit } from '@shared/case-files/text-search';
import type { NormRect } from '@shared/case-files/pin-geometry';

/** Each page's text items with their rectangles, normalised to the page as pins are. */
async function readTextLayer(doc: PDFDocumentProxy): Promise<PageText[]> {
  const pages: PageText[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const view = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) => {
      if (!('str' in item) || item.str === '') return [];
      const [, , , , e, f] = item.transform as number[];
      const [x1, y1, x2, y2] = view.convertToViewportRectangle([e!, f!, e! + item.width, f! + item.height]);
      const x = Math.min(x1!, x2!) / view.width;
      const y = Math.min(y1!, y2!) / view.height;
      return [
        {
          str: item.str,
          rect: { x, y, w: Math.abs(x2! - x1!) / view.width, h: Math.abs(y2! - y1!) / view.height },
        },
      ];
    });
    pages.push({ page: i - 1, items });
  }
  return pages;
}

export interface TextSearch {
  open: boolean;
  show(): void;
  /** Highlights on a page: every match's rectangles, the current match's marked. */
  marksOn(page: number): { rect: NormRect; current: boolean }[];
  bar: { doc: PDFDocumentProxy | null; go: (page: number) => void; close(): void } & SearchState;
}

interface SearchState {
  query: string;
  setQuery(q: string): void;
  hits: SearchHit[] | null;
  setHits(h: SearchHit[] | null): void;
  at: number;
  setAt(i: number): void;
  asked: string;
  setAsked(q: string): void;
}

export function useTextSearch(doc: PDFDocumentProxy | null, go: (page: number) => void): TextSearch {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [asked, setAsked] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [at, setAt] = useState(0);
  useEffect(() => {
    setHits(null);
    setAsked('');
  }, [doc]);
  const marksOn = (page: number) =>
    (hits ?? []).flatMap((h, i) =>
      h.page === page ? h.rects.map((rect) => ({ rect, current: i === at })) : [],
    );
  return {
    open,
    show: () => setOpen(true),
    marksOn,
    bar: {
      doc,
      go,
      close: () => {
        setOpen(false);
        setHits(null);
        setAsked('');
      },
      query,
      setQuery,
      hits,
      setHits,
      at,
      setAt,
      asked,
      setAsked,
    },
  };
}

// The text of the open file, read once per document on the first search.
const textLayers = new WeakMap<PDFDocumentProxy, Promise<PageText[]>>();

export function TextSearchBar({ search }: { search: TextSearch }) {
  const { doc, go, close, query, setQuery, hits, setHits, at, setAt, asked, setAsked } = search.bar;
  const [status, setStatus] = useState('');
  if (!search.open) return null;
  const jump = (list: SearchHit[], i: number) => {
    setAt(i);
    go(list[i]!.page);
    setStatus(`第 ${i + 1} / ${list.length} 处（第 ${list[i]!.page + 1} 页）`);
  };
  const find = async (backwards: boolean) => {
    if (!doc) return;
    const key = searchKey(query);
    if (!key) return;
    if (hits && asked === key && hits.length > 0) {
      jump(hits, (at + (backwards ? hits.length - 1 : 1)) % hits.length);
      return;
    }
    setStatus('正在读取文字层…');
    let layer = textLayers.get(doc);
    if (!layer) textLayers.set(doc, (layer = readTextLayer(doc)));
    const pages = await layer;
    if (pages.every((p) => p.items.length === 0)) {
      setStatus('此文件没有文字层（扫描件），不能查找文字；可用“页面识别”读出各页的文书种类和案号。');
      return;
    }
    const found = findInText(pages, query);
    setHits(found);
    setAsked(key);
    if (found.length === 0) setStatus(`未找到“${query.trim()}”`);
    else jump(found, 0);
  };
  const onKey = (e: KeyboardEvent) => {
    // The viewer's own keys (J/K, digits for labels …) stay out of the search box.
    e.stopPropagation();
    if (e.key === 'Enter') {
      e.preventDefault();
      void find(e.shiftKey);
    } else if (e.key === 'Escape') close();
  };
  return (
    <Space size={6} style={{ padding: '4px 6px', borderBottom: '1px solid #eee' }} wrap>
      <Input
        size="small"
        autoFocus
        allowClear
        style={{ width: 220 }}
        aria-label="在电子案卷中查找（Enter 下一处，Shift+Enter 上一处，Esc 关闭）"
        data-testid="case-file-search"
        placeholder="查找文字"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKey}
      />
      <Button size="small" onClick={() => void find(true)}>
        上一处
      </Button>
      <Button size="small" onClick={() => void find(false)}>
        下一处
      </Button>
      <Typography.Text type="secondary" data-testid="case-file-search-status">
        {status}
      </Typography.Text>
      <Button size="small" type="text" aria-label="关闭查找" onClick={close}>
        ×
      </Button>
    </Space>
  );
}
