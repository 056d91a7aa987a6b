// The one serialisation of store records (backups, panel packages, demo removal checks, tests):
// JSON text with type tags for every value IndexedDB keeps that plain JSON would lose or change, so
// a record written out comes back with the same values AND types.
//
//   typed arrays (Int8 … Float64, BigInt64/BigUint64, Uint8Clamped), ArrayBuffer, DataView -> bytes
//   Date (also invalid ones), Map, Set, BigInt, undefined (an own property that is undefined is not
//   the same as a missing one), NaN, ±Infinity, -0, Blob (bytes + MIME type; reading a Blob is
//   async: see encodeTypedAsync / BlobSink), and plain objects that happen to own the tag key.
//
// A tagged value is `{"$pingcha": <kind>, ...}`. Plain JSON values are written unchanged, so a file
// without any tag is ordinary JSON. Bytes are little-endian (the byte order of every platform the
// app runs on); base64 keeps them compact.
export const TYPED_TAG = '$pingcha';
const TAG = TYPED_TAG;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : B64[c & 63]!;
    if (out.length >= 65536) {
      parts.push(out);
      out = '';
    }
  }
  parts.push(out);
  return parts.join('');
}

export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  const at = (i: number) => (i < clean.length ? Math.max(0, B64_INDEX[clean.charCodeAt(i)] ?? 0) : 0);
  for (let i = 0; i < clean.length; i += 4) {
    const v = (at(i) << 18) | (at(i + 1) << 12) | (at(i + 2) << 6) | at(i + 3);
    if (o < out.length) out[o++] = (v >> 16) & 255;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

type TypedArrayName =
  | 'Int8Array'
  | 'Uint8Array'
  | 'Uint8ClampedArray'
  | 'Int16Array'
  | 'Uint16Array'
  | 'Int32Array'
  | 'Uint32Array'
  | 'Float32Array'
  | 'Float64Array'
  | 'BigInt64Array'
  | 'BigUint64Array';

type TypedArrayCtor = {
  new (buffer: ArrayBuffer, byteOffset?: number, length?: number): ArrayBufferView;
  BYTES_PER_ELEMENT: number;
};

const TYPED_ARRAYS: Record<TypedArrayName, TypedArrayCtor> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
};

function viewBytes(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer as ArrayBuffer, view.byteOffset, view.byteLength);
}

function typedArrayName(value: ArrayBufferView): TypedArrayName | null {
  const name = Object.prototype.toString.call(value).slice(8, -1);
  return name in TYPED_ARRAYS ? (name as TypedArrayName) : null;
}

/** Blobs met by the synchronous encoder: their bytes are read later (async) and filled in. */
export class BlobSink {
  readonly pending: { blob: Blob; tag: Record<string, unknown> }[] = [];
  /** Reads every collected Blob and completes its tag in place (call before stringifying). */
  async resolve(): Promise<void> {
    const todo = this.pending.splice(0);
    for (const p of todo) p.tag.v = bytesToBase64(new Uint8Array(await p.blob.arrayBuffer()));
  }
}

/** A raw Blob reached the synchronous encoder without a sink. */
export class TypedJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TypedJsonError';
  }
}

const isBlob = (v: object): v is Blob => typeof Blob !== 'undefined' && v instanceof Blob;

/**
 * The JSON-safe form of `value` (tags for everything JSON cannot say). Objects and arrays that
 * need no tag are returned as they are (no copy), so large plain columns cost one walk only.
 * A Blob becomes a tag whose bytes the sink fills in later; without a sink a Blob is an error.
 */
