import { describe, expect, it, vi } from 'vitest';
import { makeAuditEntry, type AuditEntry, type AuditInput } from '../../shared/audit/audit-chain';
import { STORE_TABLE_LABELS } from '../../shared/backup/table-labels';
import { TABLE_COVERAGE } from '../../shared/audit/record-coverage';
import {
  checkDataAgainstLog,
  checkpointMessage,
  coveredRecords,
  entrySignatureValid,
  headSigningMessage,
  findHead,
  verifyLogTrust,
} from '../../shared/audit/log-trust';
import { exportKeyFile, importKeyFile, KeyFileError } from '../../shared/crypto/key-file';
import {
  generateSigningKeyPair,
  headCode,
  keyFingerprint,
  signText,
  officeTextSigner,
  textSigner,
  verifyText,
  type SigningKeyPair,
} from '../../shared/crypto/signing';

const office = generateSigningKeyPair();

function input(action: AuditInput['action'], objectId: string, extra: Partial<AuditInput> = {}): AuditInput {
  return {
    at: '2026-12-01T00:00:00.000Z',
    actor: '测试',
    action,
    objectType: 'x',
    objectId,
    summary: `${action} ${objectId}`,
    content: { objectId },
    ...extra,
  };
}

function sign(e: AuditEntry, key: SigningKeyPair): AuditEntry {
  return {
    ...e,
    signature: { publicKey: key.publicKey, value: signText(key.secretKey, checkpointMessage(e.hash)) },
  };
}

/** A small signed log: key.create, a draw, a final result, an issued letter. */
function signedLog(key = office): AuditEntry[] {
  const out: AuditEntry[] = [];
  const push = (i: AuditInput, signed: boolean) => {
    const e = makeAuditEntry(out[out.length - 1] ?? null, i);
    out.push(signed ? sign(e, key) : e);
  };
  push(input('key.create', key.publicKey), true);
  push(
    input('draw.create', 'drw_1', {
      records: [{ table: 'draws', key: 'drw_1', row: { id: 'drw_1', n: 3 }, campaignId: 'c1' }],
    }),
    true,
  );
  push(input('score.submit', 's1'), true);
  push(
    input('review.finalise', 'f1', {
      records: [
        { table: 'finalResults', key: 'c1|f1', row: { score: 0, grade: '不合格' }, campaignId: 'c1' },
      ],
    }),
    true,
  );
  push(
    input('letter.issue', 'l1', {
      records: [{ table: 'letters', key: 'l1', row: { id: 'l1' }, campaignId: 'c1' }],
    }),
    true,
  );
  return out;
}

describe('Ed25519 signing and the key file', () => {
  it('signs and verifies; a changed text, key or signature fails without throwing', () => {
    const sig = signText(office.secretKey, 'abc');
    expect(verifyText(office.publicKey, 'abc', sig)).toBe(true);
    expect(verifyText(office.publicKey, 'abd', sig)).toBe(false);
    expect(verifyText(generateSigningKeyPair().publicKey, 'abc', sig)).toBe(false);
    expect(verifyText(office.publicKey, 'abc', 'zz')).toBe(false);
    expect(keyFingerprint(office.publicKey)).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    expect(headCode('0123456789abcdef'.repeat(4))).toBe('0123-4567-89AB-CDEF');
  });

  it('a key file opens with its passphrase only, and gives back the same key', async () => {
    const bytes = await exportKeyFile(office, '正确的口令123', '2026-12-01T00:00:00.000Z', 2000);
    expect(new TextDecoder().decode(bytes)).not.toContain(office.secretKey);
    expect(await importKeyFile(bytes, '正确的口令123', 'k.pingcha-key')).toEqual(office);
    await expect(importKeyFile(bytes, '错误的口令xxx', 'k.pingcha-key')).rejects.toThrow(/口令不正确/);
    await expect(importKeyFile(new TextEncoder().encode('{}'), 'x', 'k.pingcha-key')).rejects.toBeInstanceOf(
      KeyFileError,
    );
    await expect(exportKeyFile(office, 'short', 'x')).rejects.toThrow(/至少 8 个字符/);
  });
});

