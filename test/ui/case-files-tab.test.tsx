// 电子案卷 as the user sees it: a ZIP of messy names and a loose PDF go through the confirmation
// table; matched files are stored with their SHA-256, refused and unchosen files are not.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CaseFilesTab } from '../../renderer/case-files/case-files-tab';
import { attachCaseFile } from '../../renderer/db/case-file-repository';
import { getDatabase } from '../../renderer/db/database';
import { renderWithApp } from './render-app';
import { makeEncryptedPdf, makeTextPdf, makeZip } from '../fixtures/case-files';
import { sha256BytesHex } from '../../shared/crypto/sha256';
import type { DrawnFile } from '../../renderer/db/panel-repository';

const C = 'camp-ui-case-files';
const files: DrawnFile[] = [
  {
    itemId: '市监|112',
    department: '德阳市市场监督管理局',
    caseNo: '德市监罚〔2024〕112号',
    caseType: '行政处罚',
  },
  { itemId: '应急|7', department: '德阳市应急管理局', caseNo: '德应急罚〔2024〕7号', caseType: '行政处罚' },
  { itemId: '交通|7', department: '德阳市交通运输局', caseNo: '德交罚〔2024〕7号', caseType: '行政处罚' },
];

describe('电子案卷 tab', () => {
  it('bulk-attaches matched files after confirmation; encrypted and unchosen files are not stored', async () => {
    const db = getDatabase();
    await db.draws.put({
      id: 'draw-ui-cf',
      campaignId: C,
      createdAt: '2026-01-01T00:00:00Z',
      record: { drawn: files.map((f) => ({ itemId: f.itemId })), replacements: [], extras: [] },
    } as never);
    const pdf = await makeTextPdf(2);
    const zip = makeZip({
      '市监局/德市监罚（２０２４）１１２号 扫描.pdf': pdf,
      '__MACOSX/._x.pdf': new Uint8Array([1]),
      '德交罚[2024]7号.pdf': await makeEncryptedPdf(),
    });
    const user = userEvent.setup();
    renderWithApp(<CaseFilesTab campaignId={C} files={files} operator="王评查" />, [
      { name: '案卷.zip', bytes: zip },
      { name: '〔2024〕7号.pdf', bytes: pdf },
    ]);
    const logBefore = await db.auditLog.count();
    await user.click(screen.getByTestId('case-files-choose'));
    const plan = await screen.findByTestId('case-files-plan');
    expect(within(plan).getByText('按案号对应')).toBeInTheDocument();
    expect(within(plan).getByText('多个可能')).toBeInTheDocument();
    expect(within(plan).getByText(/“德交罚\[2024\]7号.pdf”已加密/)).toBeInTheDocument();
    expect(screen.getByTestId('case-files-summary').textContent).toBe(
      '将导入 1 个文件；1 个未确定所属案卷（请在“附到案卷”中选择，不选则不导入）；1 个不能导入。',
    );
    expect(await db.caseFiles.where('campaignId').equals(C).count()).toBe(0);
    await user.click(screen.getByTestId('case-files-confirm'));
    await waitFor(async () => expect(await db.caseFiles.where('campaignId').equals(C).count()).toBe(1));
    const [row] = await db.caseFiles.where('campaignId').equals(C).toArray();
    expect(row).toMatchObject({ itemId: '市监|112', sha256: sha256BytesHex(pdf), attachedBy: '王评查' });
    expect(await db.auditLog.count()).toBe(logBefore + 1);
    const attached = await screen.findByTestId('case-files-attached');
    expect(await within(attached).findByText('德市监罚〔2024〕112号')).toBeInTheDocument();
    expect(within(attached).getByText('德市监罚（２０２４）１１２号 扫描.pdf')).toBeInTheDocument();
  });

  it("deletes the campaign's file content on demand after a confirmation; records and hashes stay", async () => {
    const db = getDatabase();
    const campaign = 'camp-ui-purge';
    await db.draws.put({
      id: 'draw-ui-purge',
      campaignId: campaign,
      createdAt: '2026-01-01T00:00:00Z',
      record: { drawn: files.map((f) => ({ itemId: f.itemId })), replacements: [], extras: [] },
    } as never);
    const pdf = await makeTextPdf(2, 'purge');
    await attachCaseFile(db, {
      campaignId: campaign,
      itemId: files[0]!.itemId,
      caseNo: files[0]!.caseNo,
      name: 'a.pdf',
      bytes: pdf,
      actor: '王评查',
    });
    const user = userEvent.setup();
    renderWithApp(<CaseFilesTab campaignId={campaign} files={files} operator="管理员" />);
    await user.click(await screen.findByTestId('case-files-purge'));
    expect(await screen.findByText('删除本活动电子案卷的文件内容？')).toBeInTheDocument();
    expect(await db.caseFileBytes.get(sha256BytesHex(pdf))).toBeDefined();
    await user.click(screen.getByTestId('case-files-purge-ok'));
    await waitFor(async () => expect(await db.caseFileBytes.get(sha256BytesHex(pdf))).toBeUndefined());
    expect(await db.caseFiles.where('campaignId').equals(campaign).count()).toBe(1);
    expect((await db.auditLog.orderBy('seq').last())?.action).toBe('casefile.purge');
  });
});
