// 页面识别: machine readings stored beside the hand labels; bad input leaves the store as it was; a hand
// label wins; confirming makes the machine's kind a hand label; removing the file removes its readings.
import { describe, expect, it } from 'vitest';
import { freshDb, snapshot } from './helpers';
import {
  attachCaseFile,
  readPageLabels,
  removeCaseFile,
  setPageLabel,
} from '../../renderer/db/case-file-repository';
import {
  confirmMachineLabel,
  readCaseFileReadings,
  saveMachineReading,
} from '../../renderer/db/case-file-reading-repository';
import { makeTextPdf } from '../fixtures/case-files';
import type { PageReading } from '../../shared/ocr/page-reading';

const C = 'camp-1';
const A = '德阳市市场监督管理局|德市监罚〔2024〕112号';

async function setup() {
  const db = freshDb();
  await db.draws.put({
    id: 'd1',
    campaignId: C,
    createdAt: '2026-01-01T00:00:00Z',
    record: { drawn: [{ itemId: A }], replacements: [], extras: [] },
  } as never);
  const row = await attachCaseFile(db, {
    campaignId: C,
    itemId: A,
    caseNo: '德市监罚〔2024〕112号',
    name: 'a.pdf',
    bytes: await makeTextPdf(3),
    actor: '王评查',
  });
  return { db, sha256: row.sha256, id: row.id };
}

const reading = (page: number, over: Partial<PageReading> = {}): PageReading => ({
  page,
  kind: '告知书',
  confidence: 0.97,
  firstLines: ['德阳市市场监督管理局', '行政处罚告知书', '德市监罚〔2024〕112号', '多余的一行'],
  caseNo: '德市监罚〔2024〕112号',
  date: '2024-04-01',
  ...over,
});

describe('case file readings (机器识别)', () => {
  it('keeps one reading per page in page order, the first three lines only', async () => {
    const { db, sha256 } = await setup();
    await saveMachineReading(db, { sha256, pageCount: 3, reading: reading(2, { kind: '送达回证' }) });
    await saveMachineReading(db, { sha256, pageCount: 3, reading: reading(0) });
    await saveMachineReading(db, { sha256, pageCount: 3, reading: reading(2, { kind: '处罚决定书' }) });
    const row = await readCaseFileReadings(db, sha256);
    expect(row?.pageCount).toBe(3);
    expect(row?.readings.map((r) => [r.page, r.kind])).toEqual([
      [0, '告知书'],
      [2, '处罚决定书'],
    ]);
    expect(row?.readings[0]!.firstLines).toHaveLength(3);
  });

  it('refuses bad readings in Chinese and leaves the store exactly as it was', async () => {
    const { db, sha256 } = await setup();
    await saveMachineReading(db, { sha256, pageCount: 3, reading: reading(0) });
    const before = await snapshot(db);
    const bad: [Parameters<typeof saveMachineReading>[1], string][] = [
      [{ sha256, pageCount: 3, reading: reading(3) }, '页码 4 超出文件页数 3，识别结果未保存。'],
      [{ sha256, pageCount: 0, reading: reading(0) }, '页数无效，识别结果未保存。'],
      [
        { sha256, pageCount: 3, reading: reading(1, { kind: '身份证' as never }) },
        '未知的页面类型“身份证”，识别结果未保存。',
      ],
      [
        { sha256, pageCount: 3, reading: reading(1, { confidence: 1.5 }) },
        '识别置信度应在 0 到 1 之间，识别结果未保存。',
      ],
      [
        { sha256, pageCount: 3, reading: reading(1, { date: '2024/4/1' }) },
        '识别日期格式无效，识别结果未保存。',
      ],
      [{ sha256: 'f'.repeat(64), pageCount: 3, reading: reading(1) }, '该电子案卷已被移除，识别结果未保存。'],
    ];
    for (const [input, message] of bad) await expect(saveMachineReading(db, input)).rejects.toThrow(message);
    expect(await snapshot(db)).toEqual(before);
  });

  it('confirming takes the machine kind as the hand label; a hand label wins and is kept', async () => {
    const { db, sha256 } = await setup();
    await saveMachineReading(db, { sha256, pageCount: 3, reading: reading(0) });
    await saveMachineReading(db, { sha256, pageCount: 3, reading: reading(1, { kind: '处罚决定书' }) });
    await setPageLabel(db, { sha256, page: 1, kind: '送达回证', actor: '王评查' });
    expect(await confirmMachineLabel(db, { sha256, page: 0, actor: '王评查' })).toBe('告知书');
    expect(await confirmMachineLabel(db, { sha256, page: 1, actor: '王评查' })).toBe('送达回证');
    // A later machine reading never touches a hand label.
    await saveMachineReading(db, { sha256, pageCount: 3, reading: reading(1, { kind: '结案报告' }) });
    expect(await readPageLabels(db, sha256)).toEqual({ 0: '告知书', 1: '送达回证' });
    await expect(confirmMachineLabel(db, { sha256, page: 2, actor: '王评查' })).rejects.toThrow(
      '第 3 页尚未识别，无可确认的机器标签。',
    );
  });

  it('removing the file removes its readings', async () => {
    const { db, sha256, id } = await setup();
    await saveMachineReading(db, { sha256, pageCount: 3, reading: reading(0) });
    await removeCaseFile(db, id, '王评查', '德市监罚〔2024〕112号');
    expect(await readCaseFileReadings(db, sha256)).toBeUndefined();
  });
});
