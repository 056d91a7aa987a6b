import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeAuditEntry, type AuditEntry } from '../../shared/audit/audit-chain';
import { BackupWriter, concatBytes, PART_TARGET_CHARS } from '../../shared/backup/backup-format';
import { runCli } from '../../shared/cli/main';
import { unzipSync, zipSync } from 'fflate';
import { checkpointMessage } from '../../shared/audit/log-trust';
import { generateSigningKeyPair, headCode, keyFingerprint, signText } from '../../shared/crypto/signing';
import { recordingIo } from '../fixtures/memory-io';

const chainKey = generateSigningKeyPair();

/** A log of n entries as the app writes it: the office key first, then every entry signed. */
function chain(n: number, pad = 0): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const e = makeAuditEntry(out.at(-1) ?? null, {
      at: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
      actor: '张三',
      action: i === 0 ? 'key.create' : i % 2 ? 'score.submit' : 'draw.create',
      objectType: 'x',
      objectId: i === 0 ? chainKey.publicKey : 'o' + i,
      summary: '第 ' + i + ' 项操作' + 'x'.repeat(i === 3 ? 0 : 10 + pad),
      content: { i },
    });
    out.push({
      ...e,
      signature: {
        publicKey: chainKey.publicKey,
        value: signText(chainKey.secretKey, checkpointMessage(e.hash)),
      },
    });
  }
  return out;
}

async function backupWith(
  entries: AuditEntry[],
  tables: Record<string, { key: string; rows: unknown[] }> = {},
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const w = new BackupWriter({ onData: (c) => chunks.push(c) });
  w.beginTable('meta', 'key');
  w.addRecords([{ key: 'a', value: 1 }]);
  w.endTable();
  for (const [name, t] of Object.entries(tables)) {
    w.beginTable(name, t.key);
    w.addRecords(t.rows);
    w.endTable();
  }
  w.beginTable('auditLog', 'seq');
  w.addRecords(entries);
  w.endTable();
  await w.finish({
    appVersion: '0.1.0',
    schemaVersion: 2,
    createdAt: '2026-01-02T00:00:00Z',
    reason: 'manual',
    databaseName: 'pingcha',
  });
  return concatBytes(chunks);
}

