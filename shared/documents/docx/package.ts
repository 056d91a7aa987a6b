// The DOCX package: the parts as the docx library writes them, zipped once. The font table and the styles part are
// written whole by styles.ts (each official face with its fallback name; the 公文 styles with their paragraph
// properties in schema order and none of the library's English built-in styles); the paragraphs carry their
// flags from gwParagraph. Nothing is repaired after the library has written it.

import { Packer, type Document } from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { fontTableXml, stylesXml } from './styles';

/** The parts written here rather than by the library; null: keep the library's part as it is. */
function ownPart(name: string): string | null {
  if (name === 'word/fontTable.xml') return fontTableXml();
  if (name === 'word/styles.xml') return stylesXml();
  return null;
}

type PackageParts = Map<string, string | Uint8Array | ArrayBuffer>;
interface DocxCompiler {
  compile(file: Document, prettify?: undefined, overrides?: readonly unknown[]): PackageParts;
}

/**
 * Writes the package once: the parts as the docx library produces them (its Packer's own compiler) and the two
 * written here, zipped a single time. (Packing first and swapping parts after would inflate and deflate every
 * part twice.)
 * Falls back to that slower route if a docx release hides its compiler.
 */
export async function writePackage(document: Document): Promise<Uint8Array> {
  const compiler = (Packer as unknown as { compiler?: DocxCompiler }).compiler;
  const parts = typeof compiler?.compile === 'function' ? compiler.compile(document, undefined, []) : null;
  // [Content_Types].xml first, as Word writes it (some readers sniff the first entry).
  const files: Record<string, Uint8Array> = { '[Content_Types].xml': new Uint8Array(0) };
  if (parts instanceof Map) {
    for (const [name, data] of parts) {
      const own = ownPart(name);
      files[name] =
        own !== null
          ? strToU8(own)
          : typeof data === 'string'
            ? strToU8(data)
            : data instanceof Uint8Array
              ? data
              : new Uint8Array(data);
    }
    for (const name of ['word/fontTable.xml', 'word/styles.xml'])
      if (!files[name]) files[name] = strToU8(ownPart(name) as string);
  } else {
    const unpacked = unzipSync(new Uint8Array(await Packer.toArrayBuffer(document)));
    for (const [name, data] of Object.entries(unpacked)) {
      const own = ownPart(name);
      files[name] = own !== null ? strToU8(own) : data;
    }
  }
  return zipSync(files, { level: 6 });
}
