// The OCR engine (issue 28): PaddleOCR's PP-OCRv4 detection (DB) and recognition (SVTR + CTC) models,
// run through whatever ONNX runtime the caller hands in (onnxruntime-web: WASM in a Worker in the app,
// the same package in Node for tests and benches). Everything here is pure: pre-processing, the DB
// post-processing (connected components of the text-probability map, each box grown by the model's
// unclip ratio), CTC decoding. The page finder only needs the first lines (title, 案号) and the last
// ones (落款 dates), so recognition can be limited to those to keep to a page a second on two cores.

import { type GrayImage, resizeRegion, shrinkByArea } from './gray-image';

/** What the engine needs of a loaded model: one float input, one float output. */
export interface OcrModel {
  run(input: Float32Array, dims: readonly number[]): Promise<{ data: Float32Array; dims: readonly number[] }>;
}

export interface OcrModels {
  detection: OcrModel;
  recognition: OcrModel;
  /** The recognition model's character list (ppocr_keys_v1.txt), one character per entry. */
  characters: readonly string[];
}

export interface TextBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface OcrLine {
  text: string;
  /** Mean probability of the recognised characters (0..1). */
  confidence: number;
  /** In the page image's pixels. */
  box: TextBox;
}

export interface OcrOptions {
  /** Longest side of the detection input (multiple of 32). */
  detectionSide?: number;
  /** Recognise only this many lines from the top and from the bottom (all when absent). */
  headLines?: number;
  tailLines?: number;
  /** Lines per recognition batch. */
  batch?: number;
}

const DET_MEAN = [0.485, 0.456, 0.406] as const;
const DET_STD = [0.229, 0.224, 0.225] as const;
const BOX_THRESHOLD = 0.3;
const BOX_SCORE = 0.55;
const UNCLIP_RATIO = 1.6;
const REC_HEIGHT = 48;
const REC_MAX_WIDTH = 1600;

/** The detection input: the page scaled so its longer side is `side` (multiples of 32), 3 channels. */
export function detectionInput(
  img: GrayImage,
  side: number,
): { data: Float32Array; width: number; height: number } {
  const scale = side / Math.max(img.width, img.height);
  const width = Math.max(32, Math.round((img.width * scale) / 32) * 32);
  const height = Math.max(32, Math.round((img.height * scale) / 32) * 32);
  const gray =
    width < img.width
      ? shrinkByArea(img, width, height)
      : resizeRegion(img, { x: 0, y: 0, w: img.width, h: img.height }, width, height);
  const plane = width * height;
  const data = new Float32Array(plane * 3);
  for (let c = 0; c < 3; c++) {
    const mean = DET_MEAN[c]!;
    const std = DET_STD[c]!;
    for (let i = 0; i < plane; i++) data[c * plane + i] = (gray[i]! / 255 - mean) / std;
  }
  return { data, width, height };
}

/**
 * Text boxes from the DB probability map: 4-connected components of pixels above the threshold, kept when
 * their mean probability passes the box score, each grown by the unclip distance (area × ratio / perimeter).
 * Boxes are in map pixels.
 */
export function boxesFromProbability(prob: Float32Array, width: number, height: number): TextBox[] {
  const label = new Int32Array(width * height);
  const boxes: TextBox[] = [];
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < prob.length; start++) {
    if (label[start] !== 0 || prob[start]! <= BOX_THRESHOLD) continue;
    next++;
    label[start] = next;
    stack.push(start);
    let minX = width;
    let minY = height;
    let maxX = 0;
    let maxY = 0;
    let sum = 0;
    let count = 0;
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      sum += prob[p]!;
      count++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const visit = (q: number): void => {
        if (label[q] === 0 && prob[q]! > BOX_THRESHOLD) {
          label[q] = next;
          stack.push(q);
        }
      };
      if (x > 0) visit(p - 1);
      if (x < width - 1) visit(p + 1);
      if (y > 0) visit(p - width);
      if (y < height - 1) visit(p + width);
    }
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    if (Math.min(w, h) < 3 || sum / count < BOX_SCORE) continue;
    const grow = (w * h * UNCLIP_RATIO) / (2 * (w + h));
    boxes.push({ x: minX - grow, y: minY - grow, w: w + 2 * grow, h: h + 2 * grow });
  }
  return boxes;
}

/** Reading order: top to bottom by line (boxes whose centres lie within half a line height), then left to right. */
export function readingOrder<T extends { box: TextBox }>(items: readonly T[]): T[] {
  const byTop = [...items].sort((a, b) => a.box.y + a.box.h / 2 - (b.box.y + b.box.h / 2));
  const rows: T[][] = [];
  for (const item of byTop) {
    const row = rows.at(-1);
    const cy = item.box.y + item.box.h / 2;
    const ref = row?.[0];
    if (row && ref && Math.abs(cy - (ref.box.y + ref.box.h / 2)) < Math.min(ref.box.h, item.box.h) / 2)
      row.push(item);
    else rows.push([item]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.box.x - b.box.x));
}

