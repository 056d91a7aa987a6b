// The office key file (密钥文件): the office's Ed25519 secret key encrypted with a passphrase
// (WebCrypto PBKDF2-SHA-256 -> AES-256-GCM), so the key can move to a new machine without ever
// being in a backup. The public key and its fingerprint stay readable in the file.
import { MIN_PASSPHRASE_LENGTH, passphraseProblem } from './passphrase-rule';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { keyFingerprint, publicKeyOf, type SigningKeyPair } from './signing';

export const KEY_FILE_FORMAT = 'pingcha.office-key';
export const KEY_FILE_EXTENSION = 'pingcha-key';
const ITERATIONS = 310_000;

export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

interface KeyFileJson {
  format: typeof KEY_FILE_FORMAT;
  formatVersion: 1;
  publicKey: string;
  fingerprint: string;
  createdAt: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  ciphertext: string;
}

async function aesKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export { MIN_PASSPHRASE_LENGTH };

export async function exportKeyFile(
  key: SigningKeyPair,
  passphrase: string,
  createdAt: string,
  iterations = ITERATIONS,
): Promise<Uint8Array> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new KeyFileError(problem);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const aes = await aesKey(passphrase, salt, iterations);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: iv as BufferSource, additionalData: new TextEncoder().encode(key.publicKey) },
      aes,
      hexToBytes(key.secretKey) as BufferSource,
    ),
  );
  const json: KeyFileJson = {
    format: KEY_FILE_FORMAT,
    formatVersion: 1,
    publicKey: key.publicKey,
    fingerprint: keyFingerprint(key.publicKey),
    createdAt,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: bytesToHex(salt) },
    cipher: { name: 'AES-GCM', iv: bytesToHex(iv) },
    ciphertext: bytesToHex(sealed),
  };
  return new TextEncoder().encode(JSON.stringify(json, null, 2));
}

/** Opens a key file; throws KeyFileError (Chinese, names the file) on anything wrong. */
export async function importKeyFile(
  bytes: Uint8Array,
  passphrase: string,
  fileName: string,
): Promise<SigningKeyPair> {
  let json: KeyFileJson;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as KeyFileJson;
  } catch {
    throw new KeyFileError(`文件“${fileName}”不是评查台的密钥文件。`);
  }
  const hex = (v: unknown, n: number) => typeof v === 'string' && new RegExp(`^[0-9a-f]{${n}}$`).test(v);
  if (
    json?.format !== KEY_FILE_FORMAT ||
    json.formatVersion !== 1 ||
    !hex(json.publicKey, 64) ||
    !hex(json.kdf?.salt, 32) ||
    !hex(json.cipher?.iv, 24) ||
    typeof json.ciphertext !== 'string' ||
    !/^[0-9a-f]+$/.test(json.ciphertext) ||
    !Number.isInteger(json.kdf?.iterations) ||
    json.kdf.iterations < 1000 ||
    json.kdf.iterations > 10_000_000
  ) {
    throw new KeyFileError(`文件“${fileName}”不是评查台的密钥文件，或内容不完整。`);
  }
  let secret: Uint8Array;
  try {
    const aes = await aesKey(passphrase, hexToBytes(json.kdf.salt), json.kdf.iterations);
    secret = new Uint8Array(
      await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: hexToBytes(json.cipher.iv) as BufferSource,
          additionalData: new TextEncoder().encode(json.publicKey),
        },
        aes,
        hexToBytes(json.ciphertext) as BufferSource,
      ),
    );
  } catch {
    throw new KeyFileError(`口令不正确，或密钥文件“${fileName}”已被改动，无法打开。`);
  }
  const secretKey = bytesToHex(secret);
  if (secret.length !== 32 || publicKeyOf(secretKey) !== json.publicKey)
    throw new KeyFileError(`密钥文件“${fileName}”中的私钥与公钥不符，文件已损坏。`);
  return { secretKey, publicKey: json.publicKey };
}
