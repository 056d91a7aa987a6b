import { describe, expect, it } from 'vitest';
import {
  importCaseFiles,
  listCommittedImports,
  loadCaseChunks,
  type NewImport,
} from '../../renderer/db/ledger-repository';
import {
  DirectoryError,
  listDirectory,
  mergeDepartments,
  renameDepartment,
  saveDepartment,
} from '../../renderer/db/directory-repository';
import { checkDataAndLog, readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import { exportDatabase, restoreBackup } from '../../renderer/db/backup-repository';
import { resolveDepartment } from '../../shared/ledger/departments';
import { emptyMapping } from '../../shared/ledger/header';
import { freshDb, freshMachine, makeRecords, snapshot } from './helpers';
import type { PingchaDatabase } from '../../renderer/db/database';

const meta = (over: Partial<NewImport> = {}): NewImport => ({
  fileName: '台账.xlsx',
  sheetName: 'Sheet1',
  sha256: 'b'.repeat(64),
  fileSize: 10,
  encoding: null,
  headerRow: 0,
  headers: ['案件编号', '执法部门'],
  mapping: { ...emptyMapping(), caseNo: 0, department: 1 },
  defaultDepartment: null,
  defaultCaseType: '行政处罚',
  counts: { rowsRead: 0, errors: 0, warnings: 0, excluded: 0 },
  ...over,
});

async function departmentsOfCases(db: PingchaDatabase): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await loadCaseChunks(db, await listCommittedImports(db), (_, c) => {
    for (const d of c.department) out[d] = (out[d] ?? 0) + 1;
  });
  return out;
}