/** Greedy CTC decoding of one line: best class per step, repeats merged, blanks (class 0) dropped. */
export function decodeCtc(
  scores: Float32Array,
  steps: number,
  classes: number,
  characters: readonly string[],
): { text: string; confidence: number } {
  let text = '';
  let sum = 0;
  let count = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestScore = -Infinity;
    const base = t * classes;
    for (let c = 0; c < classes; c++) {
      const s = scores[base + c]!;
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    if (best !== 0 && best !== previous) {
      text += characters[best - 1] ?? ' ';
      sum += bestScore;
      count++;
    }
    previous = best;
  }
  return { text: text.trim(), confidence: count === 0 ? 0 : sum / count };
}

/** The recognition input for a batch of boxes: each crop scaled to 48 px high, padded to the widest. */
export function recognitionInput(
  img: GrayImage,
  boxes: readonly TextBox[],
): { data: Float32Array; width: number } {
  const widths = boxes.map((b) =>
    Math.min(REC_MAX_WIDTH, Math.max(REC_HEIGHT, Math.ceil((REC_HEIGHT * b.w) / Math.max(1, b.h)))),
  );
  const width = Math.ceil(Math.max(...widths) / 8) * 8;
  const plane = REC_HEIGHT * width;
  const data = new Float32Array(boxes.length * 3 * plane);
  boxes.forEach((box, n) => {
    const w = widths[n]!;
    const crop = resizeRegion(img, box, w, REC_HEIGHT);
    for (let y = 0; y < REC_HEIGHT; y++) {
      for (let x = 0; x < width; x++) {
        // Padding is 0 in the model's normalised range, as PaddleOCR pads.
        const v = x < w ? crop[y * w + x]! / 127.5 - 1 : 0;
        const at = y * width + x;
        for (let c = 0; c < 3; c++) data[(n * 3 + c) * plane + at] = v;
      }
    }
  });
  return { data, width };
}

/** Which detected lines to recognise: all, or the first `head` and the last `tail` in reading order. */
export function linesToRead<T>(ordered: readonly T[], head?: number, tail?: number): T[] {
  if (head === undefined && tail === undefined) return [...ordered];
  const h = head ?? 0;
  const t = tail ?? 0;
  if (h + t >= ordered.length) return [...ordered];
  return [...ordered.slice(0, h), ...ordered.slice(ordered.length - t)];
}

/** Detect and recognise the text lines of a page image, in reading order. */
export async function recognisePage(
  img: GrayImage,
  models: OcrModels,
  options: OcrOptions = {},
): Promise<OcrLine[]> {
  const side = options.detectionSide ?? 960;
  const det = detectionInput(img, side);
  const out = await models.detection.run(det.data, [1, 3, det.height, det.width]);
  const mapH = out.dims[2] ?? det.height;
  const mapW = out.dims[3] ?? det.width;
  const sx = img.width / mapW;
  const sy = img.height / mapH;
  const boxes = boxesFromProbability(out.data, mapW, mapH)
    .map((b) => ({ box: { x: b.x * sx, y: b.y * sy, w: b.w * sx, h: b.h * sy } }))
    // A printed line is wider than high; tall narrow marks (stamps' edges, table rules) are not text.
    .filter((b) => b.box.h >= 8 && b.box.w >= b.box.h * 0.8);
  const chosen = linesToRead(readingOrder(boxes), options.headLines, options.tailLines);
  // Batches of similar width waste less padding.
  const bySize = [...chosen.keys()].sort(
    (a, b) => chosen[a]!.box.w / chosen[a]!.box.h - chosen[b]!.box.w / chosen[b]!.box.h,
  );
  const batchSize = options.batch ?? 6;
  const lines: OcrLine[] = new Array<OcrLine>(chosen.length);
  for (let i = 0; i < bySize.length; i += batchSize) {
    const group = bySize.slice(i, i + batchSize);
    const rec = recognitionInput(
      img,
      group.map((g) => chosen[g]!.box),
    );
    const res = await models.recognition.run(rec.data, [group.length, 3, REC_HEIGHT, rec.width]);
    const steps = res.dims[1]!;
    const classes = res.dims[2]!;
    group.forEach((g, n) => {
      const slice = res.data.subarray(n * steps * classes, (n + 1) * steps * classes);
      const decoded = decodeCtc(slice, steps, classes, models.characters);
      lines[g] = { ...decoded, box: chosen[g]!.box };
    });
  }
  return lines.filter((l) => l.text.length > 0);
}
