// Pins: a region of a page of a case file, kept in the page's own unrotated coordinates normalised
// to 0..1, so a pin drawn at any zoom and rotation shows in the same place at any other.

import { z } from 'zod';

/** Rotation of the page as shown, clockwise, in quarter turns. */
export type Rotation = 0 | 90 | 180 | 270;

/** A rectangle normalised to the unrotated page: x, y from its top-left corner, all within 0..1. */
export interface NormRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface CasePin {
  /** SHA-256 of the case file the pin is on. */
  fileSha256: string;
  /** Page index, 0-based. */
  page: number;
  rect: NormRect;
}

const unit = z.number({ error: '标注位置须为数字' }).min(0).max(1);

/** A pin as stored and carried in packages: the rectangle lies within the page. */
export const casePinSchema = z
  .object({
    fileSha256: z.string().regex(/^[0-9a-f]{64}$/, { message: '标注所在文件的 SHA-256 应为 64 位十六进制' }),
    page: z.number().int().min(0, { message: '标注页码无效' }),
    rect: z.object({ x: unit, y: unit, w: unit, h: unit }),
  })
  .refine((p) => p.rect.x + p.rect.w <= 1 + 1e-9 && p.rect.y + p.rect.h <= 1 + 1e-9, {
    message: '标注区域超出页面',
  });

/** The page as shown: its unrotated size in PDF points, the zoom and the rotation. */
export interface PageView {
  width: number;
  height: number;
  scale: number;
  rotation: Rotation;
}

/** Size of the shown (rotated, zoomed) page in screen pixels. */
export function shownSize(v: PageView): { width: number; height: number } {
  const turned = v.rotation === 90 || v.rotation === 270;
  return {
    width: (turned ? v.height : v.width) * v.scale,
    height: (turned ? v.width : v.height) * v.scale,
  };
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/** A shown point (pixels from the shown page's top-left) as a normalised point of the unrotated page. */
export function shownToPage(v: PageView, px: number, py: number): { x: number; y: number } {
  const s = shownSize(v);
  const u = clamp01(px / s.width);
  const w = clamp01(py / s.height);
  switch (v.rotation) {
    case 0:
      return { x: u, y: w };
    case 90:
      return { x: w, y: 1 - u };
    case 180:
      return { x: 1 - u, y: 1 - w };
    case 270:
      return { x: 1 - w, y: u };
  }
}

/** A normalised point of the unrotated page as shown pixels. */
export function pageToShown(v: PageView, x: number, y: number): { x: number; y: number } {
  const s = shownSize(v);
  let u: number, w: number;
  switch (v.rotation) {
    case 0:
      [u, w] = [x, y];
      break;
    case 90:
      [u, w] = [1 - y, x];
      break;
    case 180:
      [u, w] = [1 - x, 1 - y];
      break;
    case 270:
      [u, w] = [y, 1 - x];
      break;
  }
  return { x: u * s.width, y: w * s.height };
}

/** The pin rectangle of a drag between two shown points (any direction), or null when too small. */
export function dragToRect(
  v: PageView,
  from: { x: number; y: number },
  to: { x: number; y: number },
  minPixels = 4,
): NormRect | null {
  if (Math.abs(to.x - from.x) < minPixels || Math.abs(to.y - from.y) < minPixels) return null;
  const a = shownToPage(v, from.x, from.y);
  const b = shownToPage(v, to.x, to.y);
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x, b.x) - x, h: Math.max(a.y, b.y) - y };
}

/** Where a pin's rectangle sits on the shown page, in pixels (left, top, width, height). */
export function rectToShown(
  v: PageView,
  r: NormRect,
): { left: number; top: number; width: number; height: number } {
  const a = pageToShown(v, r.x, r.y);
  const b = pageToShown(v, r.x + r.w, r.y + r.h);
  return {
    left: Math.min(a.x, b.x),
    top: Math.min(a.y, b.y),
    width: Math.abs(b.x - a.x),
    height: Math.abs(b.y - a.y),
  };
}
