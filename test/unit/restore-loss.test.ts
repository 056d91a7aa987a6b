import { describe, expect, it } from 'vitest';
import {
  commonLogPrefix,
  computeRestoreLoss,
  describeRestoreLoss,
  restoreLosesNothing,
  type LossSide,
} from '../../shared/backup/restore-loss';

const entry = (seq: number, hash = `h${seq}`) => ({
  seq,
  hash,
  at: `2026-03-0${Math.min(seq, 9)}T00:00:00.000Z`,
  actor: '张三',
  summary: `第${seq}条`,
});

const side = (over: Partial<LossSide> = {}): LossSide => ({
  letterNumbers: [],
  letters: [],
  scoreSheets: [],
  reviewDecisions: [],
  auditLog: [],
  ...over,
});

const number = (seq: number, status = 'issued') => ({
  id: `德法函|2026|${seq}`,
  docNumber: `德法函〔2026〕${seq}号`,
  status,
  allocatedAt: `2026-03-0${seq}T00:00:00.000Z`,
});
const letter = (department: string, docNumber: string | null, status = docNumber ? 'issued' : 'draft') => ({
  id: `c|${department}`,
  department,
  status,
  docNumber,
  updatedAt: '2026-03-01T00:00:00.000Z',
});
const sheet = (id: string, status: string, submittedAt: string | null, revision = 1) => ({
  id,
  itemId: id,
  reviewerId: 'r1',
  status,
  revision,
  submittedAt,
});

describe('what a restore undoes', () => {
  it('names letters issued, numbers allocated, scores submitted, decisions and log entries after the backup', () => {
    const backup = side({
      letterNumbers: [number(1)],
      letters: [letter('交通运输局', '德法函〔2026〕1号'), letter('生态环境局', null)],
      scoreSheets: [
        sheet('s1', 'submitted', 't1'),
        sheet('s2', 'draft', null),
        sheet('s3', 'submitted', 't1'),
      ],
      reviewDecisions: [{ id: 'd1', officerId: 'o1', decided: 'pass', at: 't1' }],
      auditLog: [entry(1), entry(2)],
    });
    const current = side({
      letterNumbers: [number(1), number(2), number(3, 'void')],
      letters: [letter('交通运输局', '德法函〔2026〕1号'), letter('生态环境局', '德法函〔2026〕2号')],
      scoreSheets: [
        sheet('s1', 'submitted', 't1'),
        sheet('s2', 'submitted', 't2'),
        sheet('s3', 'submitted', 't1', 4),
        sheet('s4', 'draft', null),
      ],
      reviewDecisions: [
        { id: 'd1', officerId: 'o1', decided: 'fail', at: 't2' },
        { id: 'd2', officerId: 'o2', decided: 'pass', at: 't2' },
      ],
      auditLog: [entry(1), entry(2), entry(3), entry(4)],
    });
    const loss = computeRestoreLoss(current, backup);
    expect(loss.lettersIssued).toEqual(['德法函〔2026〕2号（生态环境局）']);
    expect(loss.numbersAllocated).toEqual(['德法函〔2026〕2号', '德法函〔2026〕3号']);
    expect(loss.scoresSubmitted).toBe(2);
    expect(loss.certificateDecisions).toBe(2);
    expect(loss.logEntries).toMatchObject({ count: 2, from: { seq: 3 }, to: { seq: 4 } });
    expect(restoreLosesNothing(loss)).toBe(false);
    const lines = describeRestoreLoss(loss, '2026-03-02T00:00:00.000Z', (iso) => `本地(${iso.slice(0, 10)})`);
    expect(lines).toEqual([
      expect.stringMatching(/^1 份整改函在备份之后印发.*德法函〔2026〕2号（生态环境局）/),
      expect.stringMatching(
        /^2 个发文字号在备份之后分配：德法函〔2026〕2号、德法函〔2026〕3号。.*不会再次分配/,
      ),
      '2 份评分表在备份之后提交或修改，恢复后回到备份时的内容。',
      '2 项执法证年审决定在备份之后作出或更改，恢复后回到备份时的状态。',
      expect.stringMatching(
        /备份（本地\(2026-03-02\)）之后的 2 条记录（第 3–4 条，本地\(2026-03-03\) 至 本地\(2026-03-04\)）/,
      ),
    ]);
  });

  it('a log that diverged from the backup counts from the first entry they do not share', () => {
    expect(commonLogPrefix([entry(1), entry(2, 'x')], [entry(1), entry(2, 'y'), entry(3)])).toBe(1);
    const loss = computeRestoreLoss(
      side({ auditLog: [entry(1), entry(2, 'x')] }),
      side({ auditLog: [entry(1), entry(2, 'y'), entry(3)] }),
    );
    expect(loss.logEntries.count).toBe(1);
  });

  it('nothing done after the backup: nothing to say', () => {
    const s = side({ letterNumbers: [number(1)], auditLog: [entry(1)] });
    const loss = computeRestoreLoss(s, s);
    expect(restoreLosesNothing(loss)).toBe(true);
    expect(describeRestoreLoss(loss, '2026-03-02T00:00:00.000Z')).toEqual([]);
  });
});