export function encodeTyped(value: unknown, sink?: BlobSink): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return Object.is(value, -0) ? { [TAG]: 'num', v: '-0' } : value;
      return { [TAG]: 'num', v: String(value) };
    case 'undefined':
      return { [TAG]: 'undef' };
    case 'bigint':
      return { [TAG]: 'bigint', v: value.toString() };
    case 'object':
      break;
    default:
      throw new TypedJsonError(`cannot serialise a value of type ${typeof value}`);
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      // Fast path: strings, finite non-negative-zero numbers, booleans, null need no tag.
      if (typeof v === 'string' || v === null || typeof v === 'boolean') {
        if (out) out[i] = v;
        continue;
      }
      const e = encodeTyped(v, sink);
      if (e !== v && !out) out = value.slice(0, i);
      if (out) out[i] = e;
    }
    return out ?? value;
  }
  if (value instanceof Date) {
    const t = value.getTime();
    return { [TAG]: 'date', v: Number.isNaN(t) ? null : value.toISOString() };
  }
  if (ArrayBuffer.isView(value)) {
    if (value instanceof DataView) return { [TAG]: 'dv', v: bytesToBase64(viewBytes(value)) };
    const name = typedArrayName(value);
    if (!name) throw new TypedJsonError('unsupported ArrayBuffer view');
    return { [TAG]: 'ta', t: name, v: bytesToBase64(viewBytes(value)) };
  }
  if (value instanceof ArrayBuffer) return { [TAG]: 'ab', v: bytesToBase64(new Uint8Array(value)) };
  if (value instanceof Map) {
    return { [TAG]: 'map', v: [...value].map(([k, v]) => [encodeTyped(k, sink), encodeTyped(v, sink)]) };
  }
  if (value instanceof Set) return { [TAG]: 'set', v: [...value].map((v) => encodeTyped(v, sink)) };
  if (isBlob(value)) {
    const tag: Record<string, unknown> = { [TAG]: 'blob', type: value.type, v: '' };
    if (!sink) throw new TypedJsonError('a Blob needs encodeTypedAsync (its bytes are read asynchronously)');
    sink.pending.push({ blob: value, tag });
    return tag;
  }
  const o = value as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  for (const k of Object.keys(o)) {
    const v = o[k];
    const e = typeof v === 'string' || v === null || typeof v === 'boolean' ? v : encodeTyped(v, sink);
    if (e !== v && !out) out = { ...o };
    if (out) out[k] = e;
  }
  const plain = out ?? o;
  // An object of the store that owns the tag key itself is wrapped, so it is never read as a tag.
  return TAG in plain ? { [TAG]: 'obj', v: plain } : plain;
}

/** encodeTyped, with every Blob's bytes read. */
export async function encodeTypedAsync(value: unknown): Promise<unknown> {
  const sink = new BlobSink();
  const out = encodeTyped(value, sink);
  await sink.resolve();
  return out;
}

function bytesFor(tag: Record<string, unknown>): Uint8Array {
  return base64ToBytes(typeof tag.v === 'string' ? tag.v : '');
}

/** The value encodeTyped was given, rebuilt from its JSON-safe form (tags revived). */
export function decodeTyped(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object') value[i] = decodeTyped(v);
    }
    return value;
  }
  const o = value as Record<string, unknown>;
  const kind = o[TAG];
  if (kind === undefined) {
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (v !== null && typeof v === 'object') o[k] = decodeTyped(v);
    }
    return o;
  }
  switch (kind) {
    case 'undef':
      return undefined;
    case 'num':
      return o.v === '-0' ? -0 : Number(o.v);
    case 'bigint':
      return BigInt(String(o.v));
    case 'date':
      return new Date(typeof o.v === 'string' ? o.v : Number.NaN);
    case 'u8': // format of backups written before the tagged typed arrays
      return bytesFor(o);
    case 'ab':
      return bytesFor(o).buffer;
    case 'dv':
      return new DataView(bytesFor(o).buffer);
    case 'ta': {
      const ctor = TYPED_ARRAYS[o.t as TypedArrayName];
      if (!ctor) throw new TypedJsonError(`unknown typed array ${String(o.t)}`);
      const bytes = bytesFor(o);
      if (bytes.byteLength % ctor.BYTES_PER_ELEMENT !== 0) throw new TypedJsonError('typed array length');
      return new ctor(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / ctor.BYTES_PER_ELEMENT);
    }
    case 'map':
      return new Map((o.v as [unknown, unknown][]).map(([k, v]) => [decodeTyped(k), decodeTyped(v)]));
    case 'set':
      return new Set((o.v as unknown[]).map((v) => decodeTyped(v)));
    case 'blob':
      return new Blob([bytesFor(o)] as unknown as ConstructorParameters<typeof Blob>[0], {
        type: typeof o.type === 'string' ? o.type : '',
      });
    case 'obj': {
      const inner = o.v as Record<string, unknown>;
      for (const k of Object.keys(inner)) inner[k] = decodeTyped(inner[k]);
      return inner;
    }
    default:
      throw new TypedJsonError(`unknown type tag ${String(kind)}`);
  }
}

