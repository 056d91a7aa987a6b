// Ed25519 signatures (@noble/curves): the office key that signs the log's checkpoints and the
// assignment packages, and each reviewer's key that signs their results package. Keys and
// signatures travel as lowercase hex; a fingerprint is what people compare by eye.
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256BytesHex } from './sha256';

export interface SigningKeyPair {
  /** 32-byte Ed25519 secret key (seed), hex. */
  secretKey: string;
  /** 32-byte public key, hex. */
  publicKey: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

export function generateSigningKeyPair(): SigningKeyPair {
  const secret = ed25519.utils.randomSecretKey();
  return { secretKey: bytesToHex(secret), publicKey: bytesToHex(ed25519.getPublicKey(secret)) };
}

export function publicKeyOf(secretKey: string): string {
  return bytesToHex(ed25519.getPublicKey(hexToBytes(secretKey)));
}

export function isPublicKeyHex(value: unknown): value is string {
  return typeof value === 'string' && HEX64.test(value);
}

/** Signs the UTF-8 bytes of `text`; returns the 64-byte signature as hex. */
export function signText(secretKey: string, text: string): string {
  return bytesToHex(ed25519.sign(utf8ToBytes(text), hexToBytes(secretKey)));
}

/**
 * A signer for one key that keeps its expanded secret (scalar, prefix, public point): each signature
 * then costs one base-point multiplication instead of two (ed25519.sign derives the public key again
 * every time). The same RFC 8032 signatures as signText, byte for byte; the log signs every entry.
 */
export function textSigner(secretKey: string): (text: string) => string {
  const { prefix, scalar, pointBytes } = ed25519.utils.getExtendedPublicKey(hexToBytes(secretKey));
  const Fn = ed25519.Point.Fn;
  const toScalar = (bytes: Uint8Array): bigint => Fn.create(bytesToNumberLE(bytes));
  return (text) => {
    const msg = utf8ToBytes(text);
    const r = toScalar(sha512(concatBytes(prefix, msg)));
    const R = ed25519.Point.BASE.multiply(r).toBytes();
    const k = toScalar(sha512(concatBytes(R, pointBytes, msg)));
    return bytesToHex(concatBytes(R, Fn.toBytes(Fn.create(r + k * scalar))));
  };
}

/** PKCS #8 wrapping of a 32-byte Ed25519 seed (RFC 8410): this prefix, then the seed. */
const ED25519_PKCS8_PREFIX = hexToBytes('302e020100300506032b657004220420');

/** An asynchronous signer for one key: the same RFC 8032 signatures, whichever engine makes them. */
export type AsyncTextSigner = ((text: string) => Promise<string>) & {
  readonly engine: 'webcrypto' | 'noble';
};

/**
 * The office key's signer for the log (every committed head): the platform's own Ed25519
 * (WebCrypto: BoringSSL in Chromium and Electron, OpenSSL in Node), the key imported once as
 * non-extractable, a third of the cost of textSigner per signature. Before it is used it must sign a
 * probe byte for byte as textSigner does (RFC 8032 signatures are deterministic); where WebCrypto has
 * no Ed25519, or differs, textSigner signs instead.
 */
export function officeTextSigner(secretKey: string): Promise<AsyncTextSigner> {
  // One per key: the page loads the signer again before each checkpoint (another window may have
  // changed the key), which must not import the key and sign the probe every time.
  let signer = officeSigners.get(secretKey);
  if (!signer) {
    signer = makeOfficeTextSigner(secretKey);
    if (officeSigners.size >= 4) officeSigners.delete(officeSigners.keys().next().value!);
    officeSigners.set(secretKey, signer);
  }
  return signer;
}

const officeSigners = new Map<string, Promise<AsyncTextSigner>>();

async function makeOfficeTextSigner(secretKey: string): Promise<AsyncTextSigner> {
  const fallback = textSigner(secretKey);
  const noble = Object.assign(async (text: string) => fallback(text), { engine: 'noble' as const });
  try {
    const pkcs8 = concatBytes(ED25519_PKCS8_PREFIX, hexToBytes(secretKey));
    const key = await crypto.subtle.importKey('pkcs8', pkcs8 as BufferSource, { name: 'Ed25519' }, false, [
      'sign',
    ]);
    const native = async (text: string) =>
      bytesToHex(new Uint8Array(await crypto.subtle.sign('Ed25519', key, utf8ToBytes(text) as BufferSource)));
    const probe = 'pingcha signer probe';
    if ((await native(probe)) !== fallback(probe)) return noble;
    return Object.assign(native, { engine: 'webcrypto' as const });
  } catch {
    return noble;
  }
}

/** True only for a well-formed key and signature that match `text`; never throws. */
export function verifyText(publicKey: string, text: string, signature: string): boolean {
  if (!isPublicKeyHex(publicKey) || typeof signature !== 'string' || !/^[0-9a-f]{128}$/.test(signature))
    return false;
  try {
    return ed25519.verify(hexToBytes(signature), utf8ToBytes(text), hexToBytes(publicKey));
  } catch {
    return false;
  }
}

function groups(hex: string): string {
  return (hex.toUpperCase().match(/.{4}/g) ?? []).join('-');
}

/** 指纹: the first 80 bits of SHA-256(public key), in groups of four (ABCD-EF01-…). */
export function keyFingerprint(publicKey: string): string {
  return groups(sha256BytesHex(hexToBytes(publicKey)).slice(0, 20));
}

/** 留痕校验码: the first 64 bits of a log entry's hash, in groups of four. */
export function headCode(hash: string): string {
  return groups(hash.slice(0, 16));
}

/** A code as typed by a person (any case, with or without dashes/spaces) -> hex prefix, or null. */
export function normaliseHeadCode(code: string): string | null {
  const hex = code.replace(/[\s\-－—]/g, '').toLowerCase();
  return /^[0-9a-f]{16}$/.test(hex) ? hex : null;
}
