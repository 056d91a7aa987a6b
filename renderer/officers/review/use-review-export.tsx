import { useState } from 'react';
import { App } from 'antd';
import type { ReviewDecision, ReviewProposal } from '@shared/officers/annual-review';
import { reviewResultsXlsx } from '@shared/officers/review-export';
import { buildReviewNotice, pendingReviewCount } from '@shared/officers/review-notice';
import { defaultLetterSettings } from '@shared/letters/letter-settings';
import { letterStore } from '../../db/hooks/letters';
import { documentObjectId } from '../../db/letters-repository';
import { useLetterSettings } from '../../letters/use-letters';
import { getPlatform } from '../../platform';
import { confirmAction } from '../../ui/confirm';
import { useDocumentRenderer } from '../../workers/document-renderer-context';
import { todayIso } from '../officer-settings';
import { useOperator } from '../officers-context';

export type ReviewExportKind = 'xlsx' | 'docx' | 'pdf';

const FILTER_NAMES: Record<ReviewExportKind, string> = {
  xlsx: 'Excel 工作簿',
  docx: 'Word 文档',
  pdf: 'PDF 文件',
};

/**
 * 导出 the year's review: the results workbook, or the 年审通知 (a 草稿 while conclusions are unconfirmed;
 * the final notice takes its 发文字号 from the register once, after asking).
 */
export function useReviewExport(
  year: number,
  proposals: readonly ReviewProposal[],
  decisions: ReadonlyMap<string, ReviewDecision>,
  noticeNumber: string | null | undefined,
) {
  const { message, modal } = App.useApp();
  const renderer = useDocumentRenderer();
  const operator = useOperator();
  const [letterSettings] = useLetterSettings();
  const [busy, setBusy] = useState<ReviewExportKind | null>(null);

  /** Asks before the notice takes its number; false when the user declines. */
  async function confirmNumbering(): Promise<boolean> {
    if (!letterSettings || noticeNumber) return true;
    return confirmAction(modal, {
      title: `定稿${year}年度年审通知并取文号？`,
      okText: '定稿并取文号',
      danger: true,
      content: (
        <div data-testid="notice-number-confirm">
          <p>
            将从文号登记簿为通知取下一个文号（“{letterSettings.noticePrefix}
            ”），记入操作留痕。文号一经取用不能收回，只能作废。
          </p>
          <p>定稿后，本年度的年审结论不能再撤回；如需更正，须先作废该文号。</p>
        </div>
      ),
    });
  }

  async function noticeBytes(kind: 'docx' | 'pdf'): Promise<Uint8Array | null> {
    // While conclusions are still unconfirmed the notice can only go out as a 草稿 (watermarked, no number);
    // the final notice takes its 发文字号 from the register (logged; exported again, it keeps it).
    const pending = pendingReviewCount(proposals, decisions);
    const date = todayIso();
    if (pending === 0 && !(await confirmNumbering())) return null;
    const docNumber =
      pending > 0 || !letterSettings
        ? undefined
        : (
            await letterStore.allocateDocumentNumber({
              docType: 'notice',
              objectId: documentObjectId('notice', String(year)),
              prefix: letterSettings.noticePrefix,
              issueDate: date,
              actor: operator.label,
              label: `${year}年度行政执法证件年审结果通知`,
            })
          ).docNumber;
    const doc = buildReviewNotice(proposals, decisions, {
      year,
      // The 发文机关 of 设置 issues it, whoever is at the keyboard (the operator's 单位 is not the issuer).
      issuer: (letterSettings ?? defaultLetterSettings()).issuer,
      basis: letterSettings?.reviewNoticeBasis ?? '',
      date,
      draft: pending > 0,
      ...(docNumber ? { docNumber } : {}),
      copyTo: letterSettings?.copyTo ?? '',
      printer: letterSettings?.printer ?? '',
      contact: letterSettings?.contact ?? '',
    });
    if (pending > 0)
      message.warning(
        `还有 ${pending} 个证件的年审结论未确认：导出的是草稿（每页带“草稿”水印），未计入这些证件。`,
      );
    return renderer.render(doc, kind);
  }

  async function save(kind: ReviewExportKind) {
    setBusy(kind);
    try {
      const bytes = kind === 'xlsx' ? reviewResultsXlsx(year, proposals, decisions) : await noticeBytes(kind);
      if (!bytes) return;
      const name =
        kind === 'xlsx' ? `${year}年度证件年审结果.xlsx` : `${year}年度行政执法证件年审结果通知.${kind}`;
      if (
        await getPlatform().saveFile({
          suggestedName: name,
          bytes,
          filters: [{ name: FILTER_NAMES[kind], extensions: [kind] }],
        })
      )
        message.success(`已导出“${name}”`);
    } catch (e) {
      message.error(`导出失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  }

  return { save, busy };
}
