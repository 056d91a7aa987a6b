// User font files for the PDF (仿宋 / 小标宋): only single TrueType-outline fonts subset correctly with
// pdf-lib + fontkit (CFF subsets render blank without a system copy; collections cannot be embedded).

const tag = (b: Uint8Array, at: number): string =>
  String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/** Null when the bytes are a single TrueType-outline font, else a Chinese reason naming the file. */
export function checkTrueTypeFont(bytes: Uint8Array, fileName: string): string | null {
  if (bytes.length < 12) return `“${fileName}”不是字体文件（文件太小）。`;
  const head = tag(bytes, 0);
  if (head === 'ttcf') {
    return `“${fileName}”是字体集合（.ttc），无法嵌入 PDF：请选择单个 TrueType 字体文件（.ttf）。`;
  }
  if (head === 'OTTO') {
    return `“${fileName}”是 CFF 轮廓字体（多为 .otf），嵌入后在未安装该字体的电脑上会显示空白：请选择 TrueType 轮廓的 .ttf 字体文件。`;
  }
  if (head === 'wOFF' || head === 'wOF2')
    return `“${fileName}”是网页字体（WOFF），请选择 TrueType 字体文件（.ttf）。`;
  const isTrue = (bytes[0] === 0 && bytes[1] === 1 && bytes[2] === 0 && bytes[3] === 0) || head === 'true';
  if (!isTrue) return `“${fileName}”不是 TrueType 字体文件：请选择 .ttf 字体文件。`;
  const numTables = (bytes[4]! << 8) | bytes[5]!;
  if (bytes.length < 12 + numTables * 16) return `“${fileName}”字体文件不完整（表目录被截断）。`;
  const tables = new Set<string>();
  for (let i = 0; i < numTables; i++) tables.add(tag(bytes, 12 + i * 16));
  if (!tables.has('glyf') || !tables.has('loca')) {
    return `“${fileName}”没有 TrueType 字形轮廓（glyf 表），无法嵌入 PDF：请选择 TrueType 轮廓的 .ttf 字体文件。`;
  }
  if (!tables.has('cmap')) return `“${fileName}”缺少字符映射表（cmap），无法用于中文排版。`;
  return null;
}
