import { useState } from 'react';
import { App } from 'antd';
import type { OfficialDocument } from '@shared/documents/layout-model';
import type { LogCodeLine } from '@shared/documents/log-code-line';
import type { LetterSettings } from '@shared/letters/letter-settings';
import { errorText } from '@shared/util/error-text';
import { letterStore } from '../db/hooks/letters';
import type { LetterRecord } from '../db/letters-repository';
import { getPlatform } from '../platform';
import { useDocumentRenderer } from '../workers/document-renderer-context';
import type { LetterAction } from './letter-actions';
import { letterDocument, type LetterRow } from './letter-rows';
import { safeFileName } from './use-letters';

/**
 * What one row of the letters list can do: preview, edit the draft's text, start 印发 / 登记回复 / 审核回复 /
 * 作废文号 (a draft is stored on first use), save it as PDF or DOCX, save a reply's attachment.
 */
export function useLetterRowActions(
  campaignId: string | null,
  settings: LetterSettings | undefined,
  today: string,
  codes: ReadonlyMap<string, LogCodeLine>,
) {
  const { message } = App.useApp();
  const renderer = useDocumentRenderer();
  const [preview, setPreview] = useState<{ title: string; doc: OfficialDocument } | null>(null);
  const [editing, setEditing] = useState<LetterRow | null>(null);
  const [action, setAction] = useState<{ action: LetterAction; row: LetterRow } | null>(null);

  /** The settings (the page renders rows only once they are read). */
  const current = (): LetterSettings => {
    if (!settings) throw new Error('设置尚未读取，请稍后再试。');
    return settings;
  };

  /** Makes sure the row has a stored letter (drafts are created on first use). */
  const ensure = async (row: LetterRow): Promise<LetterRecord> => {
    if (row.letter) return row.letter;
    if (!campaignId) throw new Error('请先选择评查活动。');
    return letterStore.ensureLetterDraft(campaignId, row.department);
  };

  const showPreview = (row: LetterRow) => {
    try {
      const doc = letterDocument(row, current(), today, codes);
      setPreview({
        title: `${row.department}${row.letter?.docNumber ? `（${row.letter.docNumber}）` : '（草稿）'}`,
        doc,
      });
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const edit = (row: LetterRow) => void ensure(row).then((letter) => setEditing({ ...row, letter }));

  const startAction = async (a: LetterAction, row: LetterRow) => {
    try {
      const letter = await ensure(row);
      setAction({ action: a, row: { ...row, letter } });
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const downloadOne = async (row: LetterRow, format: 'pdf' | 'docx') => {
    try {
      const doc = letterDocument(row, current(), today, codes);
      const fonts = format === 'pdf' ? await letterStore.readFontOverrides(current()) : undefined;
      const bytes = await renderer.render(doc, format, fonts);
      const name = `${safeFileName(row.department)}-${row.letter?.docNumber ? safeFileName(row.letter.docNumber) : '草稿'}.${format}`;
      await getPlatform().saveFile({
        suggestedName: name,
        bytes,
        filters: [{ name: format === 'pdf' ? 'PDF 文件' : 'Word 文档', extensions: [format] }],
      });
    } catch (e) {
      void message.error(`生成失败：${errorText(e)}`);
    }
  };

  const downloadReply = async (attachmentId: string) => {
    const att = await letterStore.getAttachment(attachmentId);
    if (!att) return void message.error('回复文件不存在。');
    await getPlatform().saveFile({ suggestedName: att.name, bytes: att.bytes });
  };

  const saveEdits = async (edits: Record<string, string>) => {
    if (!editing?.letter) return;
    try {
      await letterStore.saveLetterEdits(editing.letter.id, edits);
      void message.success('已保存修改。');
    } catch (e) {
      void message.error(errorText(e));
      throw e;
    }
  };

  return {
    preview,
    setPreview,
    editing,
    closeEditing: () => setEditing(null),
    saveEdits,
    action,
    closeAction: () => setAction(null),
    showPreview,
    edit,
    startAction: (a: LetterAction, row: LetterRow) => void startAction(a, row),
    downloadOne: (row: LetterRow, format: 'pdf' | 'docx') => void downloadOne(row, format),
    downloadReply: (attachmentId: string) => void downloadReply(attachmentId),
  };
}

export type LetterRowActions = ReturnType<typeof useLetterRowActions>;
