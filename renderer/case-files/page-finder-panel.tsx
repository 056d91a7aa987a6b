// 页面识别 beside the case file (issue 28): after a case file is opened, its pages are read in the
// background by the OCR worker, one page at a time (cancellable, progress per file); what the machine
// read is shown as 机器识别 until a reviewer confirms it (Enter in the viewer) or labels the page by hand
// (the digit keys), and the 案号 and the dates of 告知书/决定书/送达回证 are checked against the ledger.
// Nothing here enters a score or a letter.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Progress, Space, Tag, Typography } from 'antd';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { readingFlags, type LedgerFacts, type PageReading } from '@shared/ocr/page-reading';
import type { PageLabels } from '@shared/case-files/page-labels';
import { caseFileReadingStore, useCaseFileReadings } from '../db/hooks/case-files';
import { createWorkerOcrReader, type OcrReader } from '../workers/ocr-client';
import { WorkerError } from '../workers/rpc';

let sharedReader: OcrReader | null = null;
/** One OCR worker for the app (the models load once); tests may hand in another reader. */
export function ocrReader(): OcrReader {
  sharedReader ??= createWorkerOcrReader();
  return sharedReader;
}

/**
 * Reads page `index` in the OCR worker, which draws it there (pdf.js on OffscreenCanvas at 200 dpi): the
 * UI thread only hands the file over, once per file and worker. A fresh worker (after a crash) that no
 * longer holds the file is given it again.
 */
async function readInWorker(
  opened: { current: { sha256: string; ready: Promise<unknown> } | null },
  doc: PDFDocumentProxy,
  sha256: string,
  index: number,
): Promise<PageReading> {
  const reader = ocrReader();
  for (let attempt = 0; ; attempt++) {
    if (opened.current?.sha256 !== sha256) {
      const ready = doc.getData().then((bytes) => reader.openCaseFile(sha256, bytes));
      opened.current = { sha256, ready };
    }
    try {
      await opened.current.ready;
      const { ms: _ms, drawMs: _drawMs, ...reading } = await reader.readCaseFilePage(sha256, index);
      return reading;
    } catch (e) {
      opened.current = null;
      if (attempt > 0 || !(e instanceof WorkerError && e.code === 'CaseFileNotOpenError')) throw e;
    }
  }
}

