// 台账体检 feeds the draw (issue 26): a purposive stratum “台账体检发现” sampled by the same consistent sampler
// under the same seed, and 定向抽取 named files with reasons, both in the draw record with the rule pack and its
// SHA-256; `pingcha draw verify` re-runs the rules on the ledgers and the sampler and finds any change.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runDrawVerify } from '../../shared/cli/draw-verify-command';
import { sha256BytesHex } from '../../shared/crypto/sha256';
import {
  applyScopeFilter,
  computeDrawRecord,
  serializeDrawRecord,
  type DrawRecord,
} from '../../shared/draw/draw-record';
import {
  drawPurposive,
  purposiveItemIds,
  PurposiveError,
  PURPOSIVE_STRATUM,
} from '../../shared/draw/purposive';
import { firstTicket } from '../../shared/draw/sampler';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { mappingToHeaderNames } from '../../shared/ledger/header';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { ledgerCsvBytes } from '../fixtures/make-ledgers';
import { memoryIo } from '../fixtures/memory-io';
import { ledgerRuleColumns, runLedgerCensus } from '../../shared/rules/ledger-census';
import { DEFAULT_RULE_PACK } from '../../shared/rules/default-rule-pack';
import {
  effectiveRulePack,
  rulePackDigest,
  rulePackSettingsSchema,
  type RulePack,
} from '../../shared/rules/rule-pack';
import { buildDrawRecordDocument } from '../../shared/draw/draw-record-document';
import { documentText } from '../../shared/documents/sample';
import { validateDocument } from '../../shared/documents/layout-model';
import { estimateCampaign } from '../../shared/stats/campaign-estimates';

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const bytes = ledgerCsvBytes(generateLedgerRows({ rows: 1500, seed: 52, statutoryColumns: true }), 'utf-8');
const FILE = '全市台账.csv';
const RULES = ['SC-64-DECISION', 'CF-60-DECISION', 'CF-61-DELIVERY'];
const SEED = '27182818284590452353';

function draw(pack: RulePack = DEFAULT_RULE_PACK, quota = 6) {
  const checked = checkLedgerFile(bytes, FILE);
  const filter = { departments: null, caseTypes: ['行政处罚'], closedFrom: null, closedTo: null };
  const population = applyScopeFilter(checked.report.valid, filter);
  const { record } = computeDrawRecord({
    campaign: {
      id: 'c',
      name: '2025 年度评查',
      year: 2025,
      period: { from: null, to: null },
      scope: { departments: [], caseTypes: ['行政处罚'] },
    },
    drawnAt: '2025-03-01T09:00:00+08:00',
    operator: '张三',
    witnesses: ['李四'],
    seed: SEED,
    stratifyBy: 'department',
    filter,
    sources: [
      {
        fileName: FILE,
        sha256: sha256BytesHex(bytes),
        sheet: checked.report.sheetName,
        headerRow: checked.report.headerRow,
        mapping: mappingToHeaderNames(checked.mapping, checked.report.headers),
        defaultDepartment: null,
        defaultCaseType: null,
        encoding: checked.workbook.encoding ?? null,
      },
    ],
    population,
    total: 60,
  });
  const census = runLedgerCensus(
    checked.report.valid,
    ledgerRuleColumns(checked.mapping, checked.report.headers),
    pack,
  );
  const flaggedIds = census.flags.filter((f) => RULES.includes(f.ruleId)).map((f) => f.itemId);
  const random = new Set([...record.drawn, ...record.spares].map((p) => p.itemId));
  const notDrawn = population.filter((c) => !random.has(c.itemId));
  const named = notDrawn.find((c) => !flaggedIds.includes(c.itemId))!;
  const purposive = drawPurposive({
    seed: SEED,
    digits: record.algorithm.digits,
    rulePack: { id: pack.id, version: pack.version, sha256: rulePackDigest(pack), pack, registrySha256: '' },
    flagged: { ruleIds: RULES, flaggedIds, quota },
    randomIds: random,
    scopeIds: new Set(population.map((c) => c.itemId)),
    named: [
      {
        itemId: named.itemId,
        caseNo: named.caseNo,
        department: named.department,
        caseType: named.caseType,
        reason: '群众举报反映该案处罚畸轻',
      },
    ],
  });
  return { record: { ...record, purposive } as DrawRecord, flaggedIds, random, population };
}

