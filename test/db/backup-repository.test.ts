import { CURRENT_SCHEMA_VERSION } from '../../renderer/db/schema';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { appendAudit, readAuditLog } from '../../renderer/db/audit-repository';
import {
  exportDatabase,
  inspectBackup,
  restoreBackup,
  storedSchemaVersion,
  RestoreError,
} from '../../renderer/db/backup-repository';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import { PingchaDatabase } from '../../renderer/db/database';
import '../../renderer/db/workflow-records';
import { BackupFileError, MANIFEST_NAME, type BackupManifest } from '../../shared/backup/backup-format';
import { verifyAuditChain } from '../../shared/audit/audit-chain';
import { caseNoOnlyImportMeta, confirmingTrust, freshDb, makeRecords, snapshot } from './helpers';

const meta = () => caseNoOnlyImportMeta('b'.repeat(64), 5000);

async function populate(db: PingchaDatabase, rows = 5000, tag = 'A'): Promise<void> {
  await importCaseFiles(db, meta(), makeRecords(rows, '市场监督管理局', tag));
  await db.meta.put({ key: 'settings:operator', value: { name: '张三' + tag } });
  await db.meta.put({ key: 'settings:probe', value: { at: new Date(Date.UTC(2025, 0, 1)) } });
  await db.table('campaigns').put({
    id: 'c-' + tag,
    name: '2025 年度评查' + tag,
    year: 2025,
    periodFrom: null,
    periodTo: null,
    departments: [],
    caseTypes: [],
    createdAt: new Date(Date.UTC(2025, 0, 1)).toISOString(),
    createdBy: '张三',
    isDemo: false,
    standards: [],
    standardsFrozenAt: null,
  });
  await db.table('attachments').put({
    id: 'att-' + tag,
    ownerId: 'x',
    kind: 'reply',
    name: '回复.pdf',
    size: 5,
    bytes: new Uint8Array([0, 1, 2, 250, 255]),
    addedAt: '2025-01-02T00:00:00.000Z',
  });
  await appendAudit(db, {
    actor: '张三',
    action: 'ledger.import',
    objectType: 'import',
    objectId: tag,
    summary: '导入台账',
    content: tag,
  });
}

const opts = { appVersion: '0.1.0', actor: '测试员' };

/** Rewrites one file of the backup ZIP (the manifest stays as it was unless `name` is the manifest). */
function rezip(bytes: Uint8Array, change: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  change(files);
  return zipSync(files, { level: 1 });
}

function editManifest(bytes: Uint8Array, edit: (m: BackupManifest) => void): Uint8Array {
  return rezip(bytes, (files) => {
    const m = JSON.parse(new TextDecoder().decode(files[MANIFEST_NAME])) as BackupManifest;
    edit(m);
    files[MANIFEST_NAME] = new TextEncoder().encode(JSON.stringify(m));
  });
}