/** Reads every page not yet read, one at a time, until done or stopped. */
function usePageFinder(
  doc: PDFDocumentProxy | null,
  sha256: string,
  readPages: readonly number[] | undefined,
) {
  const [running, setRunning] = useState(false);
  const [stopped, setStopped] = useState(false);
  const [error, setError] = useState('');
  const opened = useRef<{ sha256: string; ready: Promise<unknown> } | null>(null);
  // The worker lets the file go when the panel closes or shows another file (it holds one at a time).
  useEffect(
    () => () => {
      if (!opened.current) return;
      opened.current = null;
      void ocrReader()
        .closeCaseFile()
        .catch(() => undefined);
    },
    [sha256],
  );
  const pending = readPages
    ? doc && Array.from({ length: doc.numPages }, (_, i) => i).filter((p) => !readPages.includes(p))
    : null;
  const next = pending?.[0];
  useEffect(() => {
    if (!doc || next === undefined || stopped || error) return;
    let cancelled = false;
    setRunning(true);
    void (async () => {
      try {
        const reading = await readInWorker(opened, doc, sha256, next);
        if (cancelled) return;
        await caseFileReadingStore.saveMachineReading({ sha256, pageCount: doc.numPages, reading });
      } catch (e) {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      } finally {
        if (!cancelled) setRunning(false);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [doc, sha256, next, stopped, error]);
  return {
    running,
    stopped,
    error,
    // Until the stored readings are loaded nothing counts as read (not "已识别" for a moment).
    remaining: pending ? pending.length : (doc?.numPages ?? 0),
    stop: () => {
      setStopped(true);
    },
    resume: () => {
      setError('');
      setStopped(false);
    },
  };
}

/** The machine's readings with the reviewer's hand labels winning (for the flags and the list). */
export function effectiveReadings(readings: readonly PageReading[], labels: PageLabels): PageReading[] {
  return readings.map((r) => (labels[r.page] ? { ...r, kind: labels[r.page]!, confidence: 1 } : r));
}

export function PageFinderPanel(props: {
  doc: PDFDocumentProxy;
  sha256: string;
  labels: PageLabels;
  ledger?: LedgerFacts;
  onPick: (page: number) => void;
}) {
  const { doc, sha256, labels, ledger, onPick } = props;
  // Wrapped, so "not loaded yet" (undefined) differs from "no row yet".
  const state = useCaseFileReadings(sha256);
  const loaded = state !== undefined;
  const readings = state?.row?.readings ?? [];
  const finder = usePageFinder(doc, sha256, loaded ? readings.map((r) => r.page) : undefined);
  const total = doc.numPages;
  const done = total - finder.remaining;
  const machine = readings.filter((r) => !labels[r.page]);
  const flags = ledger ? readingFlags(effectiveReadings(readings, labels), ledger) : [];
  const pageButton = (p: number) => (
    <Button
      key={p}
      size="small"
      type="link"
      aria-label={`转到疑点所在页：${p + 1}`}
      onClick={() => onPick(p)}
      style={{ padding: '0 2px' }}
    >
      第 {p + 1} 页
    </Button>
  );
  return (
    <div
      data-testid="page-finder"
      style={{ padding: 6, borderBottom: '1px solid #eee', width: 180, fontSize: 12 }}
    >
      <Typography.Text strong>页面识别</Typography.Text>
      <Progress
        percent={Math.round((100 * done) / Math.max(1, total))}
        size="small"
        status={finder.error ? 'exception' : undefined}
      />
      <Space size={4} wrap>
        <Typography.Text type="secondary" data-testid="page-finder-progress">
          {finder.remaining === 0
            ? `已识别 ${total} 页`
            : finder.stopped
              ? `已停止：${done} / ${total} 页`
              : `识别中：${done} / ${total} 页`}
        </Typography.Text>
        {finder.remaining > 0 && !finder.stopped && (
          <Button size="small" onClick={finder.stop}>
            停止识别
          </Button>
        )}
        {finder.remaining > 0 && (finder.stopped || finder.error) && (
          <Button size="small" onClick={finder.resume}>
            继续识别
          </Button>
        )}
      </Space>
      {finder.error && <Alert type="error" showIcon title={finder.error} style={{ marginTop: 4 }} />}
      {machine.length > 0 && (
        <div data-testid="page-finder-machine" style={{ marginTop: 4 }}>
          {machine.map((r) => (
            <div key={r.page} title={r.firstLines.join('\n')}>
              <Button
                size="small"
                type="link"
                aria-label={`转到机器识别页：${r.page + 1}，${r.kind}`}
                onClick={() => onPick(r.page)}
                style={{ padding: 0 }}
              >
                第 {r.page + 1} 页
              </Button>{' '}
              {r.kind} <Tag color="orange">机器识别 {Math.round(r.confidence * 100)}%</Tag>
            </div>
          ))}
          <Typography.Text type="secondary">Enter 确认当前页的机器识别；数字键改正。</Typography.Text>
        </div>
      )}
      {flags.length > 0 && (
        <div data-testid="page-finder-flags" style={{ marginTop: 4 }}>
          {flags.map((f, i) => (
            <Alert
              key={i}
              type="warning"
              showIcon
              style={{ marginTop: 4, padding: '2px 6px' }}
              title={
                <span>
                  机器识别疑点：{f.message}
                  {f.kind === 'date-order' ? f.pages.map(pageButton) : pageButton(f.page)}
                </span>
              }
            />
          ))}
        </div>
      )}
    </div>
  );
}
