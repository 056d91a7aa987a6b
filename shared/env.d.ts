// Web-standard globals available in browsers, Web Workers and Node >= 20 alike.
// Declared here so that shared/ type-checks without the DOM or Node libraries.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const crypto: {
  getRandomValues<T extends ArrayBufferView>(array: T): T;
  readonly subtle: SubtleCrypto;
};

// WebCrypto, as far as shared/ uses it (the office key file: PBKDF2 -> AES-GCM; Ed25519 signing).
type BufferSource = ArrayBufferView | ArrayBuffer;
interface CryptoKey {
  readonly type: string;
}
interface SubtleCrypto {
  importKey(
    format: 'raw' | 'pkcs8',
    keyData: BufferSource,
    algorithm: string | { name: string },
    extractable: boolean,
    usages: string[],
  ): Promise<CryptoKey>;
  deriveKey(
    algorithm: { name: string; hash: string; salt: BufferSource; iterations: number },
    baseKey: CryptoKey,
    derivedKeyType: { name: string; length: number },
    extractable: boolean,
    usages: string[],
  ): Promise<CryptoKey>;
  encrypt(
    algorithm: { name: string; iv: BufferSource; additionalData?: BufferSource },
    key: CryptoKey,
    data: BufferSource,
  ): Promise<ArrayBuffer>;
  decrypt(
    algorithm: { name: string; iv: BufferSource; additionalData?: BufferSource },
    key: CryptoKey,
    data: BufferSource,
  ): Promise<ArrayBuffer>;
  sign(algorithm: string | { name: string }, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
}
