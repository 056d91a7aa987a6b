// Files drawn on purpose (台账体检, issue 26), beside the random draw and never mixed into it:
// (a) the purposive stratum “台账体检发现”: files in scope that the chosen rules flagged and the random draw did
//     not pick, sampled by the same consistent sampler under the same seed with their own quota (so the
//     lowest tickets among them; anyone re-running the census and the sampler gets the same files);
// (b) 定向抽取: files named on purpose, each with its reason.
// Both are written into the draw record's optional `purposive` part with the rule pack itself and its
// SHA-256, so `pingcha draw verify` re-runs the rules on the ledgers and the sampler on the flagged files.
// Estimates of the population use the random draw only (the purposive files are not a random sample).

import { z } from 'zod';
import { sha256Hex, type Sha256Hex } from '../crypto/sha256';
import { sortByCodePoint } from './code-point';
import { selectStratified } from './selection';
import { trimTicket } from './sampler';
import { rulePackDigest, rulePackSchema } from '../rules/rule-pack';
import type { DrawRecord } from './draw-record';

export const PURPOSIVE_STRATUM = '台账体检发现';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const purposivePartSchema = z.object({
  /** The rule pack the flags come from, as run (so it can be re-run), and its SHA-256. */
  rulePack: z.object({
    id: z.string(),
    version: z.string(),
    sha256: hex64,
    pack: z.unknown(),
    /** SHA-256 of the officer registry the certificate rules read ('' without one). */
    registrySha256: z.string(),
  }),
  flagged: z
    .object({
      stratum: z.literal(PURPOSIVE_STRATUM),
      ruleIds: z.array(z.string()).min(1),
      /** Flagged by one of ruleIds, in scope, not drawn at random: code-point order. */
      ids: z.array(z.string()),
      sha256: hex64,
      quota: z.number().int().min(0),
      drawn: z.array(
        z.object({
          order: z.number().int().min(1),
          ticket: z.string(),
          fullTicket: z.string(),
          itemId: z.string(),
        }),
      ),
    })
    .optional(),
  /** 定向抽取: named files with the reason each was picked. */
  named: z.array(
    z.object({
      itemId: z.string(),
      caseNo: z.string(),
      department: z.string(),
      caseType: z.string(),
      reason: z.string().trim().min(1, '定向抽取必须写明理由'),
    }),
  ),
});
export type PurposivePart = z.infer<typeof purposivePartSchema>;

export class PurposiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PurposiveError';
  }
}

export interface PurposiveInput {
  seed: string;
  digits: number;
  rulePack: PurposivePart['rulePack'];
  /** Stratum (a): the rules chosen, every item id in scope they flagged, and the quota. */
  flagged?: { ruleIds: string[]; flaggedIds: readonly string[]; quota: number };
  /** Item ids the random draw picked (drawn and spares): they stay random, never purposive. */
  randomIds: ReadonlySet<string>;
  /** Item ids in scope (a named file must be one of them). */
  scopeIds: ReadonlySet<string>;
  named?: PurposivePart['named'];
}

/** The purposive part of a draw record; throws PurposiveError (Chinese) on a quota or a file it cannot take. */
export function drawPurposive(input: PurposiveInput, sha: Sha256Hex = sha256Hex): PurposivePart {
  const part: PurposivePart = { rulePack: input.rulePack, named: [] };
  if (input.flagged) {
    const ids = sortByCodePoint([
      ...new Set(input.flagged.flaggedIds.filter((id) => input.scopeIds.has(id) && !input.randomIds.has(id))),
    ]);
    const quota = input.flagged.quota;
    if (!Number.isSafeInteger(quota) || quota < 0 || quota > ids.length)
      throw new PurposiveError(
        `“${PURPOSIVE_STRATUM}”的名额 ${String(quota)} 无效：该层有 ${ids.length} 件（已随机抽中的不计）。`,
      );
    const draw = selectStratified(
      ids.map((itemId) => ({ itemId, stratum: PURPOSIVE_STRATUM })),
      input.seed,
      [{ key: PURPOSIVE_STRATUM, quota }],
      0,
      { sha },
    );
    part.flagged = {
      stratum: PURPOSIVE_STRATUM,
      ruleIds: [...input.flagged.ruleIds],
      ids,
      sha256: sha(ids.join('\n')),
      quota,
      drawn: draw.drawn.map((p) => ({
        order: p.rank,
        ticket: trimTicket(p.ticket, input.digits),
        fullTicket: p.ticket,
        itemId: p.itemId,
      })),
    };
  }
  const taken = new Set(part.flagged?.drawn.map((p) => p.itemId) ?? []);
  for (const n of input.named ?? []) {
    if (!n.reason.trim()) throw new PurposiveError(`定向抽取“${n.caseNo}”必须写明理由。`);
    if (!input.scopeIds.has(n.itemId))
      throw new PurposiveError(`定向抽取的案卷“${n.caseNo}”（${n.department}）不在本次评查范围内。`);
    if (input.randomIds.has(n.itemId) || taken.has(n.itemId))
      throw new PurposiveError(`案卷“${n.caseNo}”（${n.department}）已被抽中，无需定向抽取。`);
    taken.add(n.itemId);
    part.named.push({ ...n, reason: n.reason.trim() });
  }
  return part;
}

