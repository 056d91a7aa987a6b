// A fast, dependency-light XLSX reader: fflate unzips the package, the XML parts are scanned with
// indexOf/charCodeAt rather than a DOM or a per-cell regex, because a 100,000-row ledger (~1M cells)
// must parse in well under 3 s on a 2-core office PC and inside a Web Worker.
import { LedgerReadError, type Cell, type SheetData, type WorkbookData } from '../ledger/types';
import {
  CELL_BYTES,
  CELL_TOO_LONG_MESSAGE,
  INFLATED_TOO_LARGE_MESSAGE,
  MAX_CELL_CHARS,
  MAX_CELLS,
  MAX_COLUMNS,
  MAX_FILE_BYTES,
  MAX_INFLATED_BYTES,
  MAX_MERGES,
  MAX_PARSE_BYTES,
  MAX_ROW_XML_BYTES,
  MAX_ROWS,
  MAX_TEXT_CHARS,
  MEMORY_BUDGET_MESSAGE,
  ROW_BYTES,
  ROW_TOO_LONG_MESSAGE,
  TOO_LARGE_FILE_MESSAGE,
  TOO_MANY_CELLS_MESSAGE,
  TOO_MANY_COLUMNS_MESSAGE,
  TOO_MANY_MERGES_MESSAGE,
  TOO_MANY_ROWS_MESSAGE,
  ZIP_CORRUPT_MESSAGE,
  columnLetters,
} from '../ledger/limits';
import { describeEngineError } from '../ledger/engine-error';
import { cleanText, hasSuspectCodeUnit } from '../ledger/text-hygiene';
import {
  ZipError,
  inflateEntry,
  inflateEntryToBytes,
  listZipEntries,
  type InflateBudget,
  type ZipEntry,
} from './zip-entries';
import { excelSerialToIso } from './excel-date';

export interface ReadXlsxOptions {
  /** Called while sheet XML is scanned: bytes done / total bytes of the sheets read. */
  onProgress?: (done: number, total: number) => void;
  /** Row limit (default MAX_ROWS); exposed for tests. */
  maxRows?: number;
  /**
   * The one sheet to read: 0-based index, or name (as written, or cleaned of invisible characters). Without
   * it the sheets are read in workbook order (visible ones first) until one `hasData`. Every other sheet is
   * only listed (name, hidden, `unread: true`): its part is never inflated.
   */
  sheet?: number | string;
  /** Read every sheet (small files whose every sheet is wanted, e.g. the officers registry). */
  allSheets?: boolean;
  /** Does a sheet hold the data wanted (default: any row)? Decides where reading stops without `sheet`. */
  hasData?: (rows: Cell[][]) => boolean;
  /** Memory the reader may keep for the file, as it counts it (default MAX_PARSE_BYTES); for tests. */
  maxParseBytes?: number;
  /** Told the name of every package part as it is inflated (tests count them). */
  onInflate?: (part: string) => void;
}

// Local copies: read once per module, not through a module binding on every cell (tsx's CommonJS interop
// turns each imported constant into a getter call, which showed in the profile of the 100k-row bench).
const COLUMNS = MAX_COLUMNS;
const CELL_CHARS = MAX_CELL_CHARS;
const CELLS = MAX_CELLS;
const TEXT_CHARS = MAX_TEXT_CHARS;
const BYTES_PER_CELL = CELL_BYTES;
const BYTES_PER_ROW = ROW_BYTES;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

export function isOle(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== OLE_SIGNATURE[i]) return false;
  return true;
}

