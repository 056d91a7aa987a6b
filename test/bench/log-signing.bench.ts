// Signing every log entry (issue 23): the office key signs each entry's hash as it is appended.
// Figure: signing cost per entry over 10,000 entries (target <= 0.2 ms), with the hash-chain cost
// and the full verification of the same log (every signature) for comparison.
// Run: npx tsx test/bench/log-signing.bench.ts   (or npm run bench -- log-signing)
import { makeAuditEntry, type AuditEntry } from '../../shared/audit/audit-chain';
import { checkpointMessage, verifyLogTrust } from '../../shared/audit/log-trust';
import { generateSigningKeyPair, textSigner } from '../../shared/crypto/signing';
import { report } from './bench-report';

const N = 10_000;
const key = generateSigningKeyPair();
const sign = textSigner(key.secretKey);
const entries: AuditEntry[] = [];
let signing = 0;
let chaining = 0;
for (let i = 0; i < N; i++) {
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
  const t1 = performance.now();
  e.signature = { publicKey: key.publicKey, value: sign(checkpointMessage(e.hash)) };
  const t2 = performance.now();
  chaining += t1 - t0;
  signing += t2 - t1;
  entries.push(e);
}
report('sign one log entry (10,000 entries, Node)', signing / N, 'ms', 0.2);
report('hash-chain one log entry (same run)', chaining / N, 'ms');
const v0 = performance.now();
const trust = verifyLogTrust(entries);
const verifySeconds = (performance.now() - v0) / 1000;
if (!trust.ok) throw new Error(trust.problems.join('\n'));
report('verify the 10,000-entry log (verifyLogTrust)', verifySeconds, 's');
