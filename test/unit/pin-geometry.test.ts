import { describe, expect, it } from 'vitest';
import {
  dragToRect,
  pageToShown,
  rectToShown,
  shownSize,
  shownToPage,
  type PageView,
  type Rotation,
} from '@shared/case-files/pin-geometry';

const A4 = { width: 595, height: 842 };

describe('pin geometry', () => {
  it('the shown page swaps sides at a quarter turn and scales with the zoom', () => {
    expect(shownSize({ ...A4, scale: 2, rotation: 0 })).toEqual({ width: 1190, height: 1684 });
    expect(shownSize({ ...A4, scale: 1, rotation: 90 })).toEqual({ width: 842, height: 595 });
  });

  it('maps the top-left corner of the unrotated page to where it is shown', () => {
    const at = (rotation: Rotation) => pageToShown({ ...A4, scale: 1, rotation }, 0, 0);
    expect(at(0)).toEqual({ x: 0, y: 0 });
    expect(at(90)).toEqual({ x: 842, y: 0 }); // turned clockwise: top-left goes top-right
    expect(at(180)).toEqual({ x: 595, y: 842 });
    expect(at(270)).toEqual({ x: 0, y: 595 });
  });

  it('a pin drawn at any zoom and rotation is the same rectangle of the page', () => {
    // The region x 0.1..0.4, y 0.2..0.3 of the page, dragged on each view from corner to corner.
    const target = { x: 0.1, y: 0.2, w: 0.3, h: 0.1 };
    for (const rotation of [0, 90, 180, 270] as Rotation[])
      for (const scale of [0.5, 1, 2.25]) {
        const v: PageView = { ...A4, scale, rotation };
        const s = rectToShown(v, target);
        const r = dragToRect(v, { x: s.left + s.width, y: s.top }, { x: s.left, y: s.top + s.height })!;
        expect(r.x).toBeCloseTo(0.1, 9);
        expect(r.y).toBeCloseTo(0.2, 9);
        expect(r.w).toBeCloseTo(0.3, 9);
        expect(r.h).toBeCloseTo(0.1, 9);
      }
  });

  it('round-trips points and clamps drags that leave the page', () => {
    const v: PageView = { ...A4, scale: 1.5, rotation: 270 };
    const p = pageToShown(v, 0.25, 0.75);
    const back = shownToPage(v, p.x, p.y);
    expect(back.x).toBeCloseTo(0.25, 9);
    expect(back.y).toBeCloseTo(0.75, 9);
    const r = dragToRect({ ...A4, scale: 1, rotation: 0 }, { x: -50, y: -50 }, { x: 5000, y: 100 })!;
    expect(r).toEqual({ x: 0, y: 0, w: 1, h: 100 / 842 });
  });

  it('a click without a drag draws no pin', () => {
    expect(dragToRect({ ...A4, scale: 1, rotation: 0 }, { x: 10, y: 10 }, { x: 12, y: 11 })).toBeNull();
  });
});

describe('pins on deductions', async () => {
  const { addPin, removePin, pinsOnPage, pinCitation } = await import('@shared/case-files/sheet-pins');
  const { casePinSchema } = await import('@shared/case-files/pin-geometry');
  const { scoreSheetSchema } = await import('@shared/review/scoring-engine');
  const sha = 'a'.repeat(64);
  const pin = { fileSha256: sha, page: 11, rect: { x: 0.1, y: 0.2, w: 0.3, h: 0.1 } };
  const sheet = {
    deductions: [
      { itemId: 'i1', optionId: 'o1', count: 1, problem: '送达回证缺少受送达人签名' },
      { itemId: 'i2', optionId: 'o2', count: 1, problem: '未告知陈述申辩权利' },
    ],
    vetoes: [],
  };

  it('a pin goes on its deduction, is found on its page and cited by page', () => {
    const pinned = addPin(sheet, { itemId: 'i1', optionId: 'o1' }, pin)!;
    expect(pinned.deductions[0]!.pins).toEqual([pin]);
    expect(pinned.deductions[1]!.pins).toBeUndefined();
    expect(pinsOnPage(pinned, sha, 11).map((p) => p.deduction.problem)).toEqual(['送达回证缺少受送达人签名']);
    expect(pinsOnPage(pinned, sha, 10)).toEqual([]);
    expect(pinsOnPage(pinned, 'b'.repeat(64), 11)).toEqual([]);
    expect(pinCitation('德市监罚〔2024〕112号', pin)).toBe('德市监罚〔2024〕112号 第12页');
    expect(addPin(sheet, { itemId: 'i9', optionId: 'o9' }, pin)).toBeNull();
    const removed = removePin(pinned, { itemId: 'i1', optionId: 'o1' }, 0);
    expect(removed).toEqual(sheet);
  });

  it('pins survive the sheet schema (stored, packaged) and bad pins are refused in Chinese', () => {
    const pinned = addPin(sheet, { itemId: 'i1', optionId: 'o1' }, pin)!;
    expect(scoreSheetSchema.parse(pinned)).toEqual(pinned);
    const bad = casePinSchema.safeParse({ ...pin, rect: { x: 0.9, y: 0, w: 0.5, h: 0.1 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('标注区域超出页面');
    expect(casePinSchema.safeParse({ ...pin, fileSha256: 'x' }).error?.issues[0]?.message).toContain(
      'SHA-256',
    );
  });
});
