// Signing the log (issue 23): each write transaction signs its new head once it has committed, and
// that one signature covers every entry chained before it. Figure: signing cost per entry over
// 10,000 entries (target <= 0.2 ms), for a realistic mix of writes — single-entry transactions (a
// score submitted, a letter issued) and batches (an import's entries, the demo, a merge of a results
// package) — and for each kind alone; with the hash-chain cost and the full verification of the log.
// The signer is officeTextSigner, what the app signs with: the platform's Ed25519 (WebCrypto, the key
// imported once; OpenSSL here in Node, BoringSSL in Chromium and Electron). Every single-entry
// transaction is signed on its own here (the app coalesces heads that commit while a signing is under
// way, so a burst costs less): the single-entry figure is the worst case. The script signer
// (textSigner, @noble/curves) is printed beside it for comparison.
// The desktop adds one IPC round trip per transaction to the main process (not measured here).
// Run: npx tsx test/bench/log-signing.bench.ts   (or npm run bench -- log-signing)
import { makeAuditEntry, type AuditEntry } from '../../shared/audit/audit-chain';
import { headSigningMessage, verifyLogTrust } from '../../shared/audit/log-trust';
import { generateSigningKeyPair, officeTextSigner, textSigner } from '../../shared/crypto/signing';
import { report } from './bench-report';

const N = 10_000;
const key = generateSigningKeyPair();
const sign = await officeTextSigner(key.secretKey);
const scriptSign = textSigner(key.secretKey);
type Sign = (text: string) => Promise<string> | string;

/** Transaction sizes: `single` of every 10 transactions write one entry, the others 5-40 entries. */
function transactionSizes(single: number, seed = 1): number[] {
  const sizes: number[] = [];
  let total = 0;
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s / 2 ** 31);
  for (let t = 0; total < N; t++) {
    const size = t % 10 < single ? 1 : 5 + Math.floor(next() * 36);
    sizes.push(Math.min(size, N - total));
    total += sizes[sizes.length - 1]!;
  }
  return sizes;
}

async function run(
  sizes: number[],
  signer: Sign = sign,
): Promise<{ signing: number; chaining: number; entries: AuditEntry[] }> {
  const entries: AuditEntry[] = [];
  let signing = 0;
  let chaining = 0;
  for (const size of sizes) {
    for (let k = 0; k < size; k++) {
      const i = entries.length;
      const t0 = performance.now();
      const e = makeAuditEntry(entries.at(-1) ?? null, {
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        actor: '组织者',
        action: i === 0 ? 'key.create' : i % 3 ? 'score.submit' : 'review.finalise',
        objectType: 'x',
        objectId: i === 0 ? key.publicKey : `item-${i}`,
        summary: `第 ${i} 项操作`,
        content: { i },
        ...(i % 3 === 0 && i > 0
          ? {
              records: [
                { table: 'finalResults', key: `c|${i}`, row: { itemId: i, score: i % 200 }, campaignId: 'c' },
              ],
            }
          : {}),
      });
      chaining += performance.now() - t0;
      entries.push(e);
    }
    // The commit: one signature over the transaction's head.
    const head = entries[entries.length - 1]!;
    const t1 = performance.now();
    head.signature = {
      publicKey: key.publicKey,
      value: await signer(headSigningMessage(head.seq, head.hash)),
    };
    signing += performance.now() - t1;
  }
  return { signing, chaining, entries };
}

// Warm-up (JIT, the signer's tables), not counted.
await run(transactionSizes(10).slice(0, 200));
await run(transactionSizes(10).slice(0, 200), scriptSign);

const mix = await run(transactionSizes(6));
const singles = await run(transactionSizes(10));
const batches = await run(transactionSizes(0));
const scriptSingles = await run(transactionSizes(10), scriptSign);
const tx = (sizes: number[]) => sizes.length;
report('sign the log, realistic mix (per entry)', mix.signing / N, 'ms/entry', 0.2);
console.log(`  (${tx(transactionSizes(6))} transactions: 6 in 10 single-entry, the rest 5-40 entries)`);
report('sign the log, single-entry writes only', singles.signing / N, 'ms/entry', 0.2);
console.log(`  (signer: ${sign.engine}; every single-entry transaction signed on its own)`);
report('  same with the script signer (@noble/curves)', scriptSingles.signing / N, 'ms/entry');
report('sign the log, batch writes only', batches.signing / N, 'ms/entry', 0.2);
report('hash-chain one log entry (mix run)', mix.chaining / N, 'ms/entry');
const v0 = performance.now();
const trust = verifyLogTrust(mix.entries);
const verifySeconds = (performance.now() - v0) / 1000;
if (!trust.ok) throw new Error(trust.problems.join('\n'));
report('verify the 10,000-entry log (verifyLogTrust)', verifySeconds, 's');