/** Typed JSON text of a value without Blobs (a Blob throws: use stringifyTypedAsync). */
export function stringifyTyped(value: unknown, sink?: BlobSink): string {
  const encoded = encodeTyped(value, sink);
  return encoded === undefined ? 'null' : JSON.stringify(encoded);
}

export async function stringifyTypedAsync(value: unknown): Promise<string> {
  return JSON.stringify(await encodeTypedAsync(value));
}

export function parseTyped(text: string): unknown {
  const json: unknown = JSON.parse(text);
  // Most lines carry no tag at all: skip the walk.
  return text.includes(`"${TAG}"`) ? decodeTyped(json) : json;
}

/**
 * Canonical typed JSON: object keys sorted, undefined members left out (as canonicalJson does, so
 * digests of plain JSON content are unchanged), non-JSON values tagged as encodeTyped tags them.
 * Used where a digest must be recomputable from the text (panel packages).
 */
export function canonicalTyped(value: unknown): string {
  return canonicalOf(encodeTyped(stripUndefinedMembers(value)));
}

function stripUndefinedMembers(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map(stripUndefinedMembers);
  if (value instanceof Date || value instanceof ArrayBuffer || value instanceof Map || value instanceof Set)
    return value;
  if (isBlob(value)) return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (o[k] !== undefined) out[k] = stripUndefinedMembers(o[k]);
  return out;
}

function canonicalOf(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalOf(v)).join(',')}]`;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalOf(o[k])}`).join(',')}}`;
}

/**
 * A description of a value's types and contents (constructor names included), for tests and
 * checks that two stores hold the same records: equal descriptions mean equal values AND types.
 */
export function describeTyped(value: unknown): unknown {
  if (value === undefined) return { type: 'undefined' };
  if (typeof value === 'number')
    return Object.is(value, -0) ? { type: '-0' } : Number.isNaN(value) ? { type: 'NaN' } : value;
  if (typeof value === 'bigint') return { type: 'bigint', v: value.toString() };
  if (value === null || typeof value !== 'object') return value;
  const ctor = Object.prototype.toString.call(value).slice(8, -1);
  if (Array.isArray(value)) return value.map(describeTyped);
  if (ArrayBuffer.isView(value)) return { type: ctor, bytes: bytesToBase64(viewBytes(value)) };
  if (value instanceof ArrayBuffer)
    return { type: 'ArrayBuffer', bytes: bytesToBase64(new Uint8Array(value)) };
  if (value instanceof Date)
    return { type: 'Date', v: Number.isNaN(value.getTime()) ? null : value.toISOString() };
  if (value instanceof Map)
    return { type: 'Map', v: [...value].map(([k, v]) => [describeTyped(k), describeTyped(v)]) };
  if (value instanceof Set) return { type: 'Set', v: [...value].map(describeTyped) };
  if (isBlob(value)) return { type: 'Blob', mime: value.type, size: value.size };
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = { [`${TAG}:type`]: ctor };
  for (const k of Object.keys(o).sort()) out[k] = describeTyped(o[k]);
  return out;
}
