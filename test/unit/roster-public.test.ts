import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../shared/officers/id-card';
import { generateOfficerDataset } from '../../shared/officers/officer-generator';
import { parseOfficer } from '../../shared/officers/officer-model';
import {
  escapeHtml,
  neutraliseFormula,
  publicRosterRows,
  rosterCsv,
  rosterCsvBytes,
  rosterHtml,
  rosterTable,
  rosterXlsx,
} from '../../shared/roster/public-roster';

const base = {
  department: '市交通运输局',
  employmentType: '正式在编' as const,
  issueDate: '2023-01-01',
  expiryDate: '2027-12-31',
};

describe('neutraliseFormula', () => {
  it('prefixes cells a spreadsheet would run as a formula', () => {
    for (const bad of [
      '=1+1',
      '+86',
      '-2',
      '@SUM(A1)',
      '\t=cmd',
      '\r=cmd',
      '\n=x',
      '＝HYPERLINK("http://x")',
      '＋1',
      '－1',
      '＠a',
    ]) {
      expect(neutraliseFormula(bad)).toBe(`'${bad}`);
    }
  });
  it('leaves ordinary text alone', () => {
    for (const ok of [
      '张三',
      '510601000001',
      '',
      ' =not-first',
      "'already",
      '市场监管、食品安全',
      '2027-12-31',
    ]) {
      expect(neutraliseFormula(ok)).toBe(ok);
    }
  });
});

describe('publicRosterRows', () => {
  it('publishes live, unexpired certificates only, sorted by department and number', () => {
    const officers = [
      parseOfficer({ ...base, id: '1', name: '乙', certificateNo: 'B2', areas: ['路政', '道路运政'] }),
      parseOfficer({ ...base, id: '2', name: '甲', certificateNo: 'B1' }),
      parseOfficer({ ...base, id: '3', name: '暂扣者', certificateNo: 'B3', status: '暂扣' }),
      parseOfficer({ ...base, id: '4', name: '过期者', certificateNo: 'B4', expiryDate: '2025-12-31' }),
      parseOfficer({ ...base, id: '5', name: '无证者' }),
      parseOfficer({
        ...base,
        id: '6',
        name: '丙',
        certificateNo: 'A1',
        department: '市城市管理综合行政执法局',
        expiryDate: null,
      }),
    ];
    const rows = publicRosterRows(officers, { today: '2026-01-10' });
    expect(rows.map((r) => r.name)).toEqual(['丙', '甲', '乙']);
    expect(rows[2]).toEqual({
      name: '乙',
      department: '市交通运输局',
      certificateNo: 'B2',
      areas: '路政、道路运政',
      validUntil: '2027-12-31',
    });
    expect(rows[0]!.validUntil).toBe('2027-12-31'); // derived from issue date + 5 years
    expect(
      publicRosterRows(officers, { today: '2026-01-10', statuses: ['有效', '暂扣'] }).map((r) => r.name),
    ).toContain('暂扣者');
    expect(publicRosterRows(officers, { today: '2026-01-10', departments: ['市交通运输局'] })).toHaveLength(
      2,
    );
  });
});

describe('roster exports', () => {
  const data = generateOfficerDataset({ seed: 'roster', officers: 400 });
  const rows = publicRosterRows(data.officers, { today: `${data.year + 1}-01-10` });
  const csv = rosterCsv(rows);
  const html = rosterHtml(rows, { generatedOn: '2026-01-10', issuer: '市司法局' });
  const table = rosterTable(rows);

  it('never contains an ID number, its masked form, or gender', () => {
    expect(rows.length).toBeGreaterThan(300);
    const outputs = [csv, html, JSON.stringify(table), new TextDecoder().decode(rosterCsvBytes(rows))];
    for (const o of data.officers) {
      expect(o.idNumber).toMatch(/^\d{17}[\dX]$/);
      for (const out of outputs) {
        expect(out.includes(o.idNumber)).toBe(false);
        expect(out.includes(maskIdNumber(o.idNumber))).toBe(false);
        expect(out.includes(o.idNumber.slice(6, 14))).toBe(false); // birth date digits
      }
    }
    for (const out of outputs) expect(out).not.toMatch(/性别|身份证|[男女]</);
  });

  it('writes CSV with BOM, CRLF, quoting and neutralised cells', () => {
    const tricky = [
      {
        name: '=HYPERLINK("http://evil","点我")',
        department: '市"交通"局',
        certificateNo: '-1',
        areas: '路政,运政',
        validUntil: '2027-12-31',
      },
    ];
    const out = rosterCsv(tricky);
    expect(out.startsWith('\uFEFF序号,姓名,执法部门,执法证号,执法区域/类别,有效期至\r\n')).toBe(true);
    expect(out).toBe(
      '\uFEFF序号,姓名,执法部门,执法证号,执法区域/类别,有效期至\r\n' +
        `1,"'=HYPERLINK(""http://evil"",""点我"")","市""交通""局",'-1,"路政,运政",2027-12-31\r\n`,
    );
    const bytes = rosterCsvBytes(tricky);
    expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.split('\r\n')).toHaveLength(rows.length + 2);
  });

  it('writes a self-contained HTML page with escaped values', () => {
    const evil = [
      {
        name: '<script>alert(1)</script>',
        department: 'A&B "局"',
        certificateNo: "x'y",
        areas: '<b>',
        validUntil: '2027-12-31',
      },
    ];
    const page = rosterHtml(evil, { generatedOn: '2026-01-10' });
    expect(page).toContain('<title>行政执法人员信息公示</title>');
    expect(page).toContain('生成日期：2026年1月10日');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('A&amp;B &quot;局&quot;');
    expect(page).toContain('x&#39;y');
    expect(page).not.toMatch(/<script|<link|src=|href=|@import|url\(/i);
    expect(page.match(/<tr>/g)).toHaveLength(2);
    expect(escapeHtml('<&>')).toBe('&lt;&amp;&gt;');
    expect(html).toContain('市司法局');
  });

  it('gives XLSX-ready rows: header plus neutralised strings', () => {
    expect(table[0]).toEqual(['序号', '姓名', '执法部门', '执法证号', '执法区域/类别', '有效期至']);
    expect(
      rosterTable([{ name: '@x', department: 'd', certificateNo: '+1', areas: '', validUntil: '' }])[1],
    ).toEqual(['1', "'@x", 'd', "'+1", '', '']);
    for (const r of table) for (const c of r) expect(typeof c).toBe('string');
  });
});

describe('roster XLSX', () => {
  it('writes the neutralised table into a workbook, without ID numbers', () => {
    const data = generateOfficerDataset({ seed: 'xlsx', officers: 120 });
    const rows = publicRosterRows(data.officers, { today: '2026-01-10' });
    rows[0] = { ...rows[0]!, name: '=1+2' };
    const files = unzipSync(rosterXlsx(rows));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('执法证号');
    expect(sheet).toContain(rows[1]!.certificateNo);
    expect(sheet).toContain("'=1+2");
    for (const o of data.officers) {
      expect(sheet.includes(o.idNumber)).toBe(false);
      expect(sheet.includes(maskIdNumber(o.idNumber))).toBe(false);
    }
  });
});
