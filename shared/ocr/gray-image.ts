// A page image as the OCR engine reads it: one byte of gray per pixel, row by row. The worker turns a
// rendered page (RGBA) into this; the tests make it from pdftoppm's PGM.

export interface GrayImage {
  width: number;
  height: number;
  /** width × height bytes, 0 = black, 255 = white. */
  data: Uint8Array;
}

/** RGBA (canvas ImageData) to gray with the usual luma weights. */
export function grayFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): GrayImage {
  if (rgba.length !== width * height * 4) throw new Error('图像数据长度与宽高不符');
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    data[i] = (rgba[j]! * 299 + rgba[j + 1]! * 587 + rgba[j + 2]! * 114 + 500) / 1000;
  }
  return { width, height, data };
}

/** Bilinear sample of a gray image at a real position (white outside the image). */
export function sampleGray(img: GrayImage, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (xx: number, yy: number): number =>
    xx < 0 || yy < 0 || xx >= img.width || yy >= img.height ? 255 : img.data[yy * img.width + xx]!;
  const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
  const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy;
}

/** A region of a gray image resized to the given size (bilinear; area-averaged enough for OCR input). */
export function resizeRegion(
  img: GrayImage,
  region: { x: number; y: number; w: number; h: number },
  width: number,
  height: number,
): Float32Array {
  const out = new Float32Array(width * height);
  const sx = region.w / width;
  const sy = region.h / height;
  for (let y = 0; y < height; y++) {
    const srcY = region.y + (y + 0.5) * sy - 0.5;
    for (let x = 0; x < width; x++) {
      out[y * width + x] = sampleGray(img, region.x + (x + 0.5) * sx - 0.5, srcY);
    }
  }
  return out;
}

/**
 * The whole image shrunk to width × height by averaging each target pixel's source area (a summed-area
 * table), so thin strokes survive a large reduction as grey rather than vanishing between samples.
 */
export function shrinkByArea(img: GrayImage, width: number, height: number): Float32Array {
  const { width: w, height: h, data } = img;
  const sat = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += data[y * w + x]!;
      sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1]! + row;
    }
  }
  const out = new Float32Array(width * height);
  const sx = w / width;
  const sy = h / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.min(h, Math.floor((y + 1) * sy)));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.min(w, Math.floor((x + 1) * sx)));
      const sum =
        sat[y1 * (w + 1) + x1]! - sat[y0 * (w + 1) + x1]! - sat[y1 * (w + 1) + x0]! + sat[y0 * (w + 1) + x0]!;
      out[y * width + x] = sum / ((x1 - x0) * (y1 - y0));
    }
  }
  return out;
}
