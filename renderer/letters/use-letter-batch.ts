import { useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import type { OfficialDocument } from '@shared/documents/layout-model';
import { withLogCode, type LogCodeLine } from '@shared/documents/log-code-line';
import type { LetterFacts } from '@shared/letters/rectification-letter';
import { letterDisplayName, type LetterSettings } from '@shared/letters/letter-settings';
import { isCancelled } from '@shared/util/cancel';
import { errorText } from '@shared/util/error-text';
import { letterStore } from '../db/hooks/letters';
import { getPlatform } from '../platform';
import { useDocumentRenderer } from '../workers/document-renderer-context';
import { renderLetterBatch, zipBatch, type BatchItem } from './letter-batch';
import { letterDocument } from './letter-rows';
import { safeFileName } from './use-letters';

// The worker loads and parses the two bundled CJK fonts (about 5 s) on its first PDF: start that when the
// page opens, so "generate all" does not wait for it.
let warmed = false;
const WARM_UP: OfficialDocument = {
  style: 'letter',
  title: '预热',
  blocks: [{ type: 'paragraph', text: '预热。' }],
};

/**
 * 生成全部: drafts for every unit with problems, then DOCX and PDF of each (and of letters issued to units
 * that no longer have problems), into a new folder on the desktop or one ZIP in the browser; with progress
 * and its own cancel.
 */
export function useLetterBatch(opts: {
  campaignId: string | null;
  campaignName: string | undefined;
  facts: readonly LetterFacts[];
  settings: LetterSettings | undefined;
  today: string;
  codes: ReadonlyMap<string, LogCodeLine>;
}) {
  const { message } = App.useApp();
  const renderer = useDocumentRenderer();
  const { settings } = opts;
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  /** The running batch's own cancel. */
  const batchRun = useRef<AbortController | null>(null);
  const [batchInfo, setBatchInfo] = useState<string | null>(null);

  useEffect(() => {
    // Only for the Worker renderer (the in-process one in tests would block the page while parsing fonts).
    if (warmed || !settings || typeof Worker === 'undefined') return;
    warmed = true;
    void letterStore
      .readFontOverrides(settings)
      .then((fonts) => renderer.render(WARM_UP, 'pdf', fonts))
      .catch(() => undefined);
  }, [renderer, settings]);

  async function batchItems(campaignId: string, settings: LetterSettings): Promise<BatchItem[]> {
    const { facts, today, codes } = opts;
    await letterStore.ensureLetterDrafts(
      campaignId,
      facts.map((f) => f.department.department),
    );
    const stored = await letterStore.listLetters(campaignId);
    const items: BatchItem[] = [];
    for (const f of facts) {
      const letter = stored.find((l) => l.department === f.department.department) ?? null;
      const doc = letterDocument(
        { department: f.department.department, facts: f, letter },
        settings,
        today,
        codes,
      );
      items.push({ department: f.department.department, docNumber: letter?.docNumber ?? null, doc });
    }
    for (const l of stored) {
      if (!facts.some((f) => f.department.department === l.department) && l.issuedDocument) {
        items.push({
          department: l.department,
          docNumber: l.docNumber,
          doc: withLogCode(l.issuedDocument, codes.get(l.id), settings.logCodePlacement),
        });
      }
    }
    return items;
  }

  async function generateAll() {
    const { campaignId, campaignName } = opts;
    if (!campaignId || campaignName === undefined || !settings) return;
    try {
      performance.mark('letters:batch-start');
      const items = await batchItems(campaignId, settings);
      if (items.length === 0) {
        void message.info('没有需要发函的单位。');
        return;
      }
      setBatchInfo(null);
      setProgress({ done: 0, total: items.length * 2 });
      const fonts = await letterStore.readFontOverrides(settings);
      batchRun.current = new AbortController();
      const result = await renderLetterBatch(renderer, items, setProgress, fonts, batchRun.current.signal);
      performance.measure('letters:batch', 'letters:batch-start');
      const info = `已生成 ${result.count} 份${letterDisplayName(settings)}（DOCX 和 PDF 各 ${result.count} 份），用时 ${result.seconds.toFixed(2)} 秒，单份 PDF 最大 ${(result.maxPdfBytes / 1024).toFixed(0)} KB。`;
      setBatchInfo(info);
      const baseName = safeFileName(`${campaignName}-${letterDisplayName(settings)}（${result.count}份）`);
      const platform = getPlatform();
      if (platform.saveFilesToFolder) {
        // Desktop: every DOCX and PDF as its own file, in a new sub-folder (nothing is overwritten).
        const out = await platform.saveFilesToFolder({
          suggestedFolderName: baseName,
          files: result.entries,
        });
        if (out.saved) {
          void message.success(
            `已保存 ${out.written?.length ?? result.entries.length} 个文件到「${out.folder ?? ''}」。`,
          );
        }
      } else {
        const saved = await platform.saveFile({
          suggestedName: `${baseName}.zip`,
          bytes: zipBatch(result.entries),
          filters: [{ name: 'ZIP 压缩包', extensions: ['zip'] }],
        });
        if (saved) void message.success('已保存压缩包。');
      }
    } catch (e) {
      if (isCancelled(e)) void message.info('已取消生成。');
      else void message.error(`生成失败：${errorText(e)}`);
    } finally {
      setProgress(null);
    }
  }

  return { generateAll, progress, batchInfo, cancel: () => batchRun.current?.abort() };
}