/** An Office file wrapped in OLE/CFB with an 'EncryptedPackage' stream is a password-protected XLSX. */
export function oleHasEncryptedPackage(bytes: Uint8Array): boolean {
  const name = 'EncryptedPackage';
  const first = name.charCodeAt(0);
  const limit = bytes.length - name.length * 2;
  for (let i = 0; i <= limit; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    let ok = true;
    for (let k = 1; k < name.length; k++) {
      if (bytes[i + 2 * k] !== name.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

/** Classify an OLE file: encrypted XLSX or a legacy .xls (both unreadable here, with different advice). */
export function oleError(bytes: Uint8Array, fileName: string): LedgerReadError {
  if (oleHasEncryptedPackage(bytes)) {
    return new LedgerReadError(
      'encrypted',
      `文件“${fileName}”设置了打开密码，无法读取。请在 Excel/WPS 中取消密码（文件 → 信息 → 保护工作簿）后另存一份再导入。`,
    );
  }
  return new LedgerReadError(
    'legacy-xls',
    `文件“${fileName}”是旧版 Excel 97-2003 格式（.xls），暂不支持。请在 Excel/WPS 中“另存为” Excel 工作簿（.xlsx）后再导入。`,
  );
}

// ---------------------------------------------------------------------------------------------
// XML text helpers

const ENTITY_RE = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));|_x([0-9a-fA-F]{4})_/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode XML entities (named and numeric) and Excel's _xHHHH_ escapes (e.g. _x000D_ for CR). */
export function decodeXmlText(s: string): string {
  if (s.indexOf('&') < 0 && s.indexOf('_x') < 0) return s;
  return s.replace(ENTITY_RE, (m, dec: string, hex: string, named: string, esc: string) => {
    if (dec) return safeFromCodePoint(parseInt(dec, 10), m);
    if (hex) return safeFromCodePoint(parseInt(hex, 16), m);
    if (named) return NAMED[named] ?? m;
    if (esc) return String.fromCharCode(parseInt(esc, 16));
    return m;
  });
}

function safeFromCodePoint(cp: number, fallback: string): string {
  return cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : fallback;
}

/** Where the value of attribute `name` inside the tag text s[start, end) begins (after its quote), or -1;
 * lets the hot cell loop look at an attribute without making a string of it. */
function attrAt(s: string, start: number, end: number, name: string): number {
  let i = s.indexOf(name, start);
  while (i >= 0 && i < end) {
    const before = s.charCodeAt(i - 1);
    const q = i + name.length;
    // must be a whole attribute name: preceded by whitespace, followed by =" or ='
    if ((before === 32 || before === 9 || before === 10 || before === 13) && s.charCodeAt(q) === 61) {
      const quote = s.charCodeAt(q + 1);
      if (quote === 34 || quote === 39) {
        const close = s.indexOf(quote === 34 ? '"' : "'", q + 2);
        return close < 0 || close > end ? -1 : q + 2;
      }
    }
    i = s.indexOf(name, i + 1);
  }
  return -1;
}

/** Value of attribute `name` inside the tag text s[start, end), or null. */
function attr(s: string, start: number, end: number, name: string): string | null {
  const at = attrAt(s, start, end, name);
  // attrAt found the closing quote (the one before `at`) within the tag
  return at < 0 ? null : s.slice(at, s.indexOf(s[at - 1]!, at));
}

/** Concatenated text of all <t> elements in a fragment (rich-text runs), skipping phonetic <rPh> runs. */
function richText(whole: string, from: number, to: number, p: string): string {
  // every search below stays inside the fragment: on the whole chunk a missing <rPh> was searched for to
  // the chunk's end once per cell, which made inline-string sheets quadratic
  const s = whole.slice(from, to);
  const start = 0;
  const end = s.length;
  const tOpen = '<' + p + 't';
  const tClose = '</' + p + 't>';
  const rPhOpen = '<' + p + 'rPh';
  const rPhClose = '</' + p + 'rPh>';
  let out = '';
  let i = start;
  let parts = 0;
  let rph = s.indexOf(rPhOpen, i); // cached: searched again only once passed
  while (i < end) {
    const t = s.indexOf(tOpen, i);
    if (t < 0 || t >= end) break;
    if (rph >= 0 && rph < i) rph = s.indexOf(rPhOpen, i);
    if (rph >= 0 && rph < t) {
      const close = s.indexOf(rPhClose, rph);
      i = close < 0 ? end : close + rPhClose.length;
      continue;
    }
    const after = s.charCodeAt(t + tOpen.length);
    if (after !== 62 && after !== 32 && after !== 47) {
      i = t + tOpen.length; // e.g. <tab>, not <t>
      continue;
    }
    const gt = s.indexOf('>', t);
    if (gt < 0) break;
    if (s.charCodeAt(gt - 1) === 47) {
      i = gt + 1; // <t/>
      continue;
    }
    const close = s.indexOf(tClose, gt);
    if (close < 0) break;
    const piece = s.slice(gt + 1, close);
    out = parts === 0 ? piece : out + piece;
    parts++;
    i = close + tClose.length;
  }
  return decodeXmlText(out);
}

/**
 * A copy of a text that does not keep the string it was cut from alive: V8 keeps a slice of 13 or more
 * characters as a view on its parent, so one cell kept an 8 MB segment of decoded XML (a 100k-row
 * inline-string sheet kept 166 MB for 18 MB of text). Appending forces a flat copy; the slice of that copy
 * views only the copy.
 */
function detach(s: string): string {
  return (s + ' ').slice(0, -1);
}

/** Namespace prefix of the root element ('' or e.g. 'x:'), since some generators write <x:row>. */
function rootPrefix(xml: string, localName: string): string {
  const re = new RegExp('<([A-Za-z_][\\w.-]*:)?' + localName + '[\\s>]');
  const m = re.exec(xml);
  return m?.[1] ?? '';
}

// ---------------------------------------------------------------------------------------------
// Package parts

interface SheetRef {
  name: string;
  path: string;
  hidden: boolean;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ('xl/' + target).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function parseRels(xml: string): Map<string, { target: string; type: string }> {
  const map = new Map<string, { target: string; type: string }>();
  const re = /<(?:\w+:)?Relationship\s([^>]*)>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const a = ' ' + (m[1] ?? '');
    const id = attr(a, 0, a.length, 'Id');
    const target = attr(a, 0, a.length, 'Target');
    const type = attr(a, 0, a.length, 'Type') ?? '';
    if (id && target) map.set(id, { target: decodeXmlText(target), type });
  }
  return map;
}

function parseWorkbook(xml: string, rels: Map<string, { target: string; type: string }>) {
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(xml);
  const sheets: SheetRef[] = [];
  const re = /<(?:\w+:)?sheet\s([^>]*?)\/?>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const a = ' ' + (m[1] ?? '');
    const name = decodeXmlText(attr(a, 0, a.length, 'name') ?? '');
    const rid = attr(a, 0, a.length, 'r:id') ?? /\s[\w]+:id\s*=\s*["']([^"']+)["']/.exec(a)?.[1] ?? null;
    const state = attr(a, 0, a.length, 'state');
    const rel = rid ? rels.get(rid) : undefined;
    if (!rel) continue;
    if (rel.type && !/\/worksheet$/.test(rel.type)) continue; // chartsheets, dialogsheets
    sheets.push({
      name,
      path: resolveTarget(rel.target),
      hidden: state === 'hidden' || state === 'veryHidden',
    });
  }
  return { date1904, sheets };
}

function parseSharedStrings(xml: string): string[] {
  const p = rootPrefix(xml, 'sst');
  const siOpen = '<' + p + 'si';
  const siClose = '</' + p + 'si>';
  const tOpen = '<' + p + 't>';
  const tClose = '</' + p + 't>';
  const out: string[] = [];
  let i = xml.indexOf(siOpen);
  while (i >= 0) {
    const gt = xml.indexOf('>', i);
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push(''); // <si/>
      i = xml.indexOf(siOpen, gt);
      continue;
    }
    const end = xml.indexOf(siClose, gt);
    if (end < 0) break;
    // fast path: <si><t>text</t></si>
    if (xml.startsWith(tOpen, gt + 1) && xml.startsWith(tClose, end - tClose.length)) {
      const inner = xml.slice(gt + 1 + tOpen.length, end - tClose.length);
      if (inner.indexOf('<') < 0) {
        out.push(decodeXmlText(inner));
        i = xml.indexOf(siOpen, end);
        continue;
      }
    }
    out.push(richText(xml, gt + 1, end, p));
    i = xml.indexOf(siOpen, end);
  }
  return out;
}

