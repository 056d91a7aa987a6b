// The DOCX package: the parts as the docx library writes them, with the office's fixes, zipped once. The font table
// is written whole (each official face with its fallback name); the fixes the library has no option for are made
// to its XML here: the built-in English styles it always writes are dropped, the paragraph flags that keep the
// 28-character line (no CJK–Latin auto-spacing, no hanging punctuation, paragraph grid off where the text is off the
// grid) are written into the styles and every paragraph, in schema order.

import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { DOCX_STYLES, fontTableXml } from './styles';

const UNUSED_STYLES = /^(Title|Heading[1-6]|Strong|ListParagraph|Caption|Bibliography|TOC[1-9])$/;
/** Styles whose text is set off the 28-cell character grid (paragraph-level snapToGrid off). */
const OFF_GRID_STYLES = new Set<string>([
  DOCX_STYLES.title.id,
  DOCX_STYLES.table.id,
  DOCX_STYLES.footerNote.id,
  DOCX_STYLES.head.id,
]);

function patchStyles(xml: string): string {
  let out = xml.replace(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>[\s\S]*?<\/w:style>/g, (all, id: string) =>
    UNUSED_STYLES.test(id) ? '' : all,
  );
  // Paragraph-level grid and CJK–Latin auto-spacing: off where the text is not on the grid; auto-spacing off
  // everywhere (it would widen every line holding digits and break the 28-character line).
  out = out.replace(
    /(<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>(?:(?!<\/w:style>)[\s\S])*?)(<w:pPr>|<w:pPr\/>)/g,
    (all, head: string, id: string, ppr: string) => {
      if (ppr === '<w:pPr/>') return all;
      const extra =
        (id === 'Normal'
          ? '<w:widowControl w:val="0"/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
          : '') +
        // Word processors paginate the body: no line of a paragraph alone at a page's top or foot.
        (id === DOCX_STYLES.body.id ? '<w:widowControl w:val="1"/>' : '') +
        (OFF_GRID_STYLES.has(id) ? '<w:snapToGrid w:val="0"/>' : '');
      return extra === '' ? all : `${head}${ppr}${extra}`;
    },
  );
  return out;
}

/**
 * Moves w:autoSpaceDE/DN and w:snapToGrid into schema order inside each style's pPr: they must come after
 * keepNext…widowControl…pBdr… and before spacing. Word rejects out-of-order children; placing them right after
 * the opening tag is valid only before w:pStyle-free elements, so they are moved in front of w:spacing/w:ind/w:jc.
 */
function orderPPr(xml: string): string {
  return xml.replace(/<w:pPr>([\s\S]*?)<\/w:pPr>/g, (all, inner: string) => {
    const moved: string[] = [];
    let rest = inner.replace(
      /<w:(widowControl|overflowPunct|autoSpaceDE|autoSpaceDN|snapToGrid) w:val="[01]"\/>/g,
      (m) => {
        moved.push(m);
        return '';
      },
    );
    if (moved.length === 0) return all;
    const order = ['widowControl', 'overflowPunct', 'autoSpaceDE', 'autoSpaceDN', 'snapToGrid'];
    moved.sort((a, b) => order.findIndex((o) => a.includes(o)) - order.findIndex((o) => b.includes(o)));
    // Elements that come after snapToGrid in CT_PPrBase.
    const later =
      /<w:(spacing|ind|contextualSpacing|mirrorIndents|suppressOverlap|jc|textDirection|textAlignment|textboxTightWrap|outlineLvl|divId|cnfStyle|rPr|sectPr|pPrChange)\b/.exec(
        rest,
      );
    const at = later ? later.index : rest.length;
    rest = rest.slice(0, at) + moved.join('') + rest.slice(at);
    return `<w:pPr>${rest}</w:pPr>`;
  });
}

const PARAGRAPH_FLAGS = '<w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>';

/** The office's fixes to one package part (font table, styles, paragraph flags); null: leave it as written. */
function patchPart(name: string, xml: () => string): string | null {
  if (name === 'word/fontTable.xml') return fontTableXml();
  if (name === 'word/styles.xml') return orderPPr(patchStyles(xml()));
  // LibreOffice reads auto-spacing and hanging punctuation from the paragraph, not from its style: every
  // paragraph states them (as WPS does when it saves).
  if (/^word\/(document|header\d+|footer\d+)\.xml$/.test(name)) {
    return orderPPr(
      xml()
        .replace(/<w:p>(?!<w:pPr)/g, '<w:p><w:pPr></w:pPr>')
        .replace(/<w:pPr>/g, `<w:pPr>${PARAGRAPH_FLAGS}`)
        .replace(/<w:pPr\/>/g, `<w:pPr>${PARAGRAPH_FLAGS}</w:pPr>`),
    );
  }
  return null;
}

type PackageParts = Map<string, string | Uint8Array | ArrayBuffer>;
interface DocxCompiler {
  compile(file: Document, prettify?: undefined, overrides?: readonly unknown[]): PackageParts;
}

/**
 * Writes the package once: the parts as the docx library produces them (its Packer's own compiler), patched,
 * then zipped a single time. (Packing first and patching after would inflate and deflate every part twice.)
 * Falls back to that slower route if a docx release hides its compiler.
 */
export async function writePackage(document: Document): Promise<Uint8Array> {
  const compiler = (Packer as unknown as { compiler?: DocxCompiler }).compiler;
  const parts = typeof compiler?.compile === 'function' ? compiler.compile(document, undefined, []) : null;
  // [Content_Types].xml first, as Word writes it (some readers sniff the first entry).
  const files: Record<string, Uint8Array> = { '[Content_Types].xml': new Uint8Array(0) };
  if (parts instanceof Map) {
    for (const [name, data] of parts) {
      const text = (): string =>
        typeof data === 'string' ? data : strFromU8(data instanceof Uint8Array ? data : new Uint8Array(data));
      const patched = patchPart(name, text);
      files[name] =
        patched !== null
          ? strToU8(patched)
          : typeof data === 'string'
            ? strToU8(data)
            : data instanceof Uint8Array
              ? data
              : new Uint8Array(data);
    }
    if (!files['word/fontTable.xml']) files['word/fontTable.xml'] = strToU8(fontTableXml());
  } else {
    const unpacked = unzipSync(new Uint8Array(await Packer.toArrayBuffer(document)));
    for (const [name, data] of Object.entries(unpacked)) {
      const patched = patchPart(name, () => strFromU8(data));
      files[name] = patched !== null ? strToU8(patched) : data;
    }
  }
  return zipSync(files, { level: 6 });
}