describe('verifyLogTrust', () => {
  it('a signed log is intact and names its key', () => {
    const r = verifyLogTrust(signedLog());
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.signedCheckpoints).toBe(5);
    expect(r.keys.map((k) => k.fingerprint)).toEqual([keyFingerprint(office.publicKey)]);
  });

  it('an empty log is not intact', () => {
    const r = verifyLogTrust([]);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/为空/);
  });

  it('a re-chained log (content changed, hashes recomputed, old signatures kept) is detected', () => {
    const log = signedLog();
    // Rewrite entry 4 (the final result) and re-chain everything after it without the key.
    const rebuilt: AuditEntry[] = log.slice(0, 3);
    const forged = makeAuditEntry(rebuilt[2]!, {
      ...input('review.finalise', 'f1'),
      records: [
        { table: 'finalResults', key: 'c1|f1', row: { score: 200, grade: '优秀' }, campaignId: 'c1' },
      ],
    });
    rebuilt.push({ ...forged, signature: log[3]!.signature });
    rebuilt.push({ ...makeAuditEntry(forged, input('letter.issue', 'l1')), signature: log[4]!.signature });
    const r = verifyLogTrust(rebuilt);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/第 4 条记录.*签名无效/);
  });

  it('a re-chained log with the signatures stripped is detected', () => {
    const log = signedLog().map((e, i) => (i === 0 ? e : { ...e, signature: undefined }));
    const r = verifyLogTrust(log);
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => p.includes('没有本单位密钥的签名'))).toBe(true);
  });

  it('a re-chained log signed by a key of the forger (introduced without the old key) is flagged', () => {
    const forger = generateSigningKeyPair();
    const log = signedLog().slice(0, 3);
    const change = sign(makeAuditEntry(log[2]!, input('key.change', forger.publicKey)), forger);
    const fin = sign(makeAuditEntry(change, input('review.finalise', 'f1')), forger);
    const r = verifyLogTrust([...log, change, fin]);
    expect(r.ok).toBe(true);
    expect(r.warnings.join('')).toMatch(/没有原密钥/);
    expect(r.keys.at(-1)!.signedByPrevious).toBe(false);
    // …and the head code printed on the original letter is no longer in the log.
    const original = signedLog();
    const code = headCode(original[4]!.hash);
    expect(findHead([...log, change, fin], code)!.found).toBeNull();
  });

  it('a checkpoint signed by a key the log never introduced is a problem', () => {
    const stranger = generateSigningKeyPair();
    const log = signedLog();
    log[1] = sign({ ...log[1]!, signature: undefined }, stranger);
    expect(verifyLogTrust(log).problems.join('')).toMatch(/第 2 条记录.*不是由当时的本单位密钥/);
  });

  it('findHead finds a printed code (any case, with dashes) and says whether it is signed', () => {
    const log = signedLog();
    const code = headCode(log[4]!.hash).toLowerCase();
    expect(findHead(log, code)).toEqual({ found: log[4], signed: true });
    const unsigned = [...log.slice(0, 2), { ...log[2]!, signature: undefined }];
    expect(findHead(unsigned, headCode(log[2]!.hash))!.signed).toBe(false);
    // With the log's trust report, a signature by a key the log never named does not count.
    const stranger = generateSigningKeyPair();
    const foreign = [...log.slice(0, 2), sign(log[2]!, stranger)];
    expect(findHead(foreign, headCode(log[2]!.hash))!.signed).toBe(true);
    expect(findHead(foreign, headCode(log[2]!.hash), verifyLogTrust(foreign))!.signed).toBe(false);
    expect(findHead(log, 'not a code')).toBeNull();
    // Heads signed together: the letter's entry carries no signature of its own, but the next
    // transaction's signed head covers it through the chain, so its printed code verifies.
    const coalesced = [...log.slice(0, 4), { ...log[4]!, signature: undefined }];
    const next = sign(makeAuditEntry(coalesced[4]!, input('letter.reply', 'l1')), office);
    const covered = [...coalesced, next];
    const code4 = headCode(log[4]!.hash);
    expect(findHead(covered, code4, verifyLogTrust(covered))!.signed).toBe(true);
    // The same entry as the unsigned tail is not vouched for.
    expect(findHead(coalesced, code4, verifyLogTrust(coalesced))!.signed).toBe(false);
    expect(findHead(log.slice(0, 3), headCode(log[4]!.hash))!.found).toBeNull();
  });
});

