// A minimal XLSX writer for the app's exports (lists, rosters, results): inline strings and numbers, a bold
// header row, column widths, several sheets. No shared-strings table: simpler, and Excel/WPS read it fine.
import { strToU8, zipSync } from 'fflate';

export type XlsxValue = string | number | boolean | null | undefined;

export interface XlsxSheetSpec {
  name: string;
  /** Written as the first row, in bold, and frozen. */
  header?: readonly string[];
  rows: readonly (readonly XlsxValue[])[];
  /** Column widths in characters (a CJK character counts about 2). Default: estimated from content. */
  columnWidths?: readonly number[];
}

// Characters XML 1.0 forbids (control characters other than tab/newline/CR, lone surrogates, FFFE/FFFF)
const INVALID_XML_RE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(s: string): string {
  return s
    .replace(INVALID_XML_RE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function columnName(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Display width of text in Excel "characters": wide (CJK) characters count 2. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

/** Excel sheet names: max 31 characters, none of []:*?/\ , not blank, unique (case-insensitive). */
export function safeSheetName(name: string, used: Set<string>): string {
  let base =
    name
      .replace(/[[\]:*?/\\]/g, '_')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  base = Array.from(base).slice(0, 31).join('');
  let candidate = base;
  for (let k = 2; used.has(candidate.toLowerCase()); k++) {
    const suffix = ` (${k})`;
    candidate =
      Array.from(base)
        .slice(0, 31 - suffix.length)
        .join('') + suffix;
  }
  used.add(candidate.toLowerCase());
  return candidate;
}

function cellXml(ref: string, v: XlsxValue, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return `<c r="${ref}" t="inlineStr"${s}><is><t>${String(v)}</t></is></c>`;
    return `<c r="${ref}"${s}><v>${String(v)}</v></c>`;
  }
  if (typeof v === 'boolean') return `<c r="${ref}" t="b"${s}><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}" t="inlineStr"${s}><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
}

function sheetXml(spec: XlsxSheetSpec): string {
  const all: (readonly XlsxValue[])[] = spec.header ? [spec.header, ...spec.rows] : [...spec.rows];
  let ncol = 0;
  for (const r of all) ncol = Math.max(ncol, r.length);
  const widths: number[] = [];
  for (let c = 0; c < ncol; c++) {
    const given = spec.columnWidths?.[c];
    if (given !== undefined) {
      widths.push(given);
      continue;
    }
    let w = 6;
    for (let r = 0; r < Math.min(all.length, 500); r++) {
      const v = all[r]![c];
      if (v !== null && v !== undefined) w = Math.max(w, textWidth(String(v)) + 2);
    }
    widths.push(Math.min(w, 60));
  }
  const parts: string[] = [];
  parts.push(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  );
  if (spec.header) {
    parts.push(
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>',
    );
  }
  if (ncol > 0) {
    parts.push('<cols>');
    widths.forEach((w, c) => parts.push(`<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`));
    parts.push('</cols>');
  }
  parts.push('<sheetData>');
  const names: string[] = [];
  for (let c = 0; c < ncol; c++) names.push(columnName(c));
  all.forEach((row, r) => {
    const style = spec.header && r === 0 ? 1 : 0;
    let cells = '';
    for (let c = 0; c < row.length; c++) cells += cellXml(names[c]! + (r + 1), row[c], style);
    parts.push(`<row r="${r + 1}">${cells}</row>`);
  });
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>' +
  '<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** Build an .xlsx file. Sheet names are made valid and unique. */
export function writeXlsx(sheets: readonly XlsxSheetSpec[]): Uint8Array {
  const list = sheets.length > 0 ? sheets : [{ name: 'Sheet1', rows: [] }];
  const used = new Set<string>();
  const names = list.map((s) => safeSheetName(s.name, used));
  const files: Record<string, Uint8Array> = {};
  files['[Content_Types].xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      list
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '</Types>',
  );
  files['_rels/.rels'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
  );
  files['xl/workbook.xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
      names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      list
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${list.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      '</Relationships>',
  );
  files['xl/styles.xml'] = strToU8(STYLES_XML);
  list.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s));
  });
  return zipSync(files, { level: 6 });
}