describe('department directory (机构名录) in the store', () => {
  it('a committed import seeds the directory in the same transaction; city-prefix variants join one entry', async () => {
    const db = freshDb();
    await importCaseFiles(db, meta(), [
      ...makeRecords(3, '德阳市应急管理局', 'A'),
      ...makeRecords(2, '德阳市交通运输局', 'B'),
    ]);
    await importCaseFiles(db, meta({ sha256: 'c'.repeat(64) }), makeRecords(2, '市应急管理局', 'C'));
    const dir = await listDirectory(db);
    expect(dir.map((d) => [d.name, d.aliases])).toEqual([
      ['德阳市交通运输局', []],
      ['德阳市应急管理局', ['市应急管理局']],
    ]);
    // the user's choice on import ("应急局 is an alias of 德阳市应急管理局") is stored with the commit
    await importCaseFiles(
      db,
      meta({ sha256: 'd'.repeat(64), departmentMap: { 应急局: '德阳市应急管理局' } }),
      makeRecords(1, '德阳市应急管理局', 'D'),
    );
    expect(resolveDepartment(await listDirectory(db), '应急局')).toMatchObject({
      department: '德阳市应急管理局',
      rule: 'alias',
    });
  });

  it('merge: one logged action moves cases, imports, mappings and panel members to the target', async () => {
    const db = freshDb();
    await importCaseFiles(db, meta(), [
      ...makeRecords(4, '德阳市应急管理局', 'A'),
      ...makeRecords(3, '应急管理局（安监）', 'B'),
    ]);
    await db.mappings.put({
      department: '应急管理局（安监）',
      byHeader: emptyMapping() as never,
      updatedAt: 'x',
    });
    await db.reviewers.put({
      id: 'r1',
      campaignId: 'c1',
      name: '甲',
      unit: '应急管理局（安监）',
      role: '机关工作人员',
      conflicts: ['应急管理局（安监）', '德阳市交通运输局'],
    } as never);
    const dir = await listDirectory(db);
    const from = dir.find((d) => d.name === '应急管理局(安监)')!;
    const into = dir.find((d) => d.name === '德阳市应急管理局')!;
    const auditBefore = (await readAuditLog(db)).length;

    const result = await mergeDepartments(db, from.id, into.id, '操作员');
    expect(result.files).toBe(3);
    expect(await departmentsOfCases(db)).toEqual({ 德阳市应急管理局: 7 });
    expect((await listCommittedImports(db))[0]!.departments).toEqual(['德阳市应急管理局']);
    const after = await listDirectory(db);
    expect(after.map((d) => [d.name, d.aliases])).toEqual([['德阳市应急管理局', ['应急管理局(安监)']]]);
    expect(await db.mappings.get('应急管理局(安监)')).toBeUndefined();
    expect(await db.mappings.get('德阳市应急管理局')).toBeDefined();
    const r = (await db.reviewers.get('r1')) as unknown as { unit: string; conflicts: string[] };
    expect(r.unit).toBe('德阳市应急管理局');
    expect(r.conflicts).toEqual(['德阳市应急管理局', '德阳市交通运输局']);
    const log = await readAuditLog(db);
    expect(log.length).toBe(auditBefore + 1);
    expect(log.at(-1)).toMatchObject({ action: 'directory.merge', actor: '操作员' });
    expect(log.at(-1)!.summary).toContain('将“应急管理局(安监)”合并到“德阳市应急管理局”（3 件案卷');
    expect((await verifyStoredAuditLog(db)).ok).toBe(true);
    // item ids follow the name, as a fresh import through the directory would make them
    const ids: string[] = [];
    await loadCaseChunks(db, await listCommittedImports(db), (_, c) => ids.push(...c.itemId));
    expect(ids.filter((i) => i.startsWith('德阳市应急管理局|'))).toHaveLength(7);
    expect((await listCommittedImports(db))[0]!.departmentMap).toMatchObject({
      '应急管理局（安监）': '德阳市应急管理局',
    });
  });

  it('a department whose files were drawn cannot be merged (the draw record must stay verifiable)', async () => {
    const db = freshDb();
    await importCaseFiles(db, meta(), [
      ...makeRecords(2, '德阳市应急管理局', 'A'),
      ...makeRecords(2, '市应急局', 'B'),
    ]);
    await db.campaigns.put({ id: 'c1', name: '第十一次评查' } as never);
    await db.draws.put({
      id: 'd1',
      campaignId: 'c1',
      record: {
        drawn: [{ itemId: '市应急局|B-1', department: '市应急局', caseNo: 'B-1', caseType: '行政处罚' }],
      },
    } as never);
    const dir = await listDirectory(db);
    const from = dir.find((d) => d.name === '市应急局')!;
    const into = dir.find((d) => d.name === '德阳市应急管理局')!;
    const before = await snapshot(db);
    await expect(mergeDepartments(db, from.id, into.id, 'x')).rejects.toThrow(
      '“市应急局”的案卷已在评查活动“第十一次评查”中抽取',
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('bad merges and edits change nothing and say why in Chinese', async () => {
    const db = freshDb();
    await importCaseFiles(db, meta(), [
      ...makeRecords(2, '德阳市应急管理局', 'A'),
      ...makeRecords(2, '德阳市交通运输局', 'B'),
    ]);
    const [a, b] = await listDirectory(db);
    const before = await snapshot(db);
    await expect(mergeDepartments(db, a!.id, a!.id, 'x')).rejects.toThrow('不能把机构合并到它自己');
    await expect(mergeDepartments(db, 'nope', a!.id, 'x')).rejects.toThrow(DirectoryError);
    await expect(saveDepartment(db, { ...b!, aliases: ['德阳市交通运输局'] }, 'x')).rejects.toThrow(
      /同时属于/,
    );
    await expect(saveDepartment(db, { ...b!, name: '别的名字' }, 'x')).rejects.toThrow(/改名/);
    await expect(renameDepartment(db, a!.id, '德阳市应急管理局', 'x')).rejects.toThrow(
      '机构名录中已有“德阳市应急管理局”',
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('rename: cases follow, the old name stays as an alias, logged once', async () => {
    const db = freshDb();
    await importCaseFiles(db, meta(), makeRecords(5, '德阳市安全生产监督管理局', 'A'));
    const [d] = await listDirectory(db);
    const r = await renameDepartment(db, d!.id, '德阳市应急管理局', '操作员');
    expect(r.files).toBe(5);
    expect(await departmentsOfCases(db)).toEqual({ 德阳市应急管理局: 5 });
    const [e] = await listDirectory(db);
    expect(e).toMatchObject({ name: '德阳市应急管理局', aliases: ['德阳市安全生产监督管理局'] });
    expect((await readAuditLog(db)).at(-1)!.action).toBe('directory.rename');
  });

  it('edits in 设置 are saved and logged; the directory survives a backup round trip', async () => {
    const db = await freshMachine();
    await importCaseFiles(db, meta(), makeRecords(2, '德阳市应急管理局', 'A'));
    const [d] = await listDirectory(db);
    await saveDepartment(
      db,
      { ...d!, aliases: ['应急局', '市应急管理局'], caseNoPrefixes: ['德应急罚'] },
      '操作员',
    );
    await saveDepartment(
      db,
      { name: '德阳市生态环境局', aliases: ['环保局'], caseNoPrefixes: ['德环罚'], kind: 'municipal' },
      '操作员',
    );
    expect((await readAuditLog(db)).filter((l) => l.action === 'directory.save')).toHaveLength(2);
    const { bytes } = await exportDatabase(db, { appVersion: '0.1.0', reason: 'manual' });
    const target = await freshMachine();
    await restoreBackup(target, bytes, { appVersion: '0.1.0', actor: '测试员' });
    expect(await listDirectory(target)).toEqual(await listDirectory(db));
    expect(resolveDepartment(await listDirectory(target), '', '德环罚[2024]1号').department).toBe(
      '德阳市生态环境局',
    );
  });

  it('every directory write carries the digests of the rows it wrote, and only those (机构名录 is covered)', async () => {
    const db = await freshMachine();
    const covered = async () =>
      ((await readAuditLog(db)).at(-1)!.records ?? [])
        .filter((r) => r.table === 'departments')
        .map((r) => `${r.key}:${r.digest === null ? 'removed' : 'row'}`);
    const idOf = async (name: string) => (await listDirectory(db)).find((d) => d.name === name)!.id;
    await importCaseFiles(db, meta(), makeRecords(2, '德阳市应急管理局', 'A'));
    const a = await idOf('德阳市应急管理局');
    expect(await covered()).toEqual([`${a}:row`]);
    // A second ledger adds one department: its entry digests that row only, not the directory.
    await importCaseFiles(db, meta({ sha256: 'c'.repeat(64) }), makeRecords(2, '德阳市生态环境局', 'B'));
    const b = await idOf('德阳市生态环境局');
    expect(await covered()).toEqual([`${b}:row`]);
    await importCaseFiles(db, meta({ sha256: 'd'.repeat(64) }), makeRecords(1, '德阳市应急管理局', 'C'));
    expect(await covered()).toEqual([]);
    const [d] = (await listDirectory(db)).filter((x) => x.id === a);
    await saveDepartment(db, { ...d!, caseNoPrefixes: ['德应急罚'] }, '操作员');
    expect(await covered()).toEqual([`${a}:row`]);
    await renameDepartment(db, b, '德阳市生态环境保护局', '操作员');
    expect(await covered()).toEqual([`${b}:row`]);
    await mergeDepartments(db, b, a, '操作员');
    expect(await covered()).toEqual([`${a}:row`, `${b}:removed`]);
    const clean = await checkDataAndLog(db);
    expect(clean.trust.problems).toEqual([]);
    expect(clean.mismatches).toEqual([]);
    // Edited behind the app (its 代字), or one brought back after its merge: both named.
    const [merged] = await listDirectory(db);
    await db.departments.put({ ...merged!, caseNoPrefixes: ['德改罚'] });
    await db.departments.put({ ...merged!, id: b, name: '德阳市生态环境保护局', aliases: [] });
    const check = await checkDataAndLog(db);
    expect(check.mismatches.map((m) => `${m.key}:${m.kind}`).sort()).toEqual(
      [`${a}:changed`, `${b}:unlogged`].sort(),
    );
    expect(check.mismatches.every((m) => m.message.startsWith('机构名录'))).toBe(true);
  });
});
