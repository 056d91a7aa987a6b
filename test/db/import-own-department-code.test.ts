// The import reads the 案号 by the importing department's own 代字 (issue 25): the department the title names
// picks the column whose values carry its 代字 (another department's 代字 in a 文书编号 column does not make it
// the 案号), and a row whose 案号 carries another department's 代字 is a warning naming the row.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import { saveDepartment } from '../../renderer/db/directory-repository';
import { freshDb } from './helpers';

async function ledger(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['德阳市市场监督管理局2024年度行政处罚案件台账']);
  ws.mergeCells(1, 1, 1, 5);
  ws.addRow(['序号', '文书编号', '立案编号', '当事人', '立案日期']);
  for (let i = 0; i < 20; i++)
    ws.addRow([
      i + 1,
      `德交罚〔2024〕${i + 1}号`,
      i === 6 ? '德应急罚〔2024〕7号' : `德市监立〔2024〕${i + 1}号`,
      `当事人${i}`,
      '2024-03-01',
    ]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('the 案号 by the importing department’s own 代字', () => {
  it('maps the column with the department’s 代字, and warns of the row with another department’s', async () => {
    const db = freshDb();
    for (const [name, prefixes] of [
      ['德阳市市场监督管理局', ['德市监立']],
      ['德阳市交通运输局', ['德交罚']],
      ['德阳市应急管理局', ['德应急罚']],
    ] as const)
      await saveDepartment(
        db,
        { name, aliases: [], caseNoPrefixes: [...prefixes], kind: 'municipal' },
        '操作员',
      );
    const service = new LedgerImportService(db);
    const opened = await service.open({ name: '市场监管局台账.xlsx', bytes: await ledger() }, 'auto');
    expect(opened.inferred.department?.value).toBe('德阳市市场监督管理局');
    expect(opened.mapping.caseNo).toBe(2);
    expect(opened.mappingNotes[0]).toContain('带本部门（德阳市市场监督管理局）的代字');
    const report = await service.analyse({
      fileKey: opened.fileKey,
      sheetIndex: opened.sheetIndex,
      headerRow: opened.header!.headerRow,
      mapping: opened.mapping,
      defaultDepartment: '德阳市市场监督管理局',
      defaultCaseType: '行政处罚',
    });
    expect(report.counts.valid).toBe(20);
    const foreign = report.issues.filter((i) => i.code === 'case-no-other-department-code');
    expect(foreign.map((i) => [i.severity, i.row])).toEqual([['warning', 9]]);
    expect(foreign[0]!.message).toContain('按机构名录是德阳市应急管理局的案号');
  });
});
