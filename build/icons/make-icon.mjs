#!/usr/bin/env node
// Draws the application icon (a case file with a review tick on a blue tile) and writes PNGs of
// the sizes electron-builder wants. No image library: pixels are computed here, zlib packs them.
// Usage: node build/icons/make-icon.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in a unit square (0..1); later shapes paint over earlier ones.
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const nearSegment = (x, y, ax, ay, bx, by, w) => {
  const t = Math.max(
    0,
    Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= w * w;
};
function colourAt(x, y) {
  let c = null;
  if (inRoundRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2)) c = [31, 78, 140, 255]; // tile
  if (inRoundRect(x, y, 0.24, 0.16, 0.76, 0.84, 0.04)) c = [255, 255, 255, 255]; // case file
  for (const ly of [0.3, 0.4, 0.5]) {
    if (inRoundRect(x, y, 0.32, ly - 0.018, 0.68, ly + 0.018, 0.018)) c = [170, 186, 208, 255]; // text lines
  }
  if (nearSegment(x, y, 0.4, 0.66, 0.5, 0.75, 0.04) || nearSegment(x, y, 0.5, 0.75, 0.7, 0.55, 0.04)) {
    c = [200, 38, 38, 255]; // review tick
  }
  return c;
}

function render(size) {
  const samples = 4; // supersampling for smooth edges
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!c) continue;
          for (let i = 0; i < 3; i++) acc[i] += c[i] * (c[3] / 255);
          acc[3] += c[3];
        }
      }
      const n = samples * samples;
      const alpha = acc[3] / n;
      const o = (py * size + px) * 4;
      for (let i = 0; i < 3; i++) rgba[o + i] = alpha > 0 ? Math.round((acc[i] / n) * (255 / alpha)) : 0;
      rgba[o + 3] = Math.round(alpha);
    }
  }
  return encodePng(size, rgba);
}

const icon512 = render(512);
writeFileSync(path.join(here, 'icon.png'), icon512);
writeFileSync(path.join(here, '512x512.png'), icon512);
for (const size of [256, 128, 64, 32, 16])
  writeFileSync(path.join(here, `${size}x${size}.png`), render(size));
console.log('图标已生成 / icons written:', here);