describe('pingcha log verify', () => {
  it('reports an intact log (exit 0) with the count and last hash', async () => {
    const entries = chain(20);
    const m = recordingIo({ 'b.pingcha-backup': await backupWith(entries) });
    expect(await runCli(['log', 'verify', 'b.pingcha-backup'], m.io)).toBe(0);
    expect(m.out()).toContain('操作留痕完整');
    expect(m.out()).toContain('共 20 条');
    expect(m.out()).toContain(entries.at(-1)!.hash);
  });

  it('names the first broken link (exit 1) when an entry was edited, even with consistent backup hashes', async () => {
    const entries = chain(12);
    entries[6] = { ...entries[6]!, actor: '李四' };
    const m = recordingIo({ 'b.pingcha-backup': await backupWith(entries) });
    expect(await runCli(['log', 'verify', 'b.pingcha-backup'], m.io)).toBe(1);
    expect(m.out()).toMatch(/第一处断开在第 7 条/);
    const j = recordingIo({ 'b.pingcha-backup': await backupWith(entries) });
    expect(await runCli(['log', 'verify', 'b.pingcha-backup', '--json'], j.io)).toBe(1);
    expect(JSON.parse(j.out())).toMatchObject({ ok: false, brokenAt: 7 });
  });

  it('a removed entry breaks the chain at its place', async () => {
    const entries = chain(8);
    entries.splice(3, 1);
    const m = recordingIo({ 'b.pingcha-backup': await backupWith(entries) });
    expect(await runCli(['log', 'verify', 'b.pingcha-backup'], m.io)).toBe(1);
    expect(m.out()).toMatch(/第 4 条/);
  });

  it('verifies a log spanning several backup parts', async () => {
    // Long summaries: a few thousand entries fill more than one part.
    const big = chain(Math.ceil(PART_TARGET_CHARS / 3000) + 50, 3000);
    const m = recordingIo({ 'b.pingcha-backup': await backupWith(big) });
    expect(await runCli(['log', 'verify', 'b.pingcha-backup'], m.io)).toBe(0);
    expect(m.out()).toContain(`共 ${big.length} 条`);
  });

  it('accepts an exported log JSON', async () => {
    const entries = chain(5);
    const file = new TextEncoder().encode(JSON.stringify({ format: 'pingcha.audit-log', entries }));
    const m = recordingIo({ 'log.json': file });
    expect(await runCli(['log', 'verify', 'log.json'], m.io)).toBe(0);
  });

  it('unreadable, truncated, foreign or missing files exit 2 with a Chinese message', async () => {
    const good = await backupWith(chain(5));
    const m = recordingIo({
      'cut.pingcha-backup': good.slice(0, good.length - 40),
      'x.txt': new TextEncoder().encode('hello'),
    });
    expect(await runCli(['log', 'verify', 'cut.pingcha-backup'], m.io)).toBe(2);
    expect(m.err()).toMatch(/损坏|不完整/);
    expect(await runCli(['log', 'verify', 'x.txt'], m.io)).toBe(2);
    expect(m.err()).toMatch(/既不是评查台备份文件/);
    expect(await runCli(['log', 'verify', 'none.pingcha-backup'], m.io)).toBe(2);
    expect(m.err()).toMatch(/文件不存在/);
    expect(await runCli(['log', 'verify'], m.io)).toBe(2);
    expect(m.err()).toMatch(/缺少备份文件/);
  });

  it('runs as the real pingcha binary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingcha-log-'));
    const ok = join(dir, 'ok.pingcha-backup');
    const bad = join(dir, 'bad.pingcha-backup');
    writeFileSync(ok, await backupWith(chain(4)));
    const broken = chain(4);
    broken[1] = { ...broken[1]!, summary: '改过' };
    writeFileSync(bad, await backupWith(broken));
    const bin = join(process.cwd(), 'build/bin/pingcha.mjs');
    const r1 = spawnSync(process.execPath, [bin, 'log', 'verify', ok], { encoding: 'utf8' });
    expect(r1.status).toBe(0);
    expect(r1.stdout).toContain('操作留痕完整');
    const r2 = spawnSync(process.execPath, [bin, 'log', 'verify', bad], { encoding: 'utf8' });
    expect(r2.status).toBe(1);
    expect(r2.stdout).toContain('第 2 条');
  });

  describe('signatures, data, heads', () => {
    const office = generateSigningKeyPair();
    const result = { campaignId: 'c1', itemId: 'f1', score: { totalHalfPoints: 0, grade: '不合格' } };
    const letter = { id: 'l1', campaignId: 'c1', status: 'issued', department: '交通运输局' };

    function signedChain(finalRow: unknown = result): AuditEntry[] {
      const out: AuditEntry[] = [];
      const add = (
        action: AuditEntry['action'],
        objectId: string,
        records?: { table: string; key: string; row: unknown; campaignId?: string }[],
      ) => {
        const e = makeAuditEntry(out.at(-1) ?? null, {
          at: '2026-12-01T00:00:00Z',
          actor: '组织者',
          action,
          objectType: 'x',
          objectId,
          summary: `${action} ${objectId}`,
          content: { objectId },
          records,
        });
        out.push({
          ...e,
          signature: {
            publicKey: office.publicKey,
            value: signText(office.secretKey, checkpointMessage(e.hash)),
          },
        });
      };
      add('key.create', office.publicKey);
      add('score.submit', 's1');
      add('review.finalise', 'f1', [
        { table: 'finalResults', key: 'c1|f1', row: finalRow, campaignId: 'c1' },
      ]);
      add('letter.issue', 'l1', [{ table: 'letters', key: 'l1', row: letter, campaignId: 'c1' }]);
      return out;
    }

    const data = (finalRow: unknown = result) => ({
      campaigns: { key: 'id', rows: [{ id: 'c1' }] },
      finalResults: { key: '[campaignId+itemId]', rows: [finalRow] },
      letters: { key: 'id', rows: [letter] },
    });

    it('a signed log with matching data is intact; --head finds the code printed on a letter', async () => {
      const log = signedChain();
      const m = recordingIo({ 'b.pingcha-backup': await backupWith(log, data()) });
      const code = headCode(log[3]!.hash);
      expect(await runCli(['log', 'verify', 'b.pingcha-backup', '--head', code], m.io)).toBe(0);
      expect(m.out()).toContain(keyFingerprint(office.publicKey));
      expect(m.out()).toContain('数据核对：备份中的抽取结果');
      expect(m.out()).toMatch(new RegExp(`留痕校验码 ${code}：找到，为第 4 条记录`));
    });

    it('an empty log is not intact (exit 1)', async () => {
      const m = recordingIo({ 'b.pingcha-backup': await backupWith([]) });
      expect(await runCli(['log', 'verify', 'b.pingcha-backup'], m.io)).toBe(1);
      expect(m.out()).toMatch(/操作留痕为空/);
    });

    it('a shortened log loses the printed head code (exit 1)', async () => {
      const log = signedChain();
      const code = headCode(log[3]!.hash);
      const m = recordingIo({ 'b.pingcha-backup': await backupWith(log.slice(0, 3), data()) });
      expect(await runCli(['log', 'verify', 'b.pingcha-backup', '--head', code], m.io)).toBe(1);
      expect(m.out()).toMatch(new RegExp(`留痕校验码 ${code} 不在本留痕中`));
      expect(await runCli(['log', 'verify', 'b.pingcha-backup', '--head', 'xyz'], m.io)).toBe(2);
      expect(m.err()).toMatch(/格式不对/);
    });

    it('a re-chained forged backup (score raised, log rewritten, hashes recomputed) is not intact', async () => {
      const raised = { ...result, score: { totalHalfPoints: 200, grade: '优秀' } };
      const genuine = signedChain();
      // The forger rebuilds the chain over the raised result; without the key the signatures are copied.
      const forged = signedChain(raised).map((e, i) => ({ ...e, signature: genuine[i]!.signature }));
      const m = recordingIo({ 'b.pingcha-backup': await backupWith(forged, data(raised)) });
      expect(await runCli(['log', 'verify', 'b.pingcha-backup'], m.io)).toBe(1);
      expect(m.out()).toMatch(/第 3 条记录.*签名无效/);
    });

    it('a record edited in the store (log left alone) is named (exit 1)', async () => {
      const raised = { ...result, score: { totalHalfPoints: 200, grade: '优秀' } };
      const m = recordingIo({ 'b.pingcha-backup': await backupWith(signedChain(), data(raised)) });
      expect(await runCli(['log', 'verify', 'b.pingcha-backup'], m.io)).toBe(1);
      expect(m.out()).toMatch(/数据不符：复核定稿结果“c1\|f1”与第 3 条留痕记录的内容不符/);
    });

    it('a byte-flipped part (manifest left as it was) is not intact (exit 1)', async () => {
      const good = await backupWith(signedChain(), data());
      const files = unzipSync(good);
      const name = Object.keys(files).find((f) => f.startsWith('tables/auditLog/'))!;
      const part = files[name]!.slice();
      part[20] = part[20]! ^ 1;
      files[name] = part;
      const m = recordingIo({ 'b.pingcha-backup': zipSync(files) });
      expect(await runCli(['log', 'verify', 'b.pingcha-backup'], m.io)).toBe(1);
      expect(m.out()).toMatch(/not intact/);
      expect(m.out()).toMatch(/SHA-256 校验值与备份清单不符/);
    });

    it('a log whose entries are not log records exits 2 in Chinese', async () => {
      const file = new TextEncoder().encode(JSON.stringify({ format: 'pingcha.audit-log', entries: [1, 2] }));
      const m = recordingIo({ 'log.json': file });
      expect(await runCli(['log', 'verify', 'log.json'], m.io)).toBe(2);
      expect(m.err()).toMatch(/格式不对/);
    });
  });
});