/**
 * The files drawn on purpose (both kinds) with their department, for counts of files sent for review
 * (letters, 通报): the department is the named file's, or the item id's department part (see caseItemId).
 */
export function purposiveDrawnFiles(
  part: PurposivePart | undefined,
): { itemId: string; stratum: string; department: string }[] {
  const out = new Map<string, { itemId: string; stratum: string; department: string }>();
  for (const p of part?.flagged?.drawn ?? [])
    out.set(p.itemId, { itemId: p.itemId, stratum: PURPOSIVE_STRATUM, department: p.itemId.split('|')[0]! });
  for (const n of part?.named ?? [])
    if (!out.has(n.itemId))
      out.set(n.itemId, { itemId: n.itemId, stratum: '定向抽取', department: n.department });
  return [...out.values()];
}

/** Item ids drawn on purpose (both kinds): kept out of population estimates. */
export function purposiveItemIds(part: PurposivePart | undefined): Set<string> {
  return new Set([
    ...(part?.flagged?.drawn.map((p) => p.itemId) ?? []),
    ...(part?.named.map((n) => n.itemId) ?? []),
  ]);
}

/**
 * Recomputes the purposive part from the flagged ids the rules give on the ledgers now and compares it with
 * the record's; the first difference in Chinese, or null when it matches.
 */
export function comparePurposive(recorded: PurposivePart, recomputed: PurposivePart): string | null {
  if (recorded.rulePack.sha256 !== recomputed.rulePack.sha256)
    return `规则包 SHA-256 不同：记录 ${recorded.rulePack.sha256}，重算 ${recomputed.rulePack.sha256}。`;
  const a = recorded.flagged;
  const b = recomputed.flagged;
  if (a && b) {
    if (a.sha256 !== b.sha256) {
      const inA = new Set(a.ids);
      const inB = new Set(b.ids);
      const onlyRecord = a.ids.filter((id) => !inB.has(id)).slice(0, 3);
      const onlyNow = b.ids.filter((id) => !inA.has(id)).slice(0, 3);
      return (
        `“${PURPOSIVE_STRATUM}”层的组成不同：记录 ${a.ids.length} 件（SHA-256 ${a.sha256}），按台账重新体检得 ${b.ids.length} 件（SHA-256 ${b.sha256}）` +
        (onlyRecord.length ? `；记录中有而重算没有：${onlyRecord.join('、')}` : '') +
        (onlyNow.length ? `；重算有而记录中没有：${onlyNow.join('、')}` : '') +
        '。'
      );
    }
    for (let i = 0; i < Math.max(a.drawn.length, b.drawn.length); i++) {
      const x = a.drawn[i];
      const y = b.drawn[i];
      if (!x || !y || x.itemId !== y.itemId || x.fullTicket !== y.fullTicket || x.order !== y.order)
        return `“${PURPOSIVE_STRATUM}”层第 ${i + 1} 件不同：记录为“${x?.itemId ?? '（无）'}”，重算为“${y?.itemId ?? '（无）'}”。`;
    }
  } else if (a || b) {
    return `“${PURPOSIVE_STRATUM}”层：记录${a ? '有' : '没有'}，重算${b ? '有' : '没有'}。`;
  }
  return null;
}

