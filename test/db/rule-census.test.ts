// 台账体检 in the store (issue 26): the import worker's service checks every committed ledger's rows against
// the rule pack, stores the flags per row with the pack's SHA-256, re-runs when the pack (设置) or the officer
// registry changes, logs each run and each settings change, and a deleted ledger takes its census with it.
import { describe, expect, it } from 'vitest';
import { freshDb, snapshot } from './helpers';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { ledgerCsvBytes } from '../fixtures/make-ledgers';
import {
  currentRulePack,
  loadRuleCensus,
  runStaleCensus,
  saveRulePackSettings,
} from '../../renderer/db/rule-census-repository';
import { readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import { deleteImport, listCommittedImports } from '../../renderer/db/ledger-repository';
import { createCampaign } from '../../renderer/db/campaign-repository';
import { readCampaignDraw } from '../../renderer/db/panel-repository';
import { DrawService } from '../../renderer/workers/draw-service';
import { runDrawVerify } from '../../shared/cli/draw-verify-command';
import { memoryIo } from '../fixtures/memory-io';
import { saveOfficer } from '../../renderer/db/officers-repository';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { ledgerRuleColumns, runLedgerCensus } from '../../shared/rules/ledger-census';
import { DEFAULT_RULE_PACK } from '../../shared/rules/default-rule-pack';
import { rulePackDigest } from '../../shared/rules/rule-pack';
import { certifiedOfficer } from '../fixtures/officers';
import type { PingchaDatabase } from '../../renderer/db/database';

const ledger = generateLedgerRows({ rows: 3000, seed: 31, statutoryColumns: true });
const bytes = ledgerCsvBytes(ledger, 'utf-8');

async function importLedger(
  db: PingchaDatabase,
): Promise<{ importId: string; service: LedgerImportService }> {
  const service = new LedgerImportService(db);
  const opened = await service.open({ name: '体检台账.csv', bytes }, 'auto');
  await service.analyse({
    fileKey: opened.fileKey,
    sheetIndex: opened.sheetIndex,
    headerRow: opened.header!.headerRow,
    mapping: opened.mapping,
    defaultDepartment: null,
    defaultCaseType: null,
  });
  const record = await service.commit({ fileKey: opened.fileKey, isDemo: false, insistedDuplicate: false });
  return { importId: record.id, service };
}

describe('台账体检 census in the store', () => {
  it('an import is checked in the worker service: every row, the flags per row, the pack digest, one log entry', async () => {
    const db = freshDb();
    const { importId } = await importLedger(db);
    const [census] = await loadRuleCensus(db);
    expect(census!.importId).toBe(importId);
    expect(census!.packSha256).toBe(rulePackDigest(DEFAULT_RULE_PACK));
    // the same flags the CLI's engine finds in the same file
    const { report, mapping } = checkLedgerFile(bytes, '体检台账.csv');
    const expected = runLedgerCensus(
      report.valid,
      ledgerRuleColumns(mapping, report.headers),
      DEFAULT_RULE_PACK,
    );
    expect(census!.flagItemId).toEqual(expected.flags.map((f) => f.itemId));
    expect(census!.flagSentence).toEqual(expected.flags.map((f) => f.sentence));
    expect(census!.flagItemId.length).toBeGreaterThan(50);
    expect(census!.flagOffset.every((o, k) => report.valid[o]!.itemId === census!.flagItemId[k])).toBe(true);
    const sc = census!.tallies.find((t) => t.ruleId === 'SC-64-DECISION')!;
    expect(sc.flagged).toBe(census!.flagRule.filter((r) => census!.ruleIds[r] === 'SC-64-DECISION').length);
    const log = (await readAuditLog(db)).filter((e) => e.action === 'rules.census');
    expect(log).toHaveLength(1);
    expect(log[0]!.summary).toMatch(
      /^台账体检：1 份台账 3000 件，发现线索 \d+ 条（规则包 2026\.12-1，SHA-256 [0-9a-f]{16}…）$/,
    );
    // nothing stale: a second run checks nothing and logs nothing
    expect(await runStaleCensus(db)).toMatchObject({ checkedImports: 0 });
    expect((await readAuditLog(db)).filter((e) => e.action === 'rules.census')).toHaveLength(1);
    expect((await verifyStoredAuditLog(db)).ok).toBe(true);
  });

  it('设置: switching a rule off and changing a period is logged and re-runs the census', async () => {
    const db = freshDb();
    const { service } = await importLedger(db);
    const before = (await loadRuleCensus(db))[0]!;
    const delivery = before.ruleIds.indexOf('CF-61-DELIVERY');
    expect(before.flagRule.filter((r) => r === delivery).length).toBeGreaterThan(0);
    await saveRulePackSettings(
      db,
      { disabled: ['CF-61-DELIVERY'], periods: { 'SC-64-DECISION': { days: 60, extensionDays: 30 } } },
      '法制科 李四',
    );
    const entry = (await readAuditLog(db)).at(-1)!;
    expect(entry.action).toBe('rules.settings');
    expect(entry.actor).toBe('法制科 李四');
    expect(entry.summary).toContain('停用 CF-61-DELIVERY；SC-64-DECISION 期限改为 60 日（延长 30 日）');
    const pack = await currentRulePack(db);
    expect(pack.version).toBe('2026.12-1+本机调整');
    expect(await service.runCensus()).toMatchObject({ checkedImports: 1, packSha256: rulePackDigest(pack) });
    const after = (await loadRuleCensus(db))[0]!;
    expect(after.ruleIds).not.toContain('CF-61-DELIVERY');
    const sc = (c: typeof after) => c.tallies.find((t) => t.ruleId === 'SC-64-DECISION')!.flagged;
    expect(sc(after)).toBeGreaterThan(sc(before));
  });

  it('bad settings are refused in Chinese and leave the store exactly as it was', async () => {
    const db = freshDb();
    await importLedger(db);
    const before = await snapshot(db);
    await expect(saveRulePackSettings(db, { disabled: ['NO-SUCH-RULE'], periods: {} }, '甲')).rejects.toThrow(
      '规则“NO-SUCH-RULE”不在规则包中，设置未保存。',
    );
    await expect(
      saveRulePackSettings(
        db,
        { disabled: [], periods: { 'SC-64-DECISION': { days: 0, extensionDays: 0 } } },
        '甲',
      ),
    ).rejects.toThrow('期限应为 1 到 3650 之间的整数天数');
    expect(await snapshot(db)).toEqual(before);
  });

  it('a changed officer registry re-runs the certificate rules; deleting the ledger deletes its census', async () => {
    const db = freshDb();
    const { importId } = await importLedger(db);
    const first = (await loadRuleCensus(db))[0]!;
    expect(first.registrySha256).toBe('');
    await saveOfficer(db, certifiedOfficer({ certificateNo: ledger.cases[0]!.certNo.split('、')[0]! }), {
      actor: '甲',
    });
    const run = await runStaleCensus(db);
    expect(run.checkedImports).toBe(1);
    const second = (await loadRuleCensus(db))[0]!;
    expect(second.registrySha256).toMatch(/^[0-9a-f]{64}$/);
    const unregistered = second.tallies.find((t) => t.ruleId === 'ZJ-UNREGISTERED')!;
    expect(unregistered.flagged).toBeGreaterThan(0);
    await deleteImport(db, importId, '甲');
    expect(await loadRuleCensus(db)).toEqual([]);
  });
});

describe('台账体检 feeds the draw', () => {
  it('the demo ledgers are checked as they load', async () => {
    const db = freshDb();
    const service = new LedgerImportService(db);
    await service.loadDemo();
    const imports = await listCommittedImports(db);
    const census = await loadRuleCensus(db);
    expect(census.map((c) => c.importId).sort()).toEqual(imports.map((i) => i.id).sort());
    expect(census.every((c) => c.packSha256 === rulePackDigest(DEFAULT_RULE_PACK))).toBe(true);
  });

  it('a draw with the 台账体检发现 stratum: recorded with the pack SHA-256, logged, reviewed, verified by pingcha draw verify', async () => {
    const db = freshDb();
    await importLedger(db);
    const campaign = await createCampaign(db, {
      name: '2025 年度评查',
      year: 2025,
      periodFrom: null,
      periodTo: null,
      departments: [],
      caseTypes: ['行政处罚'],
      createdBy: '张三',
    });
    const draws = new DrawService(db, () => new Date('2025-03-01T01:00:00Z'));
    const request = {
      campaignId: campaign.id,
      plan: { total: 40, stratifyBy: 'department' as const, minimum: 1, sparesPerStratum: 1 },
      seed: '16180339887498948482',
      operator: '张三',
      witnesses: ['李四'],
      purposive: { ruleIds: ['SC-64-DECISION', 'CF-60-DECISION'], quota: 4 },
    };

    // a stale census (the pack changed) refuses the draw and writes nothing
    await saveRulePackSettings(db, { disabled: ['ZJ-MISSING'], periods: {} }, '甲');
    const before = await snapshot(db);
    await expect(draws.execute(request)).rejects.toThrow(/尚未按当前规则包和执法人员名录完成台账体检/);
    expect(await snapshot(db)).toEqual(before);
    await runStaleCensus(db);

    const view = await draws.execute(request);
    const { draw, itemIds } = await readCampaignDraw(db, campaign.id);
    const part = draw!.record.purposive!;
    expect(part.rulePack.sha256).toBe(rulePackDigest(await currentRulePack(db)));
    expect(part.flagged!.drawn).toHaveLength(4);
    const picked = part.flagged!.drawn.map((p) => p.itemId);
    expect(picked.every((id) => !view.drawn.some((d) => d.itemId === id))).toBe(true);
    // the purposive files are reviewed after the random ones
    expect(itemIds.slice(-4)).toEqual(picked);
    const entry = (await readAuditLog(db)).find((e) => e.action === 'draw.create')!;
    expect(entry.summary).toContain(
      `台账体检发现层抽取 4 件（线索 ${part.flagged!.ids.length} 件，规则包 SHA-256 ${part.rulePack.sha256}）`,
    );

    const io = memoryIo({ 'record.json': await draws.exportRecord(view.drawId), '体检台账.csv': bytes });
    expect(await runDrawVerify(['record.json', '体检台账.csv'], io)).toBe(0);
    expect(io.stdout).toContain('“台账体检发现”层：线索');

    // the in-app 核验抽取记录 re-runs the stratum too, with the same shared function
    const text = new TextDecoder().decode(await draws.exportRecord(view.drawId));
    const inApp = await new DrawService(db).verify(text);
    expect(inApp.ok).toBe(true);
    expect(inApp.ok && inApp.summary).toContain(
      `“台账体检发现”层：线索 ${part.flagged!.ids.length} 件，抽取 4 件`,
    );
    const tampered = JSON.parse(text) as { purposive: { flagged: { drawn: { itemId: string }[] } } };
    tampered.purposive.flagged.drawn[0]!.itemId = part.flagged!.ids.find((id) => !picked.includes(id))!;
    const swapped = await new DrawService(db).verify(JSON.stringify(tampered));
    expect(swapped).toMatchObject({ ok: false, unreadable: false });
    expect(!swapped.ok && swapped.message).toContain('“台账体检发现”层第 1 件不同');
    // a census made with another pack cannot re-run the stratum: said so, not called a match
    await saveRulePackSettings(db, { disabled: [], periods: {} }, '甲');
    await runStaleCensus(db);
    const stale = await new DrawService(db).verify(text);
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.message).toContain('pingcha draw verify');
  });

  it('定向抽取: a named file with its reason is in the record and verified; without a reason the draw is refused', async () => {
    const db = freshDb();
    await importLedger(db);
    const campaign = await createCampaign(db, {
      name: '定向抽取',
      year: 2025,
      periodFrom: null,
      periodTo: null,
      departments: [],
      caseTypes: ['行政处罚'],
      createdBy: '张三',
    });
    const draws = new DrawService(db, () => new Date('2025-03-01T01:00:00Z'));
    const base = {
      campaignId: campaign.id,
      plan: { total: 40, stratifyBy: 'department' as const, minimum: 1, sparesPerStratum: 0 },
      seed: '57721566490153286060',
      operator: '张三',
      witnesses: [],
    };
    const target = ledger.cases.find((c) => c.caseType === '行政处罚')!;
    const itemId = `${target.department}|${target.caseNo}`;
    const before = await snapshot(db);
    await expect(
      draws.execute({ ...base, purposive: { ruleIds: [], quota: 0, named: [{ itemId, reason: ' ' }] } }),
    ).rejects.toThrow('必须写明理由');
    expect(await snapshot(db)).toEqual(before);
    const view = await draws.execute({
      ...base,
      purposive: { ruleIds: [], quota: 0, named: [{ itemId, reason: '群众举报' }] },
    });
    const { draw, itemIds } = await readCampaignDraw(db, campaign.id);
    expect(view.drawn.some((d) => d.itemId === itemId)).toBe(false);
    expect(draw!.record.purposive!.named).toEqual([
      {
        itemId,
        caseNo: target.caseNo,
        department: target.department,
        caseType: '行政处罚',
        reason: '群众举报',
      },
    ]);
    expect(itemIds.at(-1)).toBe(itemId);
    const io = memoryIo({ 'record.json': await draws.exportRecord(view.drawId), '体检台账.csv': bytes });
    expect(await runDrawVerify(['record.json', '体检台账.csv'], io)).toBe(0);
    expect(io.stdout).toContain('定向抽取 1 件');
    const inApp = await new DrawService(db).verify(
      new TextDecoder().decode(await draws.exportRecord(view.drawId)),
    );
    expect(inApp.ok && inApp.summary).toContain('定向抽取 1 件（不计入总体推算）');
  });
});
