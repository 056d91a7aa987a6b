// The case file beside the score sheet (issue 27): the drawn file's scanned 案卷 rendered by pdf.js,
// with thumbnails, keyboard page navigation, zoom and rotation. A separate component: the score sheet
// only mounts it with the drawn file it shows.
//
// Keys (focus in the viewer): PageDown / → / J next page, PageUp / ← / K previous, Home / End first /
// last, + / - zoom, 0 fit width, R rotate clockwise, Ctrl+F find in the text layer.
import {
  memo,
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { Alert, Button, Card, Select, Space, Spin, Tooltip, Typography } from 'antd';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import {
  dragToRect,
  rectToShown,
  shownSize,
  type CasePin,
  type NormRect,
  type PageView,
  type Rotation,
} from '@shared/case-files/pin-geometry';
import { pinsOnPage, type DeductionRef, type PlacedPin } from '@shared/case-files/sheet-pins';
import type { ScoreSheet } from '@shared/review/scoring-engine';
import {
  caseFileStore,
  useCaseFilesOfItem,
  usePageLabels,
  caseFileReadingStore,
} from '../db/hooks/case-files';
import {
  DOCUMENT_KINDS,
  kindForKey,
  pageRangeText,
  tableOfContents,
  type DocumentKind,
  type PageLabels,
} from '@shared/case-files/page-labels';
import { openPdf } from './pdf-document';
import { pdfPages } from '../workers/pdf-page-render-client';
import { PageFinderPanel } from './page-finder-panel';
import { TextSearchBar, useTextSearch } from './text-search-bar';
import type { LedgerFacts } from '@shared/ocr/page-reading';

/** The score sheet with the drawn file's case file beside it (the sheet alone when it has none). */
export function CaseFileBeside(
  props: { campaignId: string; itemId: string; children: ReactNode } & PinProps,
) {
  const { children, ...viewer } = props;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start' }}>
      <div style={{ flex: '1 1 480px', minWidth: 0 }}>{children}</div>
      <CaseFileViewer {...viewer} />
    </div>
  );
}

