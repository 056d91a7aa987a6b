// The ledger import wizard's model: the settings a file is checked with, the wizard's stages, and the
// suggestions made when a file is opened (a department's remembered mapping).
import type { ColumnMapping, LedgerField } from '@shared/ledger/types';
import { LEDGER_FIELDS, mappingFromHeaderNames } from '@shared/ledger/header';
import type { ImportRecord } from '../db/schema';
import type {
  AnalyseRequest,
  EncodingChoice,
  ImportReportSummary,
  OpenedFile,
  Progress as ImportProgress,
} from '../workers/ledger-import-protocol';

export interface Config {
  encoding: EncodingChoice;
  headerRow: number;
  mapping: ColumnMapping;
  defaultDepartment: string;
  defaultCaseType: string;
  remember: boolean;
  insist: boolean;
  /** Answers for department names the directory does not know (name -> directory name or itself). */
  departmentChoices: Record<string, string>;
}

/** An opened file with the settings it would be checked with. */
export interface Prepared {
  file: OpenedFile;
  config: Config;
  duplicates: ImportRecord[];
  remembered: string | null;
}

/** What the worker is asked to check (never the stored ids: the worker keeps its own index of them). */
export function analyseRequest(file: OpenedFile, config: Config): AnalyseRequest {
  return {
    fileKey: file.fileKey,
    sheetIndex: file.sheetIndex,
    headerRow: config.headerRow,
    mapping: config.mapping,
    defaultDepartment: config.defaultDepartment.trim() || null,
    defaultCaseType: config.defaultCaseType.trim() || null,
    departmentChoices: config.departmentChoices,
  };
}

export type Stage =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string; progress: ImportProgress | null; phase: 'read' | 'analyse' | 'write' }
  | { kind: 'configure'; file: OpenedFile; duplicates: ImportRecord[]; remembered: string | null }
  | { kind: 'report'; file: OpenedFile; summary: ImportReportSummary; duplicates: ImportRecord[] }
  | { kind: 'done'; record: ImportRecord }
  | { kind: 'error'; fileName: string; message: string };

/** A remembered mapping applies only when every column it names is present in this file. */
export function applyRemembered(
  byHeader: Record<LedgerField, string | null>,
  headers: string[],
): ColumnMapping | null {
  const mapping = mappingFromHeaderNames(byHeader, headers);
  const named = LEDGER_FIELDS.filter((f) => byHeader[f]);
  return named.length > 0 && named.every((f) => mapping[f] !== null) ? mapping : null;
}

export function firstDepartment(opened: OpenedFile, mapping: ColumnMapping): string | null {
  const col = mapping.department;
  if (col === null || !opened.header) return null;
  const from = Math.max(0, opened.header.headerRow - 3);
  const row = opened.preview[opened.header.headerRow - from + 1];
  const v = row?.[col]?.trim();
  return v || null;
}
