// Public roster (执法人员信息公示): what departments publish on their websites. Only name, department,
// certificate number, enforcement areas and valid-until leave the app here. The row type has no field for
// anything private, so an ID-card number cannot reach an export by accident.
import { comparePinyin } from '../util/pinyin-sort';
import { writeXlsx } from '../xlsx/write-xlsx';
import {
  effectiveExpiry,
  DEFAULT_OFFICER_SETTINGS,
  type Officer,
  type OfficerSettings,
  type OfficerStatus,
} from '../officers/officer-model';

export interface PublicRosterRow {
  name: string;
  department: string;
  certificateNo: string;
  /** Areas joined with 、 */
  areas: string;
  /** ISO date or '' when unknown. */
  validUntil: string;
}

export const ROSTER_TITLE = '行政执法人员信息公示';
export const ROSTER_HEADERS = ['序号', '姓名', '执法部门', '执法证号', '执法区域/类别', '有效期至'] as const;

export interface PublicRosterOptions {
  /** ISO date: certificates expired before it are left out. */
  today: string;
  /** Statuses to publish; default only 有效 (a suspended officer may not enforce). */
  statuses?: readonly OfficerStatus[];
  /** Only these departments (a department publishing its own list). */
  departments?: readonly string[];
  settings?: OfficerSettings;
}

/** Rows to publish, sorted by department then certificate number. */
export function publicRosterRows(
  officers: readonly Officer[],
  options: PublicRosterOptions,
): PublicRosterRow[] {
  const statuses = new Set<OfficerStatus>(options.statuses ?? ['有效']);
  const depts = options.departments ? new Set(options.departments) : null;
  const rows: PublicRosterRow[] = [];
  for (const o of officers) {
    if (o.certificateNo.trim() === '' || !statuses.has(o.status)) continue;
    if (depts && !depts.has(o.department)) continue;
    const expiry = effectiveExpiry(o, options.settings ?? DEFAULT_OFFICER_SETTINGS);
    if (expiry !== null && expiry < options.today) continue;
    // Explicit field-by-field copy: never spread an officer into a public row.
    rows.push({
      name: o.name,
      department: o.department,
      certificateNo: o.certificateNo,
      areas: o.areas.join('、'),
      validUntil: expiry ?? '',
    });
  }
  return rows.sort(
    (a, b) =>
      comparePinyin(a.department, b.department) || a.certificateNo.localeCompare(b.certificateNo, 'en'),
  );
}

const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * Neutralise a cell that a spreadsheet would run as a formula (CSV/formula injection): text starting with
 * = + - @, or a tab / CR / LF (which Excel skips before looking for =), is prefixed with a single quote so
 * Excel and WPS show it as text. Full-width ＝＋－＠ are checked after NFKC because some spreadsheet
 * programs fold them to their ASCII forms. The quote is visible in CSV viewers; that is the accepted price
 * (OWASP "CSV Injection" guidance).
 */
export function neutraliseFormula(cell: string): string {
  if (cell === '') return cell;
  if (FORMULA_START.test(cell) || FORMULA_START.test(cell.normalize('NFKC'))) return `'${cell}`;
  return cell;
}

/** Header row + one row per officer, cells as neutralised strings (for CSV and XLSX). */
export function rosterTable(rows: readonly PublicRosterRow[]): string[][] {
  return [
    [...ROSTER_HEADERS],
    ...rows.map((r, i) =>
      [String(i + 1), r.name, r.department, r.certificateNo, r.areas, r.validUntil].map(neutraliseFormula),
    ),
  ];
}

/** XLSX workbook (one sheet, bold frozen header) of the neutralised table. */
export function rosterXlsx(rows: readonly PublicRosterRow[]): Uint8Array {
  const [header, ...body] = rosterTable(rows);
  return writeXlsx([
    { name: ROSTER_TITLE, header: header!, rows: body, columnWidths: [6, 10, 30, 18, 30, 12] },
  ]);
}

function csvField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * CSV text: RFC 4180 quoting, CRLF line ends, formula cells neutralised. Starts with a BOM (U+FEFF) because
 * Excel on Chinese Windows reads BOM-less CSV as GBK and shows UTF-8 Chinese as mojibake.
 */
export function rosterCsv(rows: readonly PublicRosterRow[]): string {
  return (
    '\uFEFF' +
    rosterTable(rows)
      .map((r) => r.map(csvField).join(','))
      .join('\r\n') +
    '\r\n'
  );
}

export function rosterCsvBytes(rows: readonly PublicRosterRow[]): Uint8Array {
  return new TextEncoder().encode(rosterCsv(rows));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

export interface RosterHtmlOptions {
  /** ISO date printed as the generation date. */
  generatedOn: string;
  /** Publishing body, e.g. 市司法局 (optional). */
  issuer?: string;
  title?: string;
}

function chineseDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return y && m && d ? `${y}年${Number(m)}月${Number(d)}日` : iso;
}

/**
 * A self-contained HTML page for a department website: inline CSS, no scripts, no external resources
 * (the CSP forbids inline scripts anyway), every value HTML-escaped.
 */
export function rosterHtml(rows: readonly PublicRosterRow[], options: RosterHtmlOptions): string {
  const title = escapeHtml(options.title ?? ROSTER_TITLE);
  const head = ROSTER_HEADERS.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map(
      (r, i) =>
        `<tr><td>${i + 1}</td><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.department)}</td>` +
        `<td>${escapeHtml(r.certificateNo)}</td><td>${escapeHtml(r.areas)}</td><td>${escapeHtml(r.validUntil)}</td></tr>`,
    )
    .join('\n');
  const meta = `${options.issuer ? `${escapeHtml(options.issuer)}\u3000` : ''}生成日期：${escapeHtml(chineseDate(options.generatedOn))}\u3000共${rows.length}人`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:24px;color:#222}
h1{font-size:22px;text-align:center;margin:0 0 8px}
p.meta{text-align:center;color:#555;font-size:14px;margin:0 0 16px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #999;padding:6px 8px;text-align:left}
th{background:#f0f0f0}
tr:nth-child(even) td{background:#fafafa}
@media print{body{margin:0}th{background:none}}
</style>
</head>
<body>
<h1>${title}</h1>
<p class="meta">${meta}</p>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</body>
</html>
`;
}
