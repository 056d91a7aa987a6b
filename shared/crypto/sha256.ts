import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** SHA-256 of a string's UTF-8 bytes as 64 lowercase hex characters. */
export type Sha256Hex = (text: string) => string;

/** Portable SHA-256 (browser, Worker, Node). Node callers may inject node:crypto for speed. */
export const sha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

export function sha256BytesHex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}