/** One file drawn on purpose as the draw record, the draw-result page and the printed record show it. */
export interface PurposiveListing {
  /** 'flagged' = stratum 台账体检发现 (sampler order and ticket); 'named' = 定向抽取 (its reason). */
  kind: 'flagged' | 'named';
  itemId: string;
  department: string;
  caseNo: string;
  /** The ticket (台账体检发现) or '' (定向抽取). */
  ticket: string;
  /** The rules the stratum was drawn on (台账体检发现) or the reason written at the draw (定向抽取). */
  basis: string;
}

export interface PurposiveSummary {
  rulePack: { id: string; version: string; sha256: string; registrySha256: string };
  /** 'SC-64-DECISION 简易程序决定期限' per chosen rule (the title from the pack in the record, else the id). */
  rules: string[];
  flagged: { candidates: number; quota: number; sha256: string } | null;
  files: PurposiveListing[];
}

/** Everything a reader needs about the purposive part, in one shape for the page and the printed record. */
export function summarizePurposive(part: PurposivePart): PurposiveSummary {
  const parsed = rulePackSchema.safeParse(part.rulePack.pack);
  const titles = new Map(parsed.success ? parsed.data.rules.map((r) => [r.id, r.title]) : []);
  const rules = (part.flagged?.ruleIds ?? []).map((id) => {
    const title = titles.get(id);
    return title ? `${id} ${title}` : id;
  });
  const files: PurposiveListing[] = [];
  for (const p of part.flagged?.drawn ?? []) {
    const [department = '', ...rest] = p.itemId.split('|');
    files.push({
      kind: 'flagged',
      itemId: p.itemId,
      department,
      caseNo: rest.join('|'),
      ticket: p.ticket,
      basis: rules.join('；'),
    });
  }
  for (const n of part.named)
    files.push({
      kind: 'named',
      itemId: n.itemId,
      department: n.department,
      caseNo: n.caseNo,
      ticket: '',
      basis: n.reason,
    });
  const { id, version, sha256, registrySha256 } = part.rulePack;
  return {
    rulePack: { id, version, sha256, registrySha256 },
    rules,
    flagged: part.flagged
      ? { candidates: part.flagged.ids.length, quota: part.flagged.quota, sha256: part.flagged.sha256 }
      : null,
    files,
  };
}

/** The record's own rule pack is readable and matches its SHA-256: null, else the mismatch sentence. */
export function recordedPackProblem(part: PurposivePart): string | null {
  const parsed = rulePackSchema.safeParse(part.rulePack.pack);
  if (parsed.success && rulePackDigest(parsed.data) === part.rulePack.sha256) return null;
  return `抽取记录所附的规则包${parsed.success ? `与其 SHA-256 ${part.rulePack.sha256} 不符（记录可能被改动）` : '无法读取'}。`;
}

/**
 * Re-runs the record's purposive part (the sampler on the files the record's rules flag now, the named
 * files against the scope) and compares it with the record: the first difference in Chinese, or null.
 * `pingcha draw verify` and the in-app 核验抽取记录 both call this.
 */
export function verifyPurposivePart(
  record: DrawRecord,
  flaggedIds: Iterable<string>,
  scopeIds: ReadonlySet<string>,
  sha: Sha256Hex = sha256Hex,
): string | null {
  const part = record.purposive;
  if (!part) return null;
  const packProblem = recordedPackProblem(part);
  if (packProblem) return packProblem;
  try {
    const recomputed = drawPurposive(
      {
        seed: record.seed,
        digits: record.algorithm.digits,
        rulePack: part.rulePack,
        ...(part.flagged
          ? {
              flagged: {
                ruleIds: part.flagged.ruleIds,
                flaggedIds: [...flaggedIds],
                quota: part.flagged.quota,
              },
            }
          : {}),
        randomIds: new Set([...record.drawn, ...record.spares].map((p) => p.itemId)),
        scopeIds,
        named: part.named,
      },
      sha,
    );
    return comparePurposive(part, recomputed);
  } catch (e) {
    return `无法重算定向抽取部分：${e instanceof Error ? e.message : String(e)}`;
  }
}

/** The sentence a matching verification prints about the purposive part. */
export function purposiveVerifiedSentence(part: PurposivePart): string {
  return (
    (part.flagged
      ? `“${PURPOSIVE_STRATUM}”层：线索 ${part.flagged.ids.length} 件，抽取 ${part.flagged.drawn.length} 件，按记录所附规则包（SHA-256 ${part.rulePack.sha256}）重新体检后重现；`
      : '') + `定向抽取 ${part.named.length} 件（不计入总体推算）。`
  );
}