describe('signed heads (one signature per write transaction)', () => {
  const headsOnly = (signedSeqs: number[]): AuditEntry[] =>
    signedLog().map((e) => (signedSeqs.includes(e.seq) ? e : { ...e, signature: undefined }));

  it('a log whose transactions each signed only their last entry is intact, every entry covered', () => {
    const log = headsOnly([1, 3, 5]).map((e) =>
      e.signature
        ? {
            ...e,
            signature: {
              publicKey: office.publicKey,
              value: signText(office.secretKey, headSigningMessage(e.seq, e.hash)),
            },
          }
        : e,
    );
    const r = verifyLogTrust(log);
    expect(r.problems).toEqual([]);
    expect([...r.trustedSeqs].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(r.signedCheckpoints).toBe(3);
    // The head's place is part of what is signed: the same signature on another seq is no head.
    expect(
      entrySignatureValid({ seq: 4, hash: log[4]!.hash }, office.publicKey, log[4]!.signature!.value),
    ).toBe(false);
  });

  it('entries after the last signed head are named 最后 N 条留痕未签名 and vouch for nothing', () => {
    const r = verifyLogTrust(headsOnly([1, 3]));
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/最后 2 条留痕未签名：第 4 条.*没有本单位密钥的签名/);
    expect([...r.trustedSeqs].sort()).toEqual([1, 2, 3]);
    const stored = [
      { table: 'draws', key: 'drw_1', row: { id: 'drw_1', n: 3 } },
      { table: 'finalResults', key: 'c1|f1', row: { score: 0, grade: '不合格' } },
      { table: 'letters', key: 'l1', row: { id: 'l1' } },
    ];
    expect(
      checkDataAgainstLog(headsOnly([1, 3]), stored, new Set(['c1']), undefined, r).map((m) => m.key),
    ).toEqual(['c1|f1', 'l1']);
  });

  it('a key entry with no signature of its own is covered by the next head, shown as not signed by the old key', () => {
    const next = generateSigningKeyPair();
    const log = signedLog();
    const change = makeAuditEntry(log[4]!, input('key.change', next.publicKey));
    const after = sign(makeAuditEntry(change, input('score.submit', 's2')), next);
    const r = verifyLogTrust([...log, change, after]);
    expect(r.problems).toEqual([]);
    expect(r.trustedSeqs.has(6)).toBe(true);
    expect(r.keys.at(-1)!.signedByPrevious).toBe(false);
  });

  it('a head signed by the old key after a key change is not by the key current there', () => {
    const next = generateSigningKeyPair();
    const log = signedLog();
    const change = sign(makeAuditEntry(log[4]!, input('key.change', next.publicKey)), office);
    const after = sign(makeAuditEntry(change, input('score.submit', 's2')), office);
    const r = verifyLogTrust([...log, change, after]);
    expect(r.problems.join('\n')).toMatch(/第 7 条记录.*不是由当时的本单位密钥/);
    expect(r.problems.join('\n')).toMatch(/最后 1 条留痕未签名/);
  });
});

