import { CURRENT_SCHEMA_VERSION } from '../../renderer/db/schema';
import { describe, expect, it, vi } from 'vitest';
import { readBackupManifest } from '../../shared/backup/backup-format';
import {
  backupBeforeUpgrade,
  makeBackup,
  runDailyBackupIfDue,
  BACKUP_SETTINGS_AREA,
  backupSettingsSchema,
} from '../../renderer/workers/backup-service';
import { writeSettings } from '../../renderer/db/settings-repository';
import { readLastBackup } from '../../renderer/db/backup-repository';
import { PingchaDatabase } from '../../renderer/db/database';
import type { Platform } from '../../renderer/platform';
import { freshDb } from './helpers';

function desktop() {
  const written: { name: string; bytes: Uint8Array }[] = [];
  const keeps: number[] = [];
  const platform: Platform = {
    kind: 'electron',
    openFiles: vi.fn(async () => []),
    saveFile: vi.fn(async () => true),
    appVersion: async () => '0.1.0',
    dataPaths: async () => ({ data: '/d', backups: '/b' }),
    backups: {
      write: vi.fn(async (name: string, bytes: Uint8Array) => {
        written.push({ name, bytes });
        return { path: '/b/' + name, removed: [] };
      }),
      setKeep: vi.fn(async (keep: number) => void keeps.push(keep)),
      list: async () => [],
      read: async () => new Uint8Array(),
    },
  };
  return { platform, written, keeps };
}

function browser() {
  const saved: { suggestedName: string; bytes: Uint8Array }[] = [];
  const platform: Platform = {
    kind: 'browser',
    openFiles: vi.fn(async () => []),
    saveFile: vi.fn(async (r) => {
      saved.push(r);
      return true;
    }),
    appVersion: async () => '0.1.0',
    dataPaths: async () => null,
  };
  return { platform, saved };
}

const at = (iso: string) => () => new Date(iso);

describe('automatic backups', () => {
  it('daily: nothing on an empty store, a backup when due, none again within 24 h, again after', async () => {
    const db = freshDb();
    const { platform, written, keeps } = desktop();
    expect(await runDailyBackupIfDue(db, platform, at('2026-01-01T08:00:00Z'))).toBe('empty');
    await db.table('campaigns').put({ id: 'c1', name: '活动', year: 2026, createdAt: '2026-01-01' });
    expect(await runDailyBackupIfDue(db, platform, at('2026-01-01T08:00:00Z'))).toBe('written');
    expect(written).toHaveLength(1);
    // The shell is told the setting; the write itself carries no number to keep.
    expect(keeps.at(-1)).toBe(10);
    expect(platform.backups!.write).toHaveBeenCalledWith(written[0]!.name, written[0]!.bytes);
    expect(readBackupManifest(written[0]!.bytes).counts.campaigns).toBe(1);
    expect((await readLastBackup(db))?.reason).toBe('daily');
    expect(await runDailyBackupIfDue(db, platform, at('2026-01-02T07:59:00Z'))).toBe('not-due');
    await writeSettings(db, BACKUP_SETTINGS_AREA, backupSettingsSchema, { keep: 3, autoDaily: true });
    expect(await runDailyBackupIfDue(db, platform, at('2026-01-02T08:01:00Z'))).toBe('written');
    expect(keeps.at(-1)).toBe(3);
    await writeSettings(db, BACKUP_SETTINGS_AREA, backupSettingsSchema, { keep: 3, autoDaily: false });
    expect(await runDailyBackupIfDue(db, platform, at('2026-01-09T08:01:00Z'))).toBe('off');
  });

  it('browser: the daily check only reminds; a backup is a download and remembered in meta', async () => {
    const db = freshDb();
    await db.table('campaigns').put({ id: 'c1', name: '活动', year: 2026, createdAt: '2026-01-01' });
    const { platform, saved } = browser();
    expect(await runDailyBackupIfDue(db, platform)).toBe('reminder');
    expect(saved).toHaveLength(0);
    const made = await makeBackup(db, platform, 'manual', { now: at('2026-03-04T05:06:07Z') });
    expect(saved[0]!.suggestedName).toBe(made.fileName);
    expect(made.where).toBe('download');
    expect(await runDailyBackupIfDue(db, platform, at('2026-03-04T09:00:00Z'))).toBe('not-due');
  });

  it('before a schema upgrade: an older stored database is backed up at its own version first', async () => {
    const v1 = freshDb(1);
    await v1.meta.put({ key: 'settings:operator', value: { name: '老数据' } });
    await v1.mappings.put({ department: '交通运输局', byHeader: {} as never, updatedAt: '2025-01-01' });
    v1.close();
    const { platform, written } = desktop();
    const r = await backupBeforeUpgrade(platform, { name: v1.name });
    expect(r).toEqual({ storedVersion: 1, backedUp: true });
    expect(written[0]!.name).toMatch(/升级前\.pingcha-backup$/);
    const manifest = readBackupManifest(written[0]!.bytes);
    expect(manifest.schemaVersion).toBe(1);
    expect(manifest.counts.mappings).toBe(1);
    // The database itself is still at version 1 (the app's own open upgrades it afterwards).
    const probe = new PingchaDatabase(v1.name);
    await probe.open();
    expect(probe.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await probe.mappings.count()).toBe(1);
    probe.close();
    // Now current: nothing to do.
    expect(await backupBeforeUpgrade(platform, { name: v1.name })).toEqual({
      storedVersion: CURRENT_SCHEMA_VERSION,
      backedUp: false,
    });
    expect(await backupBeforeUpgrade(platform, { name: 'none-' + Date.now() })).toEqual({
      storedVersion: 0,
      backedUp: false,
    });
  });
});
