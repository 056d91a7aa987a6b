import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../database';
import {
  exportOfficeKeyFile,
  importOfficeKeyFile,
  readOfficeKeyInfo,
  rotateOfficeKey,
  type OfficeKeyInfo,
} from '../office-key-repository';
import { onStore } from './on-store';

/** 本单位签名密钥: its writes bound to the app's store. */
export const officeKeyStore = onStore({ exportOfficeKeyFile, importOfficeKeyFile, rotateOfficeKey });

/**
 * The office key's fingerprint and history; `version` re-reads it after a change (the key's secret
 * half is not in a table Dexie watches).
 */
export function useOfficeKeyInfo(version: number): OfficeKeyInfo | undefined {
  return useLiveQuery(() => readOfficeKeyInfo(getDatabase()), [version]);
}