describe('checkDataAgainstLog', () => {
  const log = signedLog();
  const live = new Set(['c1']);
  const stored = [
    { table: 'draws', key: 'drw_1', row: { id: 'drw_1', n: 3 } },
    { table: 'finalResults', key: 'c1|f1', row: { score: 0, grade: '不合格' } },
    { table: 'letters', key: 'l1', row: { id: 'l1' } },
  ];

  it('records as the log wrote them match', () => {
    expect(checkDataAgainstLog(log, stored, live)).toEqual([]);
  });

  it('names every record edited, added or removed behind the app', () => {
    const edited = [
      { table: 'draws', key: 'drw_1', row: { id: 'drw_1', n: 3 } },
      { table: 'finalResults', key: 'c1|f1', row: { score: 200, grade: '优秀' } },
      { table: 'finalResults', key: 'c1|f2', row: { score: 100 } },
    ];
    const m = checkDataAgainstLog(log, edited, live);
    expect(m.map((x) => [x.kind, x.key])).toEqual([
      ['changed', 'c1|f1'],
      ['unlogged', 'c1|f2'],
      ['missing', 'l1'],
    ]);
    expect(m[0]!.message).toMatch(/复核定稿结果“c1\|f1”与第 4 条留痕记录的内容不符/);
    // A removed campaign takes its records with it.
    expect(checkDataAgainstLog(log, [], new Set())).toEqual([]);
  });

  it('作废文号 of a letter is what the check expects: no missing letter, even in logs that logged the draft', () => {
    // As logs were written before the fix: the void entry carried the draft's digest.
    const draft = { id: 'l1', status: 'draft' };
    const voided = [
      ...log,
      sign(
        makeAuditEntry(log.at(-1)!, {
          ...input('letter.void', 'n1'),
          records: [{ table: 'letters', key: 'l1', row: draft, campaignId: 'c1' }],
        }),
        office,
      ),
    ];
    // The draft is not vouched for (coveredRecords skips it) and the void released it.
    const covered = coveredRecords('letters', [draft]);
    expect(covered).toEqual([]);
    const rest = stored.filter((s) => s.table !== 'letters');
    expect(checkDataAgainstLog(voided, [...rest, ...covered], live)).toEqual([]);
    expect(verifyLogTrust(voided).problems).toEqual([]);
  });

  it('the number register of an older log (entries without its digests) is vouched for by the numbers the signed entries name', () => {
    // As letters were issued before the register was covered: the summary names the number.
    const older = signedLog().slice(0, 4);
    older.push(
      sign(
        makeAuditEntry(older.at(-1)!, {
          ...input('letter.issue', 'l1'),
          summary: '印发德法函〔2026〕1号（交通运输局），整改期限2026-12-11',
          records: [{ table: 'letters', key: 'l1', row: { id: 'l1' }, campaignId: 'c1' }],
        }),
        office,
      ),
    );
    const number = (seq: number) => ({
      table: 'letterNumbers',
      key: `德法函|2026|${seq}`,
      row: { id: `德法函|2026|${seq}`, docNumber: `德法函〔2026〕${seq}号`, status: 'issued' },
    });
    const rest = stored.filter((s) => s.table !== 'letters');
    expect(checkDataAgainstLog(older, [...rest, stored[2]!, number(1)], live)).toEqual([]);
    // A number no signed entry gave is named.
    const forged = checkDataAgainstLog(older, [...rest, stored[2]!, number(1), number(7)], live);
    expect(forged.map((m) => [m.kind, m.key])).toEqual([['unlogged', '德法函|2026|7']]);
    expect(forged[0]!.message).toMatch(/文号登记“德法函\|2026\|7”在操作留痕中没有有效的记录/);
    // An unsigned entry naming a number proves nothing.
    const unsigned = [
      ...older,
      makeAuditEntry(older.at(-1)!, {
        ...input('number.allocate', '德法函|2026|7'),
        summary: '通报定稿编号德法函〔2026〕7号（2026年度评查情况通报）',
      }),
    ];
    const trust = verifyLogTrust(unsigned);
    expect(
      checkDataAgainstLog(unsigned, [...rest, stored[2]!, number(7)], live, undefined, trust).map(
        (m) => m.key,
      ),
    ).toEqual(['德法函|2026|7']);
  });

  it('a published standard no entry wrote is not compared; once a freeze wrote it, an edit or removal is named', () => {
    const row = { id: 'std', version: 2, status: 'published', name: '标准' };
    const frozenLog = [
      ...log,
      sign(
        makeAuditEntry(log.at(-1)!, {
          ...input('standard.freeze', 'c1'),
          records: [{ table: 'standards', key: 'std|2', row, campaignId: 'c1' }],
        }),
        office,
      ),
    ];
    const asStored = (r: object) => coveredRecords('standards', [r]);
    expect(checkDataAgainstLog(log, [...stored, ...asStored(row)], live)).toEqual([]);
    expect(checkDataAgainstLog(frozenLog, [...stored, ...asStored(row)], live)).toEqual([]);
    const edited = checkDataAgainstLog(frozenLog, [...stored, ...asStored({ ...row, name: '改' })], live);
    expect(edited.map((m) => [m.kind, m.key])).toEqual([['changed', 'std|2']]);
    expect(checkDataAgainstLog(frozenLog, stored, live).map((m) => [m.kind, m.key])).toEqual([
      ['missing', 'std|2'],
    ]);
    // Drafts are work in progress.
    expect(asStored({ ...row, status: 'draft' })).toEqual([]);
  });

  it('every table the labels name has a coverage decision (the store tables themselves: test/db/record-coverage)', () => {
    expect(Object.keys(TABLE_COVERAGE).sort()).toEqual(Object.keys(STORE_TABLE_LABELS).sort());
  });
});

describe('officeTextSigner', () => {
  it("signs with the platform's Ed25519 where it has one: the same signatures as signText", async () => {
    const sign = await officeTextSigner(office.secretKey);
    expect(sign.engine).toBe('webcrypto');
    for (const text of ['', 'abc', checkpointMessage('ab'.repeat(32)), '留痕校验码'])
      expect(await sign(text)).toBe(signText(office.secretKey, text));
  });

  it('is made once per key (imported and probed once, however often the page loads it)', async () => {
    const key = generateSigningKeyPair();
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    try {
      const first = await officeTextSigner(key.secretKey);
      expect(await officeTextSigner(key.secretKey)).toBe(first);
      expect(importKey).toHaveBeenCalledTimes(1);
    } finally {
      importKey.mockRestore();
    }
  });

  it('signs with the script signer where WebCrypto has no Ed25519', async () => {
    const office = generateSigningKeyPair();
    const importKey = vi
      .spyOn(crypto.subtle, 'importKey')
      .mockRejectedValueOnce(new DOMException('Unrecognized name.', 'NotSupportedError'));
    try {
      const sign = await officeTextSigner(office.secretKey);
      expect(sign.engine).toBe('noble');
      expect(await sign('abc')).toBe(signText(office.secretKey, 'abc'));
    } finally {
      importKey.mockRestore();
    }
  });
});

describe('textSigner', () => {
  it('gives the same RFC 8032 signatures as signText, and they verify', () => {
    const sign = textSigner(office.secretKey);
    for (const text of ['', 'abc', checkpointMessage('ab'.repeat(32)), '留痕校验码'])
      expect(sign(text)).toBe(signText(office.secretKey, text));
    expect(verifyText(office.publicKey, 'abc', sign('abc'))).toBe(true);
  });
});