// Built-in number formats that display a date (incl. the zh-CN ones 27-31, 36, 50-58).
const BUILTIN_DATE_IDS = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** True when an Excel number-format code shows a calendar date (not only a time of day). */
export function isDateFormatCode(code: string): boolean {
  const cleaned = code
    .replace(/"[^"]*"/g, '') // quoted literals such as "年"
    .replace(/\\./g, '') // escaped characters
    .replace(/\[[^\]]*\]/g, '') // [Red], [$-804], [h]
    .split(';')[0]!; // the positive section decides
  return /[yde]/i.test(cleaned.replace(/General/gi, ''));
}

/** For each cellXfs index: does that style show the number as a date? */
function parseDateStyles(xml: string): boolean[] {
  const p = rootPrefix(xml, 'styleSheet');
  const custom = new Map<number, string>();
  const numFmtRe = new RegExp('<' + p + 'numFmt\\s([^>]*?)\\/?>', 'g');
  for (let m = numFmtRe.exec(xml); m; m = numFmtRe.exec(xml)) {
    const a = ' ' + (m[1] ?? '');
    const id = Number(attr(a, 0, a.length, 'numFmtId'));
    const code = attr(a, 0, a.length, 'formatCode');
    if (Number.isFinite(id) && code !== null) custom.set(id, decodeXmlText(code));
  }
  const out: boolean[] = [];
  const start = xml.indexOf('<' + p + 'cellXfs');
  if (start < 0) return out;
  const end = xml.indexOf('</' + p + 'cellXfs>', start);
  const section = xml.slice(start, end < 0 ? xml.length : end);
  const xfRe = new RegExp('<' + p + 'xf\\s([^>]*?)\\/?>', 'g');
  for (let m = xfRe.exec(section); m; m = xfRe.exec(section)) {
    const a = ' ' + (m[1] ?? '');
    const id = Number(attr(a, 0, a.length, 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_IDS.has(id));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Worksheet scanning

/** 0-based column index from a cell reference such as "AB12"; MAX_COLUMNS or more when beyond XFD. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    if (col > MAX_COLUMNS) return MAX_COLUMNS; // ZZZZZZZZZ1: stop before the number means anything
  }
  return col - 1;
}

/** columnOf for a reference that starts at s[at] (no string made). */
function columnAt(s: string, at: number): number {
  let col = 0;
  for (let i = at; ; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    if (col > MAX_COLUMNS) return MAX_COLUMNS;
  }
  return col - 1;
}

/** 0-based row index of a cell reference, or -1 when it has none. */
function rowOf(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) > 57) i++;
  const n = parseInt(ref.slice(i, i + 10), 10);
  return Number.isFinite(n) && n >= 1 ? n - 1 : -1;
}

/** A cell reference fit for a message (a hostile one can be megabytes long). */
function shortRef(ref: string): string {
  return ref.length > 24 ? ref.slice(0, 24) + '…' : ref;
}

interface SheetContext {
  /** The shared-string table, inflated and parsed the first time a cell needs it. */
  shared: () => string[];
  /** Date styles, read the first time a numeric cell has a style. */
  dateStyles: () => boolean[];
  date1904: boolean;
  maxRows: number;
  fileName: string;
  sheetName: string;
}

/** Counters shared by every sheet of one file: cells and text kept, against MAX_CELLS / MAX_TEXT_CHARS,
 * and the memory kept as the reader counts it (cells, strings, rows, shared strings) against maxBytes. */
interface FileBudget {
  cells: number;
  textChars: number;
  bytes: number;
  maxBytes: number;
}

/** Index just after the last "</row>" (or "</x:row>") ending at or before `limit`, or -1. */
function lastRowEnd(bytes: Uint8Array, from: number, limit: number): number {
  for (let i = limit - 1; i >= from + 5; i--) {
    if (bytes[i] !== 0x3e || bytes[i - 1] !== 0x77 || bytes[i - 2] !== 0x6f || bytes[i - 3] !== 0x72)
      continue;
    // "...row>" preceded by "</" or "</prefix:"
    let j = i - 4;
    if (bytes[j] === 0x3a) {
      while (j > from && bytes[j] !== 0x2f && bytes[j] !== 0x3c) j--;
    }
    if (bytes[j] === 0x2f && bytes[j - 1] === 0x3c) return i + 1;
  }
  return -1;
}

const CHUNK_BYTES = 8 * 1024 * 1024;

function tagSet(p: string) {
  return {
    sheetData: '<' + p + 'sheetData',
    rowOpen: '<' + p + 'row',
    rowClose: '</' + p + 'row>',
    cOpen: '<' + p + 'c',
    cClose: '</' + p + 'c>',
    vOpen: '<' + p + 'v',
    vClose: '</' + p + 'v>',
    isOpen: '<' + p + 'is',
    isClose: '</' + p + 'is>',
    plainT: '<' + p + 't>',
    tClose: '</' + p + 't>',
    mergeCellsOpen: '<' + p + 'mergeCells',
  };
}

/**
 * Scans worksheet XML as it is inflated: bytes are pushed in pieces, parsed whole rows at a time (8 MB
 * segments cut after a "</row>"), so the sheet's XML is never held whole. Every bound is checked on the
 * cell where it is crossed.
 */
class SheetScanner {
  private readonly rows: Cell[][] = [];
  private lastRow = -1;
  private prevRow = -1;
  private readonly merges: string[] = [];
  private p: string | null = null;
  private tags: ReturnType<typeof tagSet> | null = null;
  /** Inflated bytes not parsed yet, in one buffer reused for every segment (no 8 MB allocation and copy
   * per segment); grows only for a chunk or a row larger than it. */
  private buf = new Uint8Array(0);
  private len = 0;
  private flushAt = CHUNK_BYTES;
  private readonly decoder = new TextDecoder('utf-8');
  /** Bytes parsed so far (for progress). */
  consumed = 0;
  /** Some text of this sheet may hold an invisible or control character (each kept text is checked as it
   * is read, after entities are decoded; shared strings when parsed): when false, text hygiene need not look
   * at the cells one by one. */
  maybeUnsafe = false;
  /** The sheet took a value from the shared-string table. */
  usedShared = false;

  constructor(
    private readonly ctx: SheetContext,
    private readonly budget: FileBudget,
  ) {}

  push(chunk: Uint8Array): void {
    const need = this.len + chunk.length;
    if (need > this.buf.length) {
      const grown = new Uint8Array(Math.max(need, this.buf.length * 2, CHUNK_BYTES + 2 * 1024 * 1024));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(chunk, this.len);
    this.len = need;
    if (need >= this.flushAt) this.flush(false);
  }

  private flush(final: boolean): void {
    const buf = this.buf.subarray(0, this.len);
    let segment = buf;
    if (!final) {
      const cut = lastRowEnd(buf, 0, buf.length);
      if (cut <= 0) {
        // no complete row yet: keep collecting, up to the bound for one row
        if (buf.length > MAX_ROW_XML_BYTES) {
          throw new LedgerReadError(
            'too-large',
            ROW_TOO_LONG_MESSAGE(this.ctx.fileName, this.ctx.sheetName, `第 ${this.prevRow + 2} 行附近`),
          );
        }
        this.flushAt = buf.length * 2;
        return;
      }
      segment = buf.subarray(0, cut);
    }
    this.parseSegment(this.decoder.decode(segment), final);
    this.consumed += segment.length;
    // the unparsed tail (an incomplete row) moves to the front; decode copied what was parsed
    const rest = this.len - segment.length;
    if (rest > 0) this.buf.copyWithin(0, segment.length, this.len);
    this.len = rest;
    this.flushAt = rest + CHUNK_BYTES;
  }

  private fail(make: (file: string, sheet: string, place: string) => string, place: string): never {
    throw new LedgerReadError('too-large', make(this.ctx.fileName, this.ctx.sheetName, place));
  }

  private overBudget(place: string): never {
    throw new LedgerReadError(
      'too-large',
      MEMORY_BUDGET_MESSAGE(this.ctx.fileName, this.ctx.sheetName, place, this.budget.maxBytes),
    );
  }

  private parseSegment(s: string, final: boolean): void {
    const ctx = this.ctx;
    if (this.p === null) {
      this.p = rootPrefix(s, 'worksheet');
      this.tags = tagSet(this.p);
      const sd = s.indexOf(this.tags.sheetData);
      if (sd > 0) s = s.slice(sd);
    }
    const p = this.p;
    const t = this.tags!;
    const rows = this.rows;
    const budget = this.budget;
    let shared: string[] | null = null;
    let dateStyles: boolean[] | null = null;
    let i = 0;
    for (;;) {
      const r = s.indexOf(t.rowOpen, i);
      if (r < 0) break;
      const afterName = s.charCodeAt(r + t.rowOpen.length);
      if (afterName !== 32 && afterName !== 62 && afterName !== 47) {
        i = r + t.rowOpen.length; // <rowBreaks> etc.
        continue;
      }
      const rGt = s.indexOf('>', r);
      if (rGt < 0) break;
      const rAttr = attr(s, r, rGt, 'r');
      let rowIndex = rAttr !== null ? parseInt(rAttr.slice(0, 10), 10) - 1 : this.prevRow + 1;
      if (!(rowIndex >= 0)) rowIndex = this.prevRow + 1;
      this.prevRow = rowIndex;
      if (s.charCodeAt(rGt - 1) === 47) {
        i = rGt + 1; // <row .../> : an empty (formatted) row
        continue;
      }
      const rowEnd = s.indexOf(t.rowClose, rGt);
      const stop = rowEnd < 0 ? s.length : rowEnd;
      const cells: Cell[] = [];
      let hasValue = false;
      let col = -1;
      let elements = 0;
      let c = s.indexOf(t.cOpen, rGt);
      while (c >= 0 && c < stop) {
        const ch = s.charCodeAt(c + t.cOpen.length);
        if (ch !== 32 && ch !== 62 && ch !== 47) {
          c = s.indexOf(t.cOpen, c + 1);
          continue;
        }
        if (++elements > COLUMNS)
          this.fail(TOO_MANY_COLUMNS_MESSAGE, `第 ${rowIndex + 1} 行（该行超过 16384 个单元格）`);
        const cGt = s.indexOf('>', c);
        if (cGt < 0 || cGt > stop) break;
        const refAt = attrAt(s, c, cGt, 'r');
        col = refAt >= 0 ? columnAt(s, refAt) : col + 1;
        if (col >= COLUMNS || col < 0) {
          const ref = attr(s, c, cGt, 'r');
          this.fail(
            TOO_MANY_COLUMNS_MESSAGE,
            ref !== null ? `单元格 ${shortRef(ref)}` : `第 ${rowIndex + 1} 行第 ${col + 1} 个单元格`,
          );
        }
        if (s.charCodeAt(cGt - 1) === 47) {
          c = s.indexOf(t.cOpen, cGt);
          continue; // <c r="B2" s="3"/> : styled but empty
        }
        const cEndFound = s.indexOf(t.cClose, cGt);
        const cEnd = cEndFound < 0 || cEndFound > stop ? stop : cEndFound;
        const typeAt = attrAt(s, c, cGt, 't');
        const type =
          typeAt < 0
            ? null
            : s.startsWith('inlineStr', typeAt) && s.charCodeAt(typeAt + 9) === s.charCodeAt(typeAt - 1)
              ? 'inlineStr' // no string made for the commonest long type
              : attr(s, c, cGt, 't');
        let value: Cell = null;
        let ownText = true;
        if (type === 'inlineStr') {
          const is = s.indexOf(t.isOpen, cGt);
          if (is >= 0 && is < cEnd) {
            // fast path, as for shared strings: <is><t>text</t></is>
            const body = is + t.isOpen.length + 1;
            const tEnd = s.startsWith(t.plainT, body) ? s.indexOf(t.tClose, body) : -1;
            if (
              tEnd > 0 &&
              tEnd < cEnd &&
              s.startsWith(t.isClose, tEnd + t.tClose.length) &&
              s.charCodeAt(body - 1) === 62
            ) {
              const inner = s.slice(body + t.plainT.length, tEnd);
              value = inner.indexOf('<') < 0 ? decodeXmlText(inner) : richText(s, is, cEnd, p);
            } else value = richText(s, is, cEnd, p);
          }
        } else {
          const v = s.indexOf(t.vOpen, cGt);
          if (v >= 0 && v < cEnd) {
            const vGt = s.indexOf('>', v);
            if (s.charCodeAt(vGt - 1) !== 47) {
              const vClose = s.indexOf(t.vClose, vGt);
              const raw = s.slice(vGt + 1, vClose < 0 || vClose > cEnd ? cEnd : vClose);
              if (type === null || type === 'n') {
                const n = Number(raw);
                if (raw === '' || Number.isNaN(n)) value = raw === '' ? null : raw;
                else {
                  const st = attr(s, c, cGt, 's');
                  if (st !== null) dateStyles ??= ctx.dateStyles();
                  value =
                    st !== null && dateStyles![parseInt(st, 10)] ? excelSerialToIso(n, ctx.date1904) : n;
                  if (value === null) value = n;
                }
              } else if (type === 's') {
                shared ??= ctx.shared();
                value = shared[parseInt(raw, 10)] ?? '';
                ownText = false;
              } else if (type === 'b') {
                value = raw === '1' || raw === 'true' ? 'TRUE' : 'FALSE';
              } else if (type === 'd') {
                value = decodeXmlText(raw).slice(0, 10); // ISO 8601 date-time cell
              } else {
                value = decodeXmlText(raw); // 'str' (formula text), 'e' (#N/A ...)
              }
            }
          }
        }
        if (value !== null && value !== '') {
          if (typeof value === 'string') {
            if (value.length > CELL_CHARS) {
              throw new LedgerReadError(
                'too-large',
                CELL_TOO_LONG_MESSAGE(
                  ctx.fileName,
                  ctx.sheetName,
                  `单元格 ${columnLetters(col)}${rowIndex + 1}`,
                  value.length,
                ),
              );
            }
            if (ownText) {
              if (value.length >= 13) value = detach(value);
              if (!this.maybeUnsafe && hasSuspectCodeUnit(value)) this.maybeUnsafe = true;
              budget.textChars += value.length;
              budget.bytes += 16 + value.length * 2; // header and UTF-16 text
            }
          }
          if (++budget.cells > CELLS || budget.textChars > TEXT_CHARS)
            this.fail(TOO_MANY_CELLS_MESSAGE, `单元格 ${columnLetters(col)}${rowIndex + 1}`);
          // the cell, and the empty cells before it in its row (24 bytes each: the 8-byte slot, the slack of
          // an array grown one push at a time and the copies left behind as it grows)
          budget.bytes += BYTES_PER_CELL + (col > cells.length ? (col - cells.length) * 24 : 0);
          if (budget.bytes > budget.maxBytes) this.overBudget(`单元格 ${columnLetters(col)}${rowIndex + 1}`);
          while (cells.length < col) cells.push(null);
          cells[col] = value;
          hasValue = true;
        }
        c = cEndFound < 0 || cEndFound > stop ? -1 : s.indexOf(t.cOpen, cEnd);
      }
      if (hasValue) {
        if (rowIndex >= ctx.maxRows)
          throw new LedgerReadError(
            'too-large',
            TOO_MANY_ROWS_MESSAGE(ctx.fileName, ctx.sheetName, rowIndex + 1),
          );
        // the row, and the empty rows a jump in row numbers leaves before it
        budget.bytes += BYTES_PER_ROW * (rowIndex > this.lastRow + 1 ? rowIndex - this.lastRow : 1);
        if (budget.bytes > budget.maxBytes) this.overBudget(`第 ${rowIndex + 1} 行`);
        rows[rowIndex] = cells;
        if (rowIndex > this.lastRow) this.lastRow = rowIndex;
      }
      if (rowEnd < 0) break;
      i = rowEnd + t.rowClose.length;
    }
    if (final) {
      // the tail holds <mergeCells> (after </sheetData>)
      const mc = s.indexOf(t.mergeCellsOpen, i);
      if (mc >= 0) {
        const re =
          /<(?:\w+:)?mergeCell\s[^>]*?ref\s*=\s*["']([A-Za-z]{1,8}\d{1,8}):([A-Za-z]{1,8}\d{1,8})["']/g;
        re.lastIndex = mc;
        for (let m = re.exec(s); m; m = re.exec(s)) {
          if (this.merges.length >= MAX_MERGES)
            throw new LedgerReadError('too-large', TOO_MANY_MERGES_MESSAGE(ctx.fileName, ctx.sheetName));
          this.merges.push(m[1]! + ':' + m[2]!);
        }
      }
    }
  }

  finish(): Cell[][] {
    this.flush(true);
    const rows = this.rows;
    // holes (skipped rows) become empty rows so that indexes stay spreadsheet row numbers - 1
    rows.length = this.lastRow + 1;
    for (let r = 0; r <= this.lastRow; r++) if (rows[r] === undefined) rows[r] = [];
    this.applyMerges();
    return rows;
  }

  /**
   * Fill each merged range with its top-left value (as Excel shows it), clipped to the used range: the
   * widest row's columns, and only the rows that hold a cell of their own (besides the range's first row).
   * `A1:XFD999999` on a 2 KB sheet fills nothing beyond its data, even when one stray cell at row 999,999
   * makes a million rows exist: the empty rows between stay empty instead of becoming a million rows of
   * the title (2 GB in `ledger check`). The area filled counts against the cell budget, so overlapping
   * merges cannot run for hours.
   */
  private applyMerges(): void {
    const rows = this.rows;
    if (this.merges.length === 0) return;
    let width = 0;
    // the rows with a cell of their own, ascending (before any merge fills one)
    const own: number[] = [];
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (row.length > width) width = row.length;
      if (row.some((c) => c !== null && c !== undefined)) own.push(r);
    }
    for (const m of this.merges) {
      const [a, b] = m.split(':') as [string, string];
      const r1 = rowOf(a);
      const c1 = columnOf(a);
      const r2 = Math.min(rowOf(b), rows.length - 1);
      const c2 = Math.min(columnOf(b), width - 1);
      if (r1 < 0 || c1 < 0 || r1 > r2 || c1 > c2) continue;
      const value = rows[r1]?.[c1] ?? null;
      if (value === null) continue;
      // the top-left cell is r1's own, so r1 is among `own`; the range's rows are own[from .. to - 1]
      const from = lowerBound(own, r1);
      const to = lowerBound(own, r2 + 1);
      const area = (to - from) * (c2 - c1 + 1) - 1;
      this.budget.cells += area;
      if (this.budget.cells > CELLS) this.fail(TOO_MANY_CELLS_MESSAGE, `合并区域 ${shortRef(m)}`);
      this.budget.bytes += area * 8;
      if (this.budget.bytes > this.budget.maxBytes) this.overBudget(`合并区域 ${shortRef(m)}`);
      for (let i = from; i < to; i++) {
        const row = rows[own[i]!]!;
        while (row.length <= c2) row.push(null);
        for (let c = c1; c <= c2; c++) if (row[c] === null || row[c] === undefined) row[c] = value;
      }
    }
  }
}

/** The first index of ascending `sorted` whose value is at least `value` (sorted.length when none is). */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------

function zipFailure(e: ZipError, fileName: string): LedgerReadError {
  const pr = e.problem;
  if (pr.kind === 'too-large')
    return new LedgerReadError('too-large', INFLATED_TOO_LARGE_MESSAGE(fileName, pr.entry, pr.bytes));
  if (pr.kind === 'encrypted')
    return new LedgerReadError(
      'encrypted',
      `文件“${fileName}”的压缩包内容（${pr.entry}）被加密，无法读取。请在 Excel/WPS 中打开后另存为 .xlsx 再导入。`,
    );
  return new LedgerReadError('corrupt', ZIP_CORRUPT_MESSAGE(fileName, pr.entry));
}

/** Read every worksheet of an XLSX package. Throws LedgerReadError with a Chinese message. */
export function readXlsx(bytes: Uint8Array, fileName: string, options: ReadXlsxOptions = {}): WorkbookData {
  if (bytes.length > MAX_FILE_BYTES)
    throw new LedgerReadError('too-large', TOO_LARGE_FILE_MESSAGE(fileName, bytes.length));
  if (isOle(bytes)) throw oleError(bytes, fileName);
  if (!isZip(bytes)) {
    throw new LedgerReadError(
      'not-spreadsheet',
      `文件“${fileName}”不是 Excel 工作簿（.xlsx），也不是 CSV 表格，无法读取。`,
    );
  }
  try {
    return readPackage(bytes, fileName, options);
  } catch (e) {
    if (e instanceof LedgerReadError) throw e;
    if (e instanceof ZipError) throw zipFailure(e, fileName);
    throw new LedgerReadError(
      'corrupt',
      `文件“${fileName}”的内容结构有误，无法读取（${describeEngineError(e)}）。请在 Excel/WPS 中打开后另存为 .xlsx 再导入。`,
    );
  }
}

function readPackage(bytes: Uint8Array, fileName: string, options: ReadXlsxOptions): WorkbookData {
  const entries = new Map<string, ZipEntry>();
  for (const e of listZipEntries(bytes)) {
    const key = e.name.toLowerCase();
    if (entries.has(key)) throw new ZipError({ kind: 'corrupt', entry: e.name, detail: 'duplicate entry' });
    entries.set(key, e);
  }
  const budget: InflateBudget = { remaining: MAX_INFLATED_BYTES };
  const entry = (path: string) => entries.get(path.toLowerCase());
  const wbEntry = entry('xl/workbook.xml');
  if (!wbEntry) {
    const names = [...entries.keys()];
    const isDocx = names.some((n) => n.startsWith('word/'));
    const isPptx = names.some((n) => n.startsWith('ppt/'));
    const what = isDocx
      ? '一个 Word 文档'
      : isPptx
        ? '一个 PowerPoint 演示文稿'
        : '一个压缩包，不是 Excel 工作簿';
    throw new LedgerReadError(
      'not-spreadsheet',
      `文件“${fileName}”是${what}，无法作为台账读取。请选择 .xlsx 或 .csv 表格。`,
    );
  }
  const decoder = new TextDecoder('utf-8');
  const text = (path: string): string | null => {
    const e = entry(path);
    if (!e) return null;
    options.onInflate?.(e.name);
    return decoder.decode(inflateEntryToBytes(bytes, e, budget));
  };
  const rels = parseRels(text('xl/_rels/workbook.xml.rels') ?? '');
  const { date1904, sheets: refs } = parseWorkbook(text('xl/workbook.xml') ?? '', rels);
  let sstPath = 'xl/sharedStrings.xml';
  let stylesPath = 'xl/styles.xml';
  for (const rel of rels.values()) {
    if (/\/sharedStrings$/.test(rel.type)) sstPath = resolveTarget(rel.target);
    if (/\/styles$/.test(rel.type)) stylesPath = resolveTarget(rel.target);
  }
  const fileBudget: FileBudget = {
    cells: 0,
    textChars: 0,
    bytes: 0,
    maxBytes: options.maxParseBytes ?? MAX_PARSE_BYTES,
  };
  // The shared strings and styles are read when a cell first needs them (an inline-string sheet never
  // inflates a shared-string part), once per file.
  let shared: string[] | null = null;
  let sharedUnsafe = false;
  const getShared = (): string[] => {
    if (shared) return shared;
    const xml = text(sstPath);
    shared = xml ? parseSharedStrings(xml) : [];
    let bytesKept = 0;
    for (let k = 0; k < shared.length; k++) {
      const str = shared[k]!;
      if (str.length >= 13) shared[k] = detach(str);
      if (!sharedUnsafe && hasSuspectCodeUnit(str)) sharedUnsafe = true;
      bytesKept += BYTES_PER_CELL + str.length * 2;
    }
    fileBudget.bytes += bytesKept;
    if (fileBudget.bytes > fileBudget.maxBytes) {
      throw new LedgerReadError(
        'too-large',
        MEMORY_BUDGET_MESSAGE(
          fileName,
          undefined,
          `共享字符串表（${shared.length} 项）`,
          fileBudget.maxBytes,
        ),
      );
    }
    return shared;
  };
  let dateStyles: boolean[] | null = null;
  const getDateStyles = (): boolean[] => {
    if (dateStyles) return dateStyles;
    const xml = text(stylesPath);
    dateStyles = xml ? parseDateStyles(xml) : [];
    return dateStyles;
  };

  const maxRows = options.maxRows ?? MAX_ROWS;
  const sheets: SheetData[] = refs.map((ref) => ({
    name: ref.name,
    rows: [],
    hidden: ref.hidden,
    unread: true,
  }));
  let total = 0;
  let before = 0;
  const readSheet = (k: number): SheetData => {
    const ref = refs[k]!;
    const e = entry(ref.path);
    const sheet: SheetData = { name: ref.name, rows: [], hidden: ref.hidden };
    sheets[k] = sheet;
    if (!e) return sheet;
    const scanner = new SheetScanner(
      {
        shared: () => {
          scanner.usedShared = true;
          return getShared();
        },
        dateStyles: getDateStyles,
        date1904,
        maxRows,
        fileName,
        sheetName: ref.name,
      },
      fileBudget,
    );
    total += e.size;
    let seen = 0;
    let reported = 0;
    options.onInflate?.(e.name);
    inflateEntry(bytes, e, budget, (chunk) => {
      scanner.push(chunk);
      seen += chunk.length;
      if (seen - reported >= 4 * 1024 * 1024) {
        reported = seen;
        options.onProgress?.(before + seen, total);
      }
    });
    sheet.rows = scanner.finish();
    if (!scanner.maybeUnsafe && !(scanner.usedShared && sharedUnsafe)) sheet.textClean = true;
    before += e.size;
    options.onProgress?.(before, total);
    return sheet;
  };

  const pick = options.sheet;
  if (options.allSheets) {
    for (let k = 0; k < refs.length; k++) readSheet(k);
  } else if (pick !== undefined) {
    const k =
      typeof pick === 'number' ? pick : refs.findIndex((r) => r.name === pick || cleanText(r.name) === pick);
    if (k >= 0 && k < refs.length) readSheet(k);
  } else {
    // the sheet offered by default: the first visible one with data, else the first hidden one with data
    const hasData = options.hasData ?? ((rows: Cell[][]) => rows.length > 0);
    const order = [
      ...refs.flatMap((r, k) => (r.hidden ? [] : [k])),
      ...refs.flatMap((r, k) => (r.hidden ? [k] : [])),
    ];
    for (const k of order) if (hasData(readSheet(k).rows)) break;
  }
  return { kind: 'xlsx', sheets };
}
