import { createContext, useContext } from 'react';
import { operatorLabel, operatorSettingsSchema, type OperatorSettings } from '@shared/util/operator-settings';
import { OPERATOR_AREA } from '../db/settings-repository';
import { useSettings } from '../db/hooks/settings';
import type { OfficersImporter } from '../workers/officers-import-protocol';
import { createWorkerOfficersImporter } from '../workers/officers-import-client';
import {
  DEFAULT_OFFICERS_AREA_SETTINGS,
  OFFICERS_SETTINGS_AREA,
  officersAreaSettingsSchema,
  type OfficersAreaSettings,
} from './officer-settings';

/** Makes a fresh officers importer: the Web Worker in the app, the in-process one in tests. */
export const OfficersImporterContext = createContext<() => OfficersImporter>(createWorkerOfficersImporter);

export function useOfficersImporterFactory(): () => OfficersImporter {
  return useContext(OfficersImporterContext);
}

export function useOfficersSettings(): [OfficersAreaSettings, (v: OfficersAreaSettings) => Promise<unknown>] {
  const [value, save] = useSettings(OFFICERS_SETTINGS_AREA, officersAreaSettingsSchema);
  return [value ?? DEFAULT_OFFICERS_AREA_SETTINGS, save];
}

/** The person at this machine, for actor / by fields. */
export function useOperator(): { label: string; settings: OperatorSettings | undefined } {
  const [settings] = useSettings(OPERATOR_AREA, operatorSettingsSchema);
  return { label: operatorLabel(settings ?? operatorSettingsSchema.parse({})), settings };
}
