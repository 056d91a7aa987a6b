import { describe, expect, it } from 'vitest';
import {
  boxesFromProbability,
  decodeCtc,
  detectionInput,
  linesToRead,
  readingOrder,
  recognitionInput,
} from '@shared/ocr/ocr-engine';
import { grayFromRgba, shrinkByArea, type GrayImage } from '@shared/ocr/gray-image';
import { parseCharacterKeys } from '@shared/ocr/ort-models';

const white = (width: number, height: number): GrayImage => ({
  width,
  height,
  data: new Uint8Array(width * height).fill(255),
});

describe('OCR engine, pure parts', () => {
  it('RGBA to gray with luma weights; a wrong length is refused', () => {
    const g = grayFromRgba(new Uint8Array([255, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 255]), 3, 1);
    expect([...g.data]).toEqual([76, 0, 255]);
    expect(() => grayFromRgba(new Uint8Array(7), 3, 1)).toThrow('图像数据长度与宽高不符');
  });

  it('shrinking averages the source area, so a one-pixel stroke stays as grey', () => {
    const img = white(4, 4);
    for (let y = 0; y < 4; y++) img.data[y * 4 + 1] = 0;
    expect([...shrinkByArea(img, 2, 2)]).toEqual([127.5, 255, 127.5, 255]);
  });

  it('detection input: multiples of 32, longer side as asked, normalised per channel', () => {
    const d = detectionInput(white(1654, 2339), 736);
    expect([d.width, d.height]).toEqual([512, 736]);
    expect(d.data.length).toBe(3 * 512 * 736);
    expect(d.data[0]).toBeCloseTo((1 - 0.485) / 0.229, 4);
    expect(d.data[2 * 512 * 736]).toBeCloseTo((1 - 0.406) / 0.225, 4);
  });

  it('text boxes are the connected regions of the probability map, grown by the unclip distance', () => {
    const w = 40;
    const h = 20;
    const prob = new Float32Array(w * h);
    for (let y = 5; y < 9; y++) for (let x = 4; x < 24; x++) prob[y * w + x] = 0.9;
    for (let y = 14; y < 16; y++) for (let x = 30; x < 32; x++) prob[y * w + x] = 0.9; // too small
    for (let y = 12; y < 17; y++) for (let x = 2; x < 12; x++) prob[y * w + x] = 0.4; // too faint
    const boxes = boxesFromProbability(prob, w, h);
    expect(boxes).toHaveLength(1);
    const grow = (20 * 4 * 1.6) / (2 * 24);
    expect(boxes[0]!.x).toBeCloseTo(4 - grow);
    expect(boxes[0]!.w).toBeCloseTo(20 + 2 * grow);
    expect(boxes[0]!.h).toBeCloseTo(4 + 2 * grow);
  });

  it('reading order: by line, then left to right, a slightly lower word on the same line stays on it', () => {
    const item = (name: string, x: number, y: number) => ({ name, box: { x, y, w: 50, h: 20 } });
    const ordered = readingOrder([item('c', 0, 60), item('b', 100, 4), item('a', 0, 0)]);
    expect(ordered.map((i) => i.name)).toEqual(['a', 'b', 'c']);
  });

  it('only the first and last lines are recognised when asked', () => {
    expect(linesToRead([1, 2, 3, 4, 5, 6], 2, 1)).toEqual([1, 2, 6]);
    expect(linesToRead([1, 2, 3], 2, 2)).toEqual([1, 2, 3]);
    expect(linesToRead([1, 2, 3])).toEqual([1, 2, 3]);
  });

  it('CTC decoding merges repeats, drops blanks and averages the kept probabilities', () => {
    const chars = parseCharacterKeys('告\n知\n书\n');
    expect(chars).toEqual(['告', '知', '书', ' ']);
    // steps: 告 告 blank 知 知 书
    const classes = 5;
    const best = [1, 1, 0, 2, 2, 3];
    const scores = new Float32Array(best.length * classes);
    best.forEach((c, t) => {
      scores[t * classes + c] = c === 3 ? 0.6 : 0.9;
    });
    const out = decodeCtc(scores, best.length, classes, chars);
    expect(out.text).toBe('告知书');
    expect(out.confidence).toBeCloseTo(0.8, 5);
  });

  it('recognition input: crops 48 px high, padded to the widest of the batch', () => {
    const img = white(200, 100);
    const rec = recognitionInput(img, [
      { x: 0, y: 0, w: 96, h: 24 },
      { x: 0, y: 50, w: 48, h: 24 },
    ]);
    expect(rec.width).toBe(192);
    expect(rec.data.length).toBe(2 * 3 * 48 * 192);
    // White maps to 1; the second crop's padding (beyond its 96 px) is 0.
    expect(rec.data[0]).toBeCloseTo(1);
    expect(rec.data[3 * 48 * 192 + 150]).toBe(0);
  });
});
