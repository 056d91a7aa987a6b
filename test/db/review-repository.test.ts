import { describe, expect, it } from 'vitest';
import { freshDb, snapshot } from './helpers';
import { PingchaDatabase } from '../../renderer/db/database';
import type { CampaignRecord, DrawEventRow } from '../../renderer/db/workflow-records';
import { readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import {
  addReviewer,
  createAssignment,
  currentDrawnIds,
  reassignReviewer,
  type DrawnFile,
  sheetId,
} from '../../renderer/db/panel-repository';
import {
  copyStandard,
  createStandardVersion,
  ReviewError,
  ensureDefaultStandards,
  importStandardJson,
  exportStandardBytes,
  listStandards,
  saveStandard,
} from '../../renderer/db/standards-repository';
import {
  finaliseFile,
  saveSheet,
  submitNoProblemsFound,
  submitSheet,
  unlockSheet,
} from '../../renderer/db/score-repository';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';
import type { DrawRecord } from '../../shared/draw/draw-record';
import { saveDepartment } from '../../renderer/db/directory-repository';

const CAMPAIGN = 'c1';

function campaign(): CampaignRecord {
  return {
    id: CAMPAIGN,
    name: '第十一次行政执法案卷评查',
    year: 2026,
    periodFrom: null,
    periodTo: null,
    departments: [],
    caseTypes: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: '测试',
    isDemo: false,
    standards: [],
    standardsFrozenAt: null,
  };
}

const FILES: DrawnFile[] = [
  { itemId: '市场监督管理局|罚-1', department: '市场监督管理局', caseNo: '罚-1', caseType: '行政处罚' },
  { itemId: '交通运输局|罚-2', department: '交通运输局', caseNo: '罚-2', caseType: '行政处罚' },
];

/** A campaign with 3 reviewers from other units, assigned 2 a file. */
async function setup(db: PingchaDatabase) {
  await ensureDefaultStandards(db);
  await db.campaigns.add(campaign());
  for (const [name, unit] of [
    ['张三', '司法局'],
    ['李四', '律师事务所'],
    ['王五', '检察院'],
  ] as const)
    await addReviewer(db, CAMPAIGN, { name, unit, role: '机关工作人员', conflicts: [] });
  const res = await createAssignment(db, {
    campaignId: CAMPAIGN,
    files: FILES,
    perFile: 2,
    seed: 'seed-1',
    actor: '组长',
  });
  if (!res.ok) throw new Error(res.errors.join());
  return res.record;
}

const std = defaultPenaltyStandard();
// An item with a per-occurrence option (counts above 1 are allowed).
const item = std.categories.flatMap((c) => c.items).find((i) => i.deductions[0]!.mode === 'per-occurrence')!;
const option = item.deductions[0]!;

describe('review repository: standards', () => {
  it('seeds the four defaults once, editable as drafts; editing a frozen version makes a new one', async () => {
    const db = freshDb();
    expect(await ensureDefaultStandards(db)).toBe(4);
    expect(await ensureDefaultStandards(db)).toBe(0);
    const rows = await listStandards(db);
    expect(rows.map((r) => r.caseTypes[0]).sort()).toEqual(['行政处罚', '行政强制', '行政检查', '行政许可']);
    expect(rows.every((r) => r.isDefault && r.status === 'draft')).toBe(true);

    const bad = { ...rows[0]!, bands: rows[0]!.bands.slice(0, 1) };
    const before = await snapshot(db);
    await expect(saveStandard(db, bad)).rejects.toThrow(/等次至少需要 2 档/);
    expect(await snapshot(db)).toEqual(before);

    // Freeze through a campaign's first save, then edit: version 2 appears, version 1 unchanged.
    await setup(db);
    const record = (await db.assignments.get(CAMPAIGN))!.record;
    const e = record.result[0]!;
    await saveSheet(db, {
      campaignId: CAMPAIGN,
      itemId: e.itemId,
      reviewerId: e.reviewerIds[0]!,
      caseType: '行政处罚',
      sheet: { deductions: [], vetoes: [] },
      actor: '张三',
    });
    const frozen = (await db.standards.get([std.id, 1]))!;
    expect(frozen.status).toBe('published');
    expect(frozen.digest).toMatch(/^[0-9a-f]{64}$/);
    const edited = { ...frozen, name: '行政处罚案卷评查标准（本市修订）' };
    const v2 = await saveStandard(db, edited);
    expect(v2.version).toBe(2);
    expect(v2.basedOn).toEqual({ version: 1, digest: frozen.digest });
    expect((await db.standards.get([std.id, 1]))!.name).toBe(frozen.name);
    const v3 = await createStandardVersion(db, std.id, 1);
    expect(v3.version).toBe(3);
  });

  it('names a missing standard version by the standard’s name, never by its internal id', async () => {
    const db = freshDb();
    const s = { ...defaultPenaltyStandard(), id: 'std-x81k2m9q' };
    await db.standards.add(s);
    const before = await snapshot(db);
    const messageOf = (p: Promise<unknown>): Promise<string> =>
      p.then(
        () => '',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
    const err = await messageOf(createStandardVersion(db, s.id, 7));
    expect(err).toBe(`找不到评查标准“${s.name}”第 7 版`);
    const gone = await messageOf(createStandardVersion(db, 'std-gone0000', 2));
    expect(gone).toBe('找不到所用的评查标准（第 2 版，本机已没有这套标准）');
    // the copy reads the standard through the same requireStandard, with the same words and error class
    await expect(copyStandard(db, s.id, 7)).rejects.toThrow(ReviewError);
    expect(await messageOf(copyStandard(db, s.id, 7))).toBe(err);
    for (const m of [err, gone]) expect(m).not.toMatch(/std-/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('imports an exported standard and refuses a clash or a bad file with Chinese messages', async () => {
    const db = freshDb();
    const s = { ...defaultPenaltyStandard(), id: 'local-1' };
    const { bytes } = exportStandardBytes(s);
    const text = new TextDecoder().decode(bytes);
    const imported = await importStandardJson(db, text, 'a.json');
    expect(imported.id).toBe('local-1');
    await expect(importStandardJson(db, text, 'a.json')).rejects.toThrow(/已存在，内容相同/);
    const changed = text.replace('"maxPoints": 4', '"maxPoints": 4.3');
    await expect(importStandardJson(db, changed, 'b.json')).rejects.toThrow(
      /“b\.json”无法导入[\s\S]*0\.5 的整数倍/,
    );
  });
});

describe('review repository: score sheets', () => {
  it('autosaves each change with revision + 1, freezes the standards once, and survives a new db instance', async () => {
    const db = freshDb();
    const record = await setup(db);
    const e = record.result[0]!;
    const reviewerId = e.reviewerIds[0]!;
    const base = { campaignId: CAMPAIGN, itemId: e.itemId, reviewerId, caseType: '行政处罚', actor: '张三' };
    const d = { itemId: item.id, optionId: option.id, count: 1, problem: '' };
    const r1 = await saveSheet(db, { ...base, sheet: { deductions: [d], vetoes: [] } });
    const r2 = await saveSheet(db, { ...base, sheet: { deductions: [{ ...d, count: 2 }], vetoes: [] } });
    const r3 = await saveSheet(db, {
      ...base,
      sheet: { deductions: [{ ...d, count: 2, problem: '询问笔录缺执法证号' }], vetoes: [] },
    });
    expect([r1.revision, r2.revision, r3.revision]).toEqual([1, 2, 3]);
    const c = (await db.campaigns.get(CAMPAIGN))!;
    expect(c.standardsFrozenAt).not.toBeNull();
    expect(c.standards).toEqual([{ caseType: '行政处罚', standardId: std.id, version: 1 }]);
    const log = await readAuditLog(db);
    expect(log.filter((x) => x.action === 'standard.freeze')).toHaveLength(1);

    const again = new PingchaDatabase(db.name);
    const stored = (await again.scoreSheets.get(sheetId(CAMPAIGN, e.itemId, reviewerId)))!;
    expect(stored.revision).toBe(3);
    expect(stored.sheet.deductions).toEqual([
      { itemId: item.id, optionId: option.id, count: 2, problem: '询问笔录缺执法证号' },
    ]);
    again.close();
  });

  it('refuses a reviewer not assigned to the file', async () => {
    const db = freshDb();
    const record = await setup(db);
    const e = record.result[0]!;
    const other = record.reviewers.find((r) => !e.reviewerIds.includes(r.id))!;
    await expect(
      saveSheet(db, {
        campaignId: CAMPAIGN,
        itemId: e.itemId,
        reviewerId: other.id,
        caseType: '行政处罚',
        sheet: { deductions: [], vetoes: [] },
        actor: 'x',
      }),
    ).rejects.toThrow(/未分配给该评查人员/);
  });

  it('submit needs problem descriptions, then locks; only a lead unlock (audited) reopens it', async () => {
    const db = freshDb();
    const record = await setup(db);
    const e = record.result[0]!;
    const reviewerId = e.reviewerIds[0]!;
    const base = { campaignId: CAMPAIGN, itemId: e.itemId, reviewerId, caseType: '行政处罚', actor: '张三' };
    await saveSheet(db, {
      ...base,
      sheet: { deductions: [{ itemId: item.id, optionId: option.id, count: 1, problem: ' ' }], vetoes: [] },
    });
    await expect(submitSheet(db, { ...base })).rejects.toThrow(/未填写问题描述/);
    await saveSheet(db, {
      ...base,
      sheet: {
        deductions: [{ itemId: item.id, optionId: option.id, count: 1, problem: '缺少执法证号' }],
        vetoes: [],
      },
    });
    const submitted = await submitSheet(db, { ...base });
    expect(submitted.status).toBe('submitted');
    const before = await snapshot(db);
    await expect(saveSheet(db, { ...base, sheet: { deductions: [], vetoes: [] } })).rejects.toThrow(
      /已提交，不能再修改/,
    );
    expect(await snapshot(db)).toEqual(before);
    await expect(unlockSheet(db, { ...base, reason: '', lead: '组长' })).rejects.toThrow(/须填写理由/);
    const unlocked = await unlockSheet(db, { ...base, reason: '评查人员申请更正笔误', lead: '组长' });
    expect(unlocked.status).toBe('draft');
    expect(unlocked.unlocks).toHaveLength(1);
    const saved = await saveSheet(db, { ...base, sheet: { deductions: [], vetoes: [] } });
    expect(saved.revision).toBe(unlocked.revision + 1);
    const actions = (await readAuditLog(db)).map((x) => x.action);
    expect(actions).toEqual([
      'assignment.create',
      'standard.freeze',
      'score.submit',
      'score.change-after-submit',
    ]);
    expect((await verifyStoredAuditLog(db)).ok).toBe(true);
  });

  it('未发现问题: a file with no record is submitted as an explicit, logged full-score finding', async () => {
    const db = freshDb();
    const record = await setup(db);
    const e = record.result[0]!;
    const [ra, rb] = e.reviewerIds as [string, string];
    const base = { campaignId: CAMPAIGN, itemId: e.itemId, caseType: '行政处罚' };
    const row = await submitNoProblemsFound(db, { ...base, reviewerId: ra, actor: '张三' });
    expect(row.status).toBe('submitted');
    expect(row.sheet).toMatchObject({ deductions: [], vetoes: [], noProblemsFound: true });
    const log = await readAuditLog(db);
    expect(log.map((x) => x.action)).toEqual(['assignment.create', 'standard.freeze', 'score.submit']);
    // Logged as a submission whose content (the sheet with its finding) is digested into the entry; the
    // summary names no score or finding, since the other reviewer may not have submitted yet (blind review).
    expect(log.at(-1)!.summary).toMatch(/评分表提交$/);
    expect((await db.scoreSheets.get(row.id))!.sheet.noProblemsFound).toBe(true);
    // The second reviewer finds nothing either: the lead confirms a full-score file.
    await submitNoProblemsFound(db, { ...base, reviewerId: rb, actor: '李四' });
    const final = await finaliseFile(db, { campaignId: CAMPAIGN, itemId: e.itemId, lead: '组长' });
    expect(final.score.totalHalfPoints).toBe(200);
    expect(final.score.grade).toBe(std.bands.at(-1)!.grade);
    expect((await verifyStoredAuditLog(db)).ok).toBe(true);
  });

  it('an empty sheet is not submitted silently, and the finding never discards a deduction', async () => {
    const db = freshDb();
    const record = await setup(db);
    const e = record.result[0]!;
    const reviewerId = e.reviewerIds[0]!;
    const base = { campaignId: CAMPAIGN, itemId: e.itemId, reviewerId, caseType: '行政处罚', actor: '张三' };
    await expect(submitSheet(db, base)).rejects.toThrow(/还没有评分记录.*未发现问题/);
    await saveSheet(db, { ...base, sheet: { deductions: [], vetoes: [] } });
    let before = await snapshot(db);
    await expect(submitSheet(db, base)).rejects.toThrow(/请选择“未发现问题”并确认/);
    expect(await snapshot(db)).toEqual(before);
    await saveSheet(db, {
      ...base,
      sheet: {
        deductions: [{ itemId: item.id, optionId: option.id, count: 1, problem: '缺页' }],
        vetoes: [],
      },
    });
    before = await snapshot(db);
    await expect(submitNoProblemsFound(db, base)).rejects.toThrow(/已记有 1 处扣分.*不能按“未发现问题”提交/);
    expect(await snapshot(db)).toEqual(before);
    // A file not assigned to this reviewer: refused inside the one transaction, nothing written.
    const other = record.reviewers.find((r) => !e.reviewerIds.includes(r.id))!;
    await expect(submitNoProblemsFound(db, { ...base, reviewerId: other.id })).rejects.toThrow(
      /未分配给该评查人员/,
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('finalises two differing sheets through the lead decisions and locks the file', async () => {
    const db = freshDb();
    const record = await setup(db);
    const e = record.result[0]!;
    const [ra, rb] = e.reviewerIds as [string, string];
    const base = { campaignId: CAMPAIGN, itemId: e.itemId, caseType: '行政处罚', actor: 'x' };
    await saveSheet(db, {
      ...base,
      reviewerId: ra,
      sheet: {
        deductions: [{ itemId: item.id, optionId: option.id, count: 2, problem: '问题甲' }],
        vetoes: [],
      },
    });
    await saveSheet(db, { ...base, reviewerId: rb, sheet: { deductions: [], vetoes: [] } });
    await expect(finaliseFile(db, { campaignId: CAMPAIGN, itemId: e.itemId, lead: '组长' })).rejects.toThrow(
      /尚未提交评分表/,
    );
    await submitSheet(db, { ...base, reviewerId: ra });
    await submitNoProblemsFound(db, { ...base, reviewerId: rb });
    await expect(finaliseFile(db, { campaignId: CAMPAIGN, itemId: e.itemId, lead: '组长' })).rejects.toThrow(
      /意见不一致/,
    );
    const own = {
      itemId: item.id,
      choice: 'own' as const,
      deductions: [{ optionId: option.id, count: 1, problem: '问题甲（核实为一处）' }],
    };
    await expect(
      finaliseFile(db, { campaignId: CAMPAIGN, itemId: e.itemId, lead: '组长', decisions: { items: [own] } }),
    ).rejects.toThrow(/须填写理由/);
    const final = await finaliseFile(db, {
      campaignId: CAMPAIGN,
      itemId: e.itemId,
      lead: '组长',
      decisions: { items: [{ ...own, reason: '经核对仅一处' }] },
    });
    expect(final.score.totalHalfPoints).toBe(200 - option.amountHalfPoints);
    expect(final.department).toBe(FILES.find((f) => f.itemId === e.itemId)!.department);
    expect(final.caseType).toBe('行政处罚');
    // Locked: no further change to the file's sheets, no second finalisation, no unlock.
    await expect(finaliseFile(db, { campaignId: CAMPAIGN, itemId: e.itemId, lead: '组长' })).rejects.toThrow(
      /已复核定稿/,
    );
    await expect(unlockSheet(db, { ...base, reviewerId: ra, reason: '再改', lead: '组长' })).rejects.toThrow(
      /已复核定稿/,
    );
    await expect(
      saveSheet(db, { ...base, reviewerId: ra, sheet: { deductions: [], vetoes: [] } }),
    ).rejects.toThrow(/已复核定稿/);
    expect((await readAuditLog(db)).at(-1)!.action).toBe('review.finalise');
  });

  it('reassigns with a required reason and logs it; refuses a conflict', async () => {
    const db = freshDb();
    const record = await setup(db);
    const e = record.result[0]!;
    const spare = record.reviewers.find((r) => !e.reviewerIds.includes(r.id))!;
    const input = {
      campaignId: CAMPAIGN,
      itemId: e.itemId,
      fromReviewerId: e.reviewerIds[0]!,
      toReviewerId: spare.id,
      actor: '组长',
    };
    await expect(reassignReviewer(db, { ...input, reason: '' })).rejects.toThrow(/须填写理由/);
    const next = await reassignReviewer(db, { ...input, reason: '评查人员请假' });
    expect(next.result.find((x) => x.itemId === e.itemId)!.reviewerIds).toContain(spare.id);
    expect(next.log).toHaveLength(1);
    expect((await readAuditLog(db)).at(-1)!.action).toBe('assignment.reassign');
    // A reviewer from the file's own department is refused.
    const own = await addReviewer(db, CAMPAIGN, {
      name: '赵六',
      unit: FILES.find((f) => f.itemId === e.itemId)!.department,
      role: '机关工作人员',
      conflicts: [],
    });
    await expect(
      reassignReviewer(db, { ...input, fromReviewerId: spare.id, toReviewerId: own.id, reason: '测试' }),
    ).rejects.toThrow(/不能评查本部门/);
  });

  it('conflict check holds for aliases: a reviewer of 市应急管理局 never reviews 德阳市应急管理局 files', async () => {
    const db = freshDb();
    await db.campaigns.add(campaign());
    await saveDepartment(
      db,
      { name: '德阳市应急管理局', aliases: ['应急局'], caseNoPrefixes: [], kind: 'municipal' },
      '测试',
    );
    await addReviewer(db, CAMPAIGN, {
      name: '甲',
      unit: '市应急管理局',
      role: '机关工作人员',
      conflicts: [],
    });
    await addReviewer(db, CAMPAIGN, { name: '乙', unit: '司法局', role: '律师', conflicts: ['应急局'] });
    const files: DrawnFile[] = [
      {
        itemId: '德阳市应急管理局|罚-1',
        department: '德阳市应急管理局',
        caseNo: '罚-1',
        caseType: '行政处罚',
      },
    ];
    const res = await createAssignment(db, {
      campaignId: CAMPAIGN,
      files,
      perFile: 1,
      seed: 's',
      actor: 'x',
    });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.errors.join()).toMatch(/2 名评查人员中 1 名来自本部门，1 名声明回避/);
  });

  it('reports which file cannot be assigned and why', async () => {
    const db = freshDb();
    await db.campaigns.add(campaign());
    await addReviewer(db, CAMPAIGN, {
      name: '甲',
      unit: '市场监督管理局',
      role: '机关工作人员',
      conflicts: [],
    });
    await addReviewer(db, CAMPAIGN, {
      name: '乙',
      unit: '司法局',
      role: '律师',
      conflicts: ['市场监督管理局'],
    });
    const res = await createAssignment(db, {
      campaignId: CAMPAIGN,
      files: FILES,
      perFile: 1,
      seed: 's',
      actor: 'x',
    });
    expect(res.ok).toBe(false);
    if (!res.ok)
      expect(res.errors.join()).toMatch(
        /案卷 罚-1（市场监督管理局）无可用评查人员：2 名评查人员中 1 名来自本部门，1 名声明回避/,
      );
  });
});

describe('current drawn list', () => {
  it('replays replacements and extra draws in sequence', () => {
    const record = {
      drawn: [{ itemId: 'a' }, { itemId: 'b' }],
      replacements: [],
      extras: [],
    } as unknown as DrawRecord;
    const ev = (seq: number, kind: 'replace' | 'more', payload: unknown): DrawEventRow => ({
      id: String(seq),
      drawId: 'd',
      seq,
      at: '',
      by: '',
      kind,
      payload,
    });
    expect(
      currentDrawnIds(record, [
        ev(2, 'more', { itemIds: ['c', 'd'] }),
        ev(1, 'replace', { itemId: 'a', replacedBy: 'x' }),
        ev(3, 'replace', { itemId: 'c', replacedBy: 'y' }),
      ]),
    ).toEqual(['x', 'b', 'y', 'd']);
  });
});
