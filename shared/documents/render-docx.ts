// DOCX rendering of an OfficialDocument with `docx` v9: the editable copy a clerk opens in WPS or Word (the PDF is
// the archival one). One paragraph per paragraph — headings, body, table cells — with its named style (公文标题,
// 一级标题 … 四级标题, 公文正文, 表格文字) and outline level; the styles and the line grid give 22 lines of 28
// characters, and the word processor breaks lines and pages itself: headings keep with the next paragraph and
// keep their lines together, body paragraphs have widow control (as the PDF layout does), table rows never split
// and header rows repeat, the last body paragraph keeps with the 附件说明 and the 署名 so the seal block never
// stands alone. Only the title keeps the layout's balanced explicit breaks. The head (发文机关标志, 发文字号, red
// rules) is placed absolutely in the first-page header at the PDF's positions; the 版记 lines are frames at their
// grid lines at the foot of the 版心, anchored at the end of the document, so they follow the last page. The font
// table names fallbacks (仿宋_GB2312 → 仿宋 → FangSong …); runs are tagged zh-CN.
//
// The parts, in docx/: styles.ts (fonts, geometry, named styles, heading list), blocks.ts (the text flow),
// page-plan.ts (head, 版记, footers, sections), package.ts (the zip and the XML the library cannot write).

import { Document } from 'docx';
import { validateDocument, type OfficialDocument } from './layout-model';
import { layoutDocument } from './layout';
import { layoutWithFonts, type DocumentFonts } from './measure';
import { documentBody } from './docx/blocks';
import { sections } from './docx/page-plan';
import { writePackage } from './docx/package';
import { HEADING_NUMBERING } from './docx/styles';

export {
  DOCX_CONDENSE,
  DOCX_FONTS,
  DOCX_FONT_FALLBACKS,
  DOCX_GEOMETRY,
  DOCX_STYLES,
  chineseCounting,
} from './docx/styles';

/**
 * Renders an official document to DOCX bytes; works in Node, browsers and Workers. With the PDF's fonts the
 * layout is measured exactly as the PDF's (pass the same fonts to both for the same pages); without them,
 * CJK characters count one cell and others half a cell.
 */
export async function renderDocx(doc: OfficialDocument, fonts?: DocumentFonts): Promise<Uint8Array> {
  const errors = validateDocument(doc);
  if (errors.length > 0) throw new Error(`公文无法生成：${errors.join('')}`);
  const layout = fonts ? layoutWithFonts(doc, fonts) : layoutDocument(doc);
  const document = new Document({
    creator: '评查台',
    lastModifiedBy: '评查台',
    title: doc.title,
    subject: doc.docNumber ?? '',
    description: doc.docNumber ? `发文字号：${doc.docNumber}` : '',
    evenAndOddHeaderAndFooters: true,
    numbering: HEADING_NUMBERING,
    sections: sections(doc, layout, documentBody(doc, layout)),
  });
  return writePackage(document);
}
