// Shared by the import tests that feed the service bad or hostile files: a store that already holds one
// ledger (so "nothing changed" means something), and the error an import step rejects with.
import type { PingchaDatabase } from '../../renderer/db/database';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import { emptyMapping } from '../../shared/ledger/header';
import { freshDb, makeRecords } from './helpers';

/** A fresh store holding one earlier import of five case files. */
export async function seededDb(): Promise<PingchaDatabase> {
  const db = freshDb();
  await importCaseFiles(
    db,
    {
      fileName: '已有台账.xlsx',
      sheetName: 'Sheet1',
      sha256: 'e'.repeat(64),
      fileSize: 1,
      encoding: null,
      headerRow: 0,
      headers: ['案件编号'],
      mapping: emptyMapping(),
      defaultDepartment: null,
      defaultCaseType: null,
      counts: { rowsRead: 5, errors: 0, warnings: 0, excluded: 0 },
    },
    makeRecords(5),
  );
  return db;
}

/** The error `step` rejects with, or null when it resolves. */
export function rejection(step: Promise<unknown>): Promise<Error | null> {
  return step.then(
    () => null,
    (e: Error) => e,
  );
}
