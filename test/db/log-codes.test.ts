import { describe, expect, it } from 'vitest';
import { findHead } from '../../shared/audit/log-trust';
import { withLogCode, logCodeText } from '../../shared/documents/log-code-line';
import { keyFingerprint } from '../../shared/crypto/signing';
import { checkpointCode, readAuditLog } from '../../renderer/db/audit-repository';
import { recordReportIssue } from '../../renderer/db/letters-repository';
import { ensureOfficeKey } from '../../renderer/db/office-key-repository';
import { freshDb } from './helpers';

describe('留痕校验码 on documents', () => {
  it('the 通报 gets a signed checkpoint whose code is printed on it and found again by --head', async () => {
    const db = freshDb();
    const key = await ensureOfficeKey(db, '组织者');
    const doc = { title: '通报', blocks: [{ type: 'paragraph' as const, text: '正文' }] };
    const line = await recordReportIssue(db, {
      campaignId: 'c1',
      campaignName: '第十一次评查',
      actor: '组织者',
      document: doc,
    });
    expect(line).not.toBeNull();
    expect(line!.fingerprint).toBe(keyFingerprint(key.publicKey));
    expect(await checkpointCode(db, 'report.issue', 'c1')).toEqual(line);
    // Outside the 正文: in the footer margin by default, or in the 附注 as 设置 says; never a body paragraph.
    const printed = withLogCode(doc as never, line);
    expect(printed.marginNote).toBe(logCodeText(line!));
    expect(printed.blocks).toEqual((doc as { blocks: unknown[] }).blocks);
    const inNote = withLogCode({ ...(doc as object), note: '联系人：张三' } as never, line, 'note');
    expect(inNote.note).toBe(`联系人：张三；${logCodeText(line!)}`);
    expect(inNote.marginNote).toBeUndefined();
    expect(logCodeText(line!)).toMatch(/^留痕校验码：[0-9A-F]{4}(-[0-9A-F]{4}){3}（本单位签名密钥指纹 /);
    const log = await readAuditLog(db);
    expect(findHead(log, line!.code)).toMatchObject({ found: { action: 'report.issue' }, signed: true });
    // No code (no key, nothing signed): the document is left as it was.
    expect(withLogCode(doc as never, null)).toBe(doc);
    expect(await checkpointCode(db, 'draw.create', 'none')).toBeNull();
  });
});