describe('backup and restore', () => {
  it('round-trips every table (bytes and dates included) into a fresh installation', async () => {
    const source = freshDb();
    await populate(source);
    const { bytes, manifest } = await exportDatabase(source, { appVersion: '0.1.0', reason: 'manual' });
    expect(manifest.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(manifest.counts.caseChunks).toBe(3);
    expect(manifest.counts.auditLog).toBe(await source.auditLog.count());
    expect(manifest.counts.auditLog).toBeGreaterThan(0);
    expect(Object.keys(manifest.counts).sort()).toEqual(source.tables.map((t) => t.name).sort());

    const target = freshDb();
    const inspection = await inspectBackup(target, bytes, { appVersion: '0.1.0' });
    expect(inspection.compatibility.kind).toBe('same');
    expect(inspection.manifest.counts.rawChunks).toBe(3);

    await restoreBackup(target, bytes, confirmingTrust(bytes, opts));
    const a = (await snapshot(source)) as Record<string, unknown[]>;
    const b = (await snapshot(target)) as Record<string, unknown[]>;
    for (const name of Object.keys(a)) if (name !== 'auditLog') expect(b[name]).toEqual(a[name]);
    const att = (await target.table('attachments').get('att-A')) as { bytes: Uint8Array };
    expect(att.bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(att.bytes)).toEqual([0, 1, 2, 250, 255]);
    const probe = (await target.meta.get('settings:probe'))!.value as { at: Date };
    expect(probe.at).toBeInstanceOf(Date);
    const log = await readAuditLog(target);
    expect(log.at(-1)!.action).toBe('backup.restore');
    expect(log.slice(0, -1)).toEqual(await readAuditLog(source));
    expect(verifyAuditChain(log).ok).toBe(true);
  });

  it('replaces existing data entirely and keeps machine-local backup settings', async () => {
    const source = freshDb();
    await populate(source, 100, 'A');
    const { bytes } = await exportDatabase(source, { appVersion: '0.1.0', reason: 'manual' });
    const target = freshDb();
    await populate(target, 2500, 'B');
    await target.meta.put({ key: 'settings:backups', value: { keep: 3, autoDaily: false } });
    await restoreBackup(target, bytes, confirmingTrust(bytes, opts));
    expect(await target.table('campaigns').toCollection().primaryKeys()).toEqual(['c-A']);
    expect(await target.caseChunks.count()).toBe(1);
    expect((await target.meta.get('settings:operator'))?.value).toEqual({ name: '张三A' });
    expect((await target.meta.get('settings:backups'))?.value).toEqual({ keep: 3, autoDaily: false });
  });

  it('refuses corrupt, truncated and foreign files with a Chinese message and changes nothing', async () => {
    const source = freshDb();
    await populate(source);
    const { bytes } = await exportDatabase(source, { appVersion: '0.1.0', reason: 'manual' });
    const target = freshDb();
    await populate(target, 300, 'T');
    const before = await snapshot(target);

    const truncated = bytes.slice(0, Math.floor(bytes.length / 2));
    const flipped = bytes.slice();
    flipped[Math.floor(bytes.length / 3)]! ^= 0xff;
    const foreignZip = zipSync({ 'hello.txt': new TextEncoder().encode('你好') });
    const random = crypto.getRandomValues(new Uint8Array(5000));
    const notOurs = rezip(bytes, (f) => {
      f[MANIFEST_NAME] = new TextEncoder().encode(JSON.stringify({ format: 'other.app' }));
    });
    const altered = rezip(bytes, (f) => {
      const name = Object.keys(f).find((n) => n.startsWith('tables/campaigns/'))!;
      f[name] = new TextEncoder().encode(new TextDecoder().decode(f[name]).replace('评查', '评差'));
    });
    for (const [bad, pattern] of [
      [truncated, /损坏|不完整/],
      [flipped, /损坏/],
      [foreignZip, /不是评查台备份文件/],
      [random, /不是评查台备份文件/],
      [notOurs, /不是评查台备份文件/],
      [altered, /SHA-256/],
    ] as const) {
      await expect(inspectBackup(target, bad, { appVersion: '0.1.0' })).rejects.toThrow(pattern);
      await expect(restoreBackup(target, bad, opts)).rejects.toThrow(pattern);
      await expect(restoreBackup(target, bad, opts)).rejects.toThrow(/数据库(未作任何更改|保持恢复前)/);
    }
    expect(await snapshot(target)).toEqual(before);
  });

  it('refuses a backup from a newer schema or app version', async () => {
    const source = freshDb();
    await populate(source, 10);
    const { bytes } = await exportDatabase(source, { appVersion: '0.1.0', reason: 'manual' });
    const target = freshDb();
    await populate(target, 20, 'T');
    const before = await snapshot(target);
    const newerSchema = editManifest(bytes, (m) => (m.schemaVersion = CURRENT_SCHEMA_VERSION + 1));
    const newerApp = editManifest(bytes, (m) => (m.appVersion = '0.2.0'));
    for (const b of [newerSchema, newerApp]) {
      const inspection = await inspectBackup(target, b, { appVersion: '0.1.0' });
      expect(inspection.compatibility).toMatchObject({
        kind: 'refused',
        message: expect.stringMatching(/更新版本.*请先升级/),
      });
      await expect(restoreBackup(target, b, opts)).rejects.toThrow(BackupFileError);
    }
    expect(await snapshot(target)).toEqual(before);
  });

  it('migrates an older (v1) backup into the current schema on restore', async () => {
    const v1 = freshDb(1);
    // Version 1 had no audit log: write its ledger records directly, as version 1 did.
    await v1.imports.put({
      ...meta(),
      id: 'imp_v1',
      status: 'committed',
      departments: ['交通运输局'],
      counts: { rowsRead: 2, imported: 2, errors: 0, warnings: 0, excluded: 0 },
      chunkCount: 2,
      startedAt: '2025-01-01T00:00:00Z',
      committedAt: '2025-01-01T00:00:01Z',
      isDemo: false,
      insistedDuplicate: false,
    });
    for (const seq of [0, 1]) {
      await v1.caseChunks.put({
        importId: 'imp_v1',
        seq,
        count: 1,
        itemId: ['交通运输局|V' + seq],
        caseNo: ['V' + seq],
        department: ['交通运输局'],
        caseType: ['行政处罚'],
        cause: [''],
        party: [''],
        filedDate: [null],
        closedDate: [null],
        amountFen: [null],
        officer: [''],
        certNo: [''],
        sourceRow: [seq + 2],
      });
      await v1.rawChunks.put({ importId: 'imp_v1', seq, raw: [['V' + seq]] });
    }
    await v1.meta.put({ key: 'settings:operator', value: { name: '老版本' } });
    const { bytes, manifest } = await exportDatabase(v1, { appVersion: '0.0.9', reason: 'manual' });
    expect(manifest.schemaVersion).toBe(1);
    expect(manifest.tables.map((t) => t.name).sort()).toEqual([
      'caseChunks',
      'imports',
      'mappings',
      'meta',
      'rawChunks',
    ]);

    const target = freshDb();
    await populate(target, 50, 'T');
    const inspection = await inspectBackup(target, bytes, { appVersion: '0.1.0' });
    expect(inspection.compatibility).toEqual({ kind: 'older', from: 1, to: CURRENT_SCHEMA_VERSION });
    const result = await restoreBackup(target, bytes, confirmingTrust(bytes, opts));
    expect(result.migratedFrom).toBe(1);
    expect(target.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await target.caseChunks.count()).toBe(2);
    expect(await target.table('campaigns').count()).toBe(0);
    expect((await target.meta.get('settings:operator'))?.value).toEqual({ name: '老版本' });
    const log = await readAuditLog(target);
    expect(log).toHaveLength(1);
    expect(log[0]!.summary).toContain(`升级到第 ${CURRENT_SCHEMA_VERSION} 版`);
    expect(await storedSchemaVersion(target.name + '-restore-staging')).toBe(0);
  });

  it('is atomic: a failure injected after some tables are written leaves the store as it was', async () => {
    const source = freshDb();
    await populate(source, 4100, 'A');
    const { bytes } = await exportDatabase(source, { appVersion: '0.1.0', reason: 'manual' });
    const target = freshDb();
    await populate(target, 300, 'T');
    const before = await snapshot(target);
    const written: string[] = [];
    await expect(
      restoreBackup(target, bytes, {
        ...confirmingTrust(bytes, opts),
        afterTable: (name) => {
          written.push(name);
          if (name === 'caseChunks') throw new Error('页面已关闭（模拟）');
        },
      }),
    ).rejects.toThrow(RestoreError);
    expect(written).toContain('caseChunks');
    expect(await snapshot(target)).toEqual(before);
  });

  it('quota exceeded during a restore: Chinese message, store unchanged', async () => {
    const source = freshDb();
    await populate(source, 4100, 'A');
    const { bytes } = await exportDatabase(source, { appVersion: '0.1.0', reason: 'manual' });
    const target = freshDb();
    await populate(target, 300, 'T');
    const before = await snapshot(target);
    const raw = target.table('rawChunks');
    const original = raw.bulkPut.bind(raw);
    let calls = 0;
    raw.bulkPut = ((...args: Parameters<typeof original>) => {
      if (++calls === 1) return Promise.reject(new DOMException('quota', 'QuotaExceededError'));
      return original(...args);
    }) as typeof raw.bulkPut;
    await expect(restoreBackup(target, bytes, confirmingTrust(bytes, opts))).rejects.toThrow(
      /存储空间不足.*恢复前的状态/,
    );
    raw.bulkPut = original;
    expect(await snapshot(target)).toEqual(before);
  });

  it('reads the stored schema version without upgrading the database', async () => {
    const v1 = freshDb(1);
    await v1.meta.put({ key: 'x', value: 1 });
    v1.close();
    expect(await storedSchemaVersion(v1.name)).toBe(1);
    expect(await storedSchemaVersion('does-not-exist-' + Date.now())).toBe(0);
  });
});
