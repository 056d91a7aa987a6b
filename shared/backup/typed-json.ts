// JSON that keeps the few non-JSON values a store record may hold (bytes, dates), so a record
// written into a backup or a package comes back with the same types.
const TAG = '$pingcha';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : B64[c & 63]!;
  }
  return out;
}

export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => B64_INDEX.get(clean[i + k] ?? 'A') ?? 0);
    const v = (n[0]! << 18) | (n[1]! << 12) | (n[2]! << 6) | n[3]!;
    if (o < out.length) out[o++] = (v >> 16) & 255;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

function replacer(this: unknown, key: string, value: unknown): unknown {
  // `this[key]` is the value before toJSON ran (a Date's toJSON already made it a string).
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Date) return { [TAG]: 'date', v: original.toISOString() };
  if (value instanceof Uint8Array) return { [TAG]: 'u8', v: bytesToBase64(value) };
  if (value instanceof ArrayBuffer) return { [TAG]: 'ab', v: bytesToBase64(new Uint8Array(value)) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && TAG in value) {
    const tagged = value as { [TAG]: string; v: string };
    if (tagged[TAG] === 'date') return new Date(tagged.v);
    if (tagged[TAG] === 'u8') return base64ToBytes(tagged.v);
    if (tagged[TAG] === 'ab') return base64ToBytes(tagged.v).buffer;
  }
  return value;
}

export function stringifyTyped(value: unknown): string {
  return JSON.stringify(value, replacer);
}

export function parseTyped(text: string): unknown {
  return JSON.parse(text, reviver);
}