/** What the viewer needs to show and draw pins: the sheet, its current deduction, the writer. */
export interface PinProps {
  /** The sheet whose deductions' pins are shown on the pages. */
  sheet?: ScoreSheet;
  /** The deduction a new pin goes to (the score sheet's current one), with its wording. */
  pinTarget?: { ref: DeductionRef; label: string } | null;
  onPin?: (ref: DeductionRef, pin: CasePin) => void;
  /** Open this page of this file (a pin chosen elsewhere). */
  jumpTo?: CasePin | null;
  /** Who labels pages (keys 1–9); without it the labels are only shown. */
  actor?: string;
  /** The drawn file as the ledger has it: the page finder checks the pages' 案号 and dates against it. */
  ledger?: LedgerFacts;
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

export function CaseFileViewer(props: { campaignId: string; itemId: string } & PinProps) {
  const { campaignId, itemId, sheet, pinTarget, onPin, jumpTo, actor, ledger } = props;
  const files = useCaseFilesOfItem(campaignId, itemId);
  const [chosen, setChosen] = useState<string | null>(null);
  const file = files?.find((f) => f.id === chosen) ?? files?.[0] ?? null;
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  /** Pages of the file as the page-drawing worker opened it (0 until then). */
  const [pages, setPages] = useState(0);
  const [error, setError] = useState('');
  const [page, setPage] = useState(0);
  const [zoom, setZoom] = useState(2);
  const [rotation, setRotation] = useState<Rotation>(0);
  const [drawing, setDrawing] = useState(false);
  const labels = usePageLabels(file?.sha256 ?? null);
  const label = (kind: DocumentKind | null) => {
    if (!file || !actor) return;
    caseFileStore
      .setPageLabel({ sha256: file.sha256, page, kind, actor })
      .catch((e: unknown) => setHint(e instanceof Error ? e.message : String(e)));
  };
  const [hint, setHint] = useState('');

  useEffect(() => {
    if (!file) return;
    let cancelled = false;
    let opened: PDFDocumentProxy | null = null;
    setDoc(null);
    setPages(0);
    setError('');
    setPage(0);
    void (async () => {
      const bytes = await caseFileStore.readCaseFileBytes(file.sha256);
      if (cancelled) return;
      if (!bytes) {
        setError(`“${file.name}”的内容缺失或与记录的 SHA-256 不符，不能显示。`);
        return;
      }
      try {
        // The page-drawing worker opens its copy first: the first page shows as soon as it can.
        const count = await pdfPages().open(file.sha256, bytes.slice());
        if (cancelled) return;
        setPages(count);
        // pdf.js on this thread reads the document only for the page finder.
        opened = await openPdf(bytes);
        if (cancelled) void opened.destroy();
        else setDoc(opened);
      } catch {
        if (!cancelled) setError(`“${file.name}”无法打开（PDF 已损坏）。`);
      }
    })();
    return () => {
      cancelled = true;
      if (opened) void opened.destroy();
      void pdfPages()
        .close(file.sha256)
        .catch(() => undefined);
    };
  }, [file?.sha256, file?.name, file]);

  const go = useCallback((p: number) => setPage(Math.max(0, Math.min(pages - 1, p))), [pages]);
  const search = useTextSearch(doc, go);
  useEffect(() => {
    if (!jumpTo || !files) return;
    const target = files.find((f) => f.sha256 === jumpTo.fileSha256);
    if (target && target.id !== file?.id) setChosen(target.id);
    if (target) setPage(jumpTo.page);
    // Only a new jump moves the page (not a file list refresh).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jumpTo]);
  useEffect(() => {
    if (jumpTo && pages > 0 && file?.sha256 === jumpTo.fileSha256) setPage(Math.min(jumpTo.page, pages - 1));
  }, [pages, file?.sha256, jumpTo]);
  const startPin = () => {
    if (!onPin) return;
    if (!pinTarget) {
      setHint('请先在评分表中选中一条扣分，再按 P 标注页面位置。');
      return;
    }
    setHint(`拖动鼠标框选“${pinTarget.label}”在本页的位置（Esc 取消）`);
    setDrawing(true);
  };

  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && (e.key === 'f' || e.key === 'F') && pages) {
      e.preventDefault();
      search.show();
    }
    if (!pages || e.ctrlKey || e.metaKey || e.altKey) return;
    const k = e.key;
    let handled = true;
    if (k === 'PageDown' || k === 'ArrowRight' || k === 'j' || k === 'J') go(page + 1);
    else if (k === 'PageUp' || k === 'ArrowLeft' || k === 'k' || k === 'K') go(page - 1);
    else if (k === 'Home') go(0);
    else if (k === 'End') go(pages - 1);
    else if (k === '+' || k === '=') setZoom((z) => Math.min(ZOOMS.length - 1, z + 1));
    else if (k === '-') setZoom((z) => Math.max(0, z - 1));
    else if (k === '0') setZoom(2);
    else if (k === 'r' || k === 'R') setRotation((r) => ((r + 90) % 360) as Rotation);
    else if (k === 'p' || k === 'P') startPin();
    else if (actor && kindForKey(k)) label(kindForKey(k));
    else if (actor && (k === 'Delete' || k === 'Backspace')) label(null);
    else if (actor && k === 'Enter' && file)
      caseFileReadingStore
        .confirmMachineLabel({ sha256: file.sha256, page, actor })
        .catch((err: unknown) => setHint(err instanceof Error ? err.message : String(err)));
    else if (k === 'Escape' && drawing) {
      setDrawing(false);
      setHint('');
    } else handled = false;
    if (handled) e.preventDefault();
  };

  // Nothing beside the sheet while the drawn file has no case file (the sheet keeps its width).
  if (!file || !files) return null;
  return (
    <Card
      size="small"
      title="电子案卷"
      style={{ flex: '1 1 420px', maxWidth: 720, minWidth: 0 }}
      styles={{ body: { padding: 0 } }}
    >
      <div
        data-testid="case-file-viewer"
        tabIndex={0}
        onKeyDown={onKey}
        aria-label={`电子案卷查看器：PageDown/PageUp 翻页，+/- 缩放，R 旋转，P 标注扣分位置，${DOCUMENT_KINDS.map((k) => `${k.key} ${k.name}`).join('、')} 标记页面，Delete 清除标记，Enter 确认机器识别`}
        style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 600, outline: 'none' }}
      >
        <Space wrap size={6} style={{ padding: 6, borderBottom: '1px solid #eee' }}>
          {files.length > 1 && (
            <Select
              aria-label="电子案卷文件"
              size="small"
              style={{ width: 220 }}
              value={file.id}
              onChange={setChosen}
              options={files.map((f) => ({ value: f.id, label: f.name }))}
            />
          )}
          <Tooltip title="上一页（PageUp / ←）">
            <Button size="small" onClick={() => go(page - 1)} disabled={page <= 0}>
              上一页
            </Button>
          </Tooltip>
          <Typography.Text data-testid="case-file-page">
            第 {pages ? page + 1 : 0} / {pages} 页
          </Typography.Text>
          <Tooltip title="下一页（PageDown / →）">
            <Button size="small" onClick={() => go(page + 1)} disabled={page >= pages - 1}>
              下一页
            </Button>
          </Tooltip>
          <Button size="small" aria-label="缩小" onClick={() => setZoom((z) => Math.max(0, z - 1))}>
            −
          </Button>
          <Typography.Text data-testid="case-file-zoom">{Math.round(ZOOMS[zoom]! * 100)}%</Typography.Text>
          <Button
            size="small"
            aria-label="放大"
            onClick={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))}
          >
            +
          </Button>
          <Button
            size="small"
            aria-label="顺时针旋转"
            onClick={() => setRotation((r) => ((r + 90) % 360) as Rotation)}
          >
            旋转 {rotation}°
          </Button>
          {onPin && (
            <Tooltip title="按 P 后在页面上拖动，把当前扣分标注到该位置">
              <Button
                size="small"
                type={drawing ? 'primary' : 'default'}
                onClick={startPin}
                data-testid="case-file-pin"
              >
                标注位置（P）
              </Button>
            </Tooltip>
          )}
        </Space>
        <TextSearchBar search={search} />
        {hint && (
          <Typography.Text type="secondary" style={{ padding: '2px 8px' }} data-testid="case-file-hint">
            {hint}
          </Typography.Text>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        {!pages && !error && <Spin style={{ margin: 24 }} />}
        {pages > 0 && (
          <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
            <div style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
              <Contents labels={labels ?? {}} onPick={go} />
              {doc && (
                <PageFinderPanel
                  doc={doc}
                  sha256={file.sha256}
                  labels={labels ?? {}}
                  ledger={ledger}
                  onPick={go}
                />
              )}
              <Thumbnails
                fileKey={file.sha256}
                pages={pages}
                current={page}
                onPick={go}
                labels={labels ?? {}}
              />
            </div>
            <div style={{ flex: 1, overflow: 'auto', background: '#f0f0f0', padding: 8 }}>
              <PageCanvas
                fileKey={file.sha256}
                pages={pages}
                page={page}
                scale={ZOOMS[zoom]!}
                rotation={rotation}
                pins={sheet ? pinsOnPage(sheet, file.sha256, page) : []}
                marks={search.marksOn(page)}
                drawing={drawing}
                onDrawn={(rect) => {
                  setDrawing(false);
                  if (!rect || !pinTarget || !onPin) {
                    setHint(rect ? '' : '框选区域太小，未标注。');
                    return;
                  }
                  onPin(pinTarget.ref, { fileSha256: file.sha256, page, rect });
                  setHint(`已标注：“${pinTarget.label}”第 ${page + 1} 页`);
                }}
              />
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}

/**
 * One page at the chosen zoom and rotation (device pixels), drawn in the page-drawing worker and
 * blitted here; the pages either side are drawn ahead into its cache. Its pins on top.
 */
function PageCanvas(props: {
  fileKey: string;
  pages: number;
  page: number;
  scale: number;
  rotation: Rotation;
  pins: PlacedPin[];
  /** Search matches on this page (the current one stronger). */
  marks: { rect: NormRect; current: boolean }[];
  drawing: boolean;
  onDrawn: (rect: NormRect | null) => void;
}) {
  const { fileKey, pages, page, scale, rotation, pins, marks, drawing, onDrawn } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const [rendered, setRendered] = useState('');
  const [view, setView] = useState<PageView | null>(null);
  const [drag, setDrag] = useState<{ from: { x: number; y: number }; to: { x: number; y: number } } | null>(
    null,
  );
  useEffect(() => {
    let cancelled = false;
    const ratio = window.devicePixelRatio || 1;
    const request = { key: fileKey, scale: scale * ratio, rotation };
    const drawer = pdfPages();
    // A page asked before this one and not started is no longer wanted (keys held down).
    drawer.dropQueued(fileKey, 'shown');
    drawer.dropQueued(fileKey, 'ahead');
    void drawer.page({ ...request, page }, 'shown').then(
      ({ bitmap, pageWidth, pageHeight }) => {
        const c = canvas.current;
        if (cancelled || !c) return;
        c.width = bitmap.width;
        c.height = bitmap.height;
        c.getContext('2d')?.drawImage(bitmap, 0, 0);
        const shown = shownSize({ width: pageWidth, height: pageHeight, scale, rotation });
        c.style.width = `${shown.width}px`;
        c.style.height = `${shown.height}px`;
        setView({ width: pageWidth, height: pageHeight, scale, rotation });
        setRendered(`${page}:${scale}:${rotation}`);
        // Drawn ahead: the next page first (reading forward), then the previous one.
        for (const p of [page + 1, page - 1])
          if (p >= 0 && p < pages) drawer.page({ ...request, page: p }, 'ahead').catch(() => undefined);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [fileKey, pages, page, scale, rotation]);
  const at = (e: MouseEvent) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const band = view && drag ? bandOf(drag.from, drag.to) : null;
  return (
    <div style={{ position: 'relative', width: 'fit-content', margin: '0 auto' }}>
      <canvas
        ref={canvas}
        data-testid="case-file-canvas"
        data-rendered={rendered}
        style={{ display: 'block', background: '#fff', boxShadow: '0 0 4px #aaa' }}
      />
      {view && (
        <div
          data-testid="case-file-overlay"
          style={{ position: 'absolute', inset: 0, cursor: drawing ? 'crosshair' : 'default' }}
          onMouseDown={(e) => {
            if (!drawing) return;
            e.preventDefault();
            const p = at(e);
            setDrag({ from: p, to: p });
          }}
          onMouseMove={(e) => drag && setDrag({ ...drag, to: at(e) })}
          onMouseUp={(e) => {
            if (!drag) return;
            const to = at(e);
            setDrag(null);
            onDrawn(dragToRect(view, drag.from, to));
          }}
        >
          {pins.map(({ deduction, pin }, i) => {
            const r = rectToShown(view, pin.rect);
            return (
              <div
                key={i}
                data-testid="case-file-pin-box"
                title={deduction.problem}
                style={{
                  position: 'absolute',
                  ...r,
                  border: '2px solid #f5222d',
                  background: 'rgba(245,34,45,0.12)',
                  pointerEvents: 'none',
                }}
              />
            );
          })}
          {marks.map(({ rect, current }, i) => (
            <div
              key={`m${i}`}
              data-testid={current ? 'case-file-search-current' : 'case-file-search-hit'}
              style={{
                position: 'absolute',
                ...rectToShown(view, rect),
                background: current ? 'rgba(250,140,22,0.45)' : 'rgba(250,219,20,0.35)',
                pointerEvents: 'none',
              }}
            />
          ))}
          {band && (
            <div
              style={{ position: 'absolute', ...band, border: '2px dashed #1677ff', pointerEvents: 'none' }}
            />
          )}
        </div>
      )}
    </div>
  );
}

function bandOf(a: { x: number; y: number }, b: { x: number; y: number }) {
  return {
    left: Math.min(a.x, b.x),
    top: Math.min(a.y, b.y),
    width: Math.abs(b.x - a.x),
    height: Math.abs(b.y - a.y),
  };
}

/** The file's table of contents from its page labels (runs of pages of one document kind). */
function Contents({ labels, onPick }: { labels: PageLabels; onPick: (p: number) => void }) {
  const toc = tableOfContents(labels);
  if (toc.length === 0) return null;
  return (
    <div
      data-testid="case-file-contents"
      style={{ width: 120, maxHeight: 200, overflowY: 'auto', borderBottom: '1px solid #eee', fontSize: 12 }}
    >
      {toc.map((e) => (
        <button
          key={e.from}
          type="button"
          onClick={() => onPick(e.from)}
          style={{
            display: 'block',
            width: '100%',
            textAlign: 'left',
            border: 0,
            background: 'none',
            cursor: 'pointer',
          }}
        >
          {e.kind} {pageRangeText(e)}
        </button>
      ))}
    </div>
  );
}

/** Small page images, drawn in the page-drawing worker after the shown page and its neighbours. */
function Thumbnails(props: {
  fileKey: string;
  pages: number;
  current: number;
  onPick: (p: number) => void;
  labels: PageLabels;
}) {
  const { fileKey, pages, current, onPick, labels } = props;
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    let cancelled = false;
    setUrls([]);
    const drawer = pdfPages();
    // Shown in batches: one list update per quarter second, not one per page of a 200-page file.
    const drawn = new Map<number, string>();
    const flush = setInterval(() => {
      if (drawn.size === 0) return;
      const batch = [...drawn];
      drawn.clear();
      setUrls((u) => {
        const next = [...u];
        for (const [i, url] of batch) next[i] = url;
        return next;
      });
    }, 250);
    for (let i = 0; i < pages; i++)
      drawer.page({ key: fileKey, page: i, width: 96, rotation: 0 }, 'thumbnail').then(
        ({ bitmap }) => {
          if (cancelled) return;
          const c = document.createElement('canvas');
          c.width = bitmap.width;
          c.height = bitmap.height;
          c.getContext('2d')?.drawImage(bitmap, 0, 0);
          drawn.set(i, c.toDataURL('image/jpeg', 0.7));
        },
        () => undefined,
      );
    return () => {
      cancelled = true;
      clearInterval(flush);
      drawer.dropQueued(fileKey, 'thumbnail');
    };
  }, [fileKey, pages]);
  return (
    <div
      style={{ width: 120, overflowY: 'auto', borderRight: '1px solid #eee', padding: 4 }}
      data-testid="case-file-thumbnails"
    >
      {Array.from({ length: pages }, (_, i) => (
        <Thumbnail
          key={i}
          index={i}
          url={urls[i]}
          current={i === current}
          label={labels[i]}
          onPick={onPick}
        />
      ))}
    </div>
  );
}

/** One thumbnail (memoised: a batch of new images re-renders only the thumbnails it brings). */
const Thumbnail = memo(function Thumbnail(props: {
  index: number;
  url: string | undefined;
  current: boolean;
  label: string | undefined;
  onPick: (p: number) => void;
}) {
  const { index: i, url, current, label, onPick } = props;
  return (
    <button
      type="button"
      onClick={() => onPick(i)}
      aria-label={`第 ${i + 1} 页`}
      aria-current={current ? 'page' : undefined}
      style={{
        display: 'block',
        width: 104,
        margin: '0 0 6px',
        padding: 2,
        border: current ? '2px solid #1677ff' : '1px solid #ddd',
        background: '#fff',
        cursor: 'pointer',
      }}
    >
      {url ? (
        <img src={url} alt="" style={{ width: 96, display: 'block' }} />
      ) : (
        <div style={{ height: 120 }} />
      )}
      <span style={{ fontSize: 12 }}>
        {i + 1}
        {label ? ` ${label}` : ''}
      </span>
    </button>
  );
});
