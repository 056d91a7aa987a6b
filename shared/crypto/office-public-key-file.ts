// The office's public key file (本单位公钥文件, .pingcha-office-key): the office's name and the public
// half of its signing key, handed to each reviewer with (or before) their assignment package. A laptop
// told to trust it shows the office by name and fingerprint, and refuses an assignment package signed
// by any other key. It holds no secret; what makes it trustworthy is that the reviewer gets it from the
// office directly and compares the fingerprint in words.
import { z } from 'zod';
import { keyFingerprint } from './signing';

export const OFFICE_PUBLIC_KEY_FORMAT = 'pingcha.office-public-key';
export const OFFICE_PUBLIC_KEY_EXTENSION = 'pingcha-office-key';

const fileSchema = z.object({
  format: z.literal(OFFICE_PUBLIC_KEY_FORMAT),
  office: z.string().trim().min(1).max(100),
  publicKey: z.string().regex(/^[0-9a-f]{64}$/),
});

export interface OfficePublicKey {
  office: string;
  publicKey: string;
  fingerprint: string;
}

export class OfficePublicKeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfficePublicKeyFileError';
  }
}

export function encodeOfficePublicKey(office: string, publicKey: string): Uint8Array {
  const parsed = fileSchema.safeParse({ format: OFFICE_PUBLIC_KEY_FORMAT, office, publicKey });
  if (!parsed.success) throw new OfficePublicKeyFileError('请填写本单位名称（不超过 100 个字）。');
  return new TextEncoder().encode(JSON.stringify(parsed.data, null, 2));
}

/** Reads a public key file; throws OfficePublicKeyFileError (Chinese, names the file). */
export function decodeOfficePublicKey(bytes: Uint8Array, fileName: string): OfficePublicKey {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    json = null;
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success)
    throw new OfficePublicKeyFileError(
      `文件“${fileName}”不是评查台的本单位公钥文件（.${OFFICE_PUBLIC_KEY_EXTENSION}），未使用。`,
    );
  return { ...parsed.data, fingerprint: keyFingerprint(parsed.data.publicKey) };
}