async function verify(record: DrawRecord): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ 'r.json': serializeDrawRecord(record), [FILE]: bytes }, { sha256Hex: sha });
  const code = await runDrawVerify(['r.json', FILE], io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('the purposive stratum 台账体检发现 and 定向抽取', () => {
  it('draws the flagged files the random draw missed, lowest tickets first, and verify reproduces it', async () => {
    const { record, flaggedIds, random } = draw();
    const part = record.purposive!;
    const eligible = [...new Set(flaggedIds)].filter((id) => !random.has(id));
    expect(part.flagged!.ids).toHaveLength(eligible.length);
    expect(part.flagged!.drawn).toHaveLength(6);
    // the same consistent sampler: the six lowest first tickets under the seed among the eligible files
    const lowest = eligible
      .map((id) => ({ id, t: firstTicket(id, SEED) }))
      .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0))
      .slice(0, 6)
      .map((x) => x.id);
    expect(part.flagged!.drawn.map((p) => p.itemId)).toEqual(lowest);
    expect(part.rulePack.sha256).toBe(rulePackDigest(DEFAULT_RULE_PACK));
    const v = await verify(record);
    expect(v.code).toBe(0);
    expect(v.out).toContain(`“${PURPOSIVE_STRATUM}”层：线索 ${eligible.length} 件，抽取 6 件`);
    expect(v.out).toContain('定向抽取 1 件（不计入总体推算）');
  });

  it('the printed draw record names the pack with its SHA-256, the quota, the files and each named reason', () => {
    const { record } = draw();
    const part = record.purposive!;
    const doc = buildDrawRecordDocument(record);
    expect(validateDocument(doc)).toEqual([]);
    const text = documentText(doc);
    expect(text).toContain('六、台账体检发现与定向抽取');
    expect(text).toContain('七、替换与追加');
    expect(text).toContain(`${DEFAULT_RULE_PACK.id}，版本${DEFAULT_RULE_PACK.version}`);
    expect(text).toContain(part.rulePack.sha256);
    const title = DEFAULT_RULE_PACK.rules.find((r) => r.id === RULES[0])!.title;
    expect(text).toContain(`${RULES[0]} ${title}`);
    expect(text).toContain(`未被随机抽中的案卷${part.flagged!.ids.length}件`);
    expect(text).toContain(`抽取${part.flagged!.quota}件`);
    for (const p of part.flagged!.drawn) expect(text).toContain(p.ticket + p.itemId.replace('|', ''));
    const named = part.named[0]!;
    expect(text).toContain(named.caseNo + '群众举报反映该案处罚畸轻');
    // a record without a purposive part keeps its sections as they were
    const plain = documentText(buildDrawRecordDocument({ ...record, purposive: undefined }));
    expect(plain).not.toContain('台账体检发现与定向抽取');
    expect(plain).toContain('六、替换与追加');
  });

  it('a pack adjusted in 设置 travels in the record and is re-run as it was', async () => {
    const adjusted = effectiveRulePack(
      DEFAULT_RULE_PACK,
      rulePackSettingsSchema.parse({ periods: { 'SC-64-DECISION': { days: 60, extensionDays: 0 } } }),
    );
    const { record } = draw(adjusted);
    expect((await verify(record)).code).toBe(0);
    expect(record.purposive!.flagged!.ids.length).toBeGreaterThan(
      draw().record.purposive!.flagged!.ids.length,
    );
  });

  it('finds a changed pick, a changed pack and a changed flagged list', async () => {
    const { record } = draw();
    const part = record.purposive!;
    const swapped = structuredClone(record);
    swapped.purposive!.flagged!.drawn[0]!.itemId = part.flagged!.ids.find(
      (id) => !part.flagged!.drawn.some((p) => p.itemId === id),
    )!;
    const a = await verify(swapped);
    expect(a.code).toBe(1);
    expect(a.out).toContain(`“${PURPOSIVE_STRATUM}”层第 1 件不同`);

    const edited = structuredClone(record);
    (edited.purposive!.rulePack.pack as RulePack).rules[1]!.check = {
      ...(edited.purposive!.rulePack.pack as RulePack).rules[1]!.check,
      days: 200,
    } as never;
    const b = await verify(edited);
    expect(b.code).toBe(1);
    expect(b.out).toContain('抽取记录所附的规则包与其 SHA-256');

    const dropped = structuredClone(record);
    dropped.purposive!.flagged!.ids = dropped.purposive!.flagged!.ids.slice(1);
    dropped.purposive!.flagged!.sha256 = sha(dropped.purposive!.flagged!.ids.join('\n'));
    const c = await verify(dropped);
    expect(c.code).toBe(1);
    expect(c.out).toContain('层的组成不同');
  });

  it('refuses a bad quota, a named file without reason, outside the scope or already drawn, in Chinese', () => {
    const { record, random, population } = draw();
    const base = {
      seed: SEED,
      digits: 9,
      rulePack: record.purposive!.rulePack,
      randomIds: random,
      scopeIds: new Set(population.map((c) => c.itemId)),
    };
    expect(() =>
      drawPurposive({ ...base, flagged: { ruleIds: RULES, flaggedIds: ['x'], quota: 2 } }),
    ).toThrow(PurposiveError);
    const drawn = record.drawn[0]!;
    const file = {
      itemId: drawn.itemId,
      caseNo: drawn.caseNo,
      department: drawn.department,
      caseType: drawn.caseType,
    };
    expect(() => drawPurposive({ ...base, named: [{ ...file, reason: ' ' }] })).toThrow('必须写明理由');
    expect(() => drawPurposive({ ...base, named: [{ ...file, reason: '举报' }] })).toThrow(
      '已被抽中，无需定向抽取',
    );
    expect(() =>
      drawPurposive({ ...base, named: [{ ...file, itemId: '外单位|1', caseNo: '1', reason: '举报' }] }),
    ).toThrow('不在本次评查范围内');
  });

  it('keeps purposive files out of the population estimates', () => {
    const { record } = draw();
    const ids = [...purposiveItemIds(record.purposive)];
    expect(ids).toHaveLength(7);
    const result = (itemId: string, department: string) =>
      ({
        itemId,
        department,
        standardId: 's',
        totalHalfPoints: 200,
        total: 100,
        grade: '优秀',
        vetoes: [],
        problems: [],
      }) as never;
    const random = record.drawn.map((d) => result(d.itemId, d.department));
    const est = estimateCampaign(record, random);
    const withPurposive = estimateCampaign(record, [...random, ...ids.map((id) => result(id, '某部门'))]);
    expect(withPurposive.notInSample).toBe(est.notInSample + 7);
    expect(withPurposive.city).toEqual(est.city);
  });
});
