// Live reads and helpers for the letters area: settings, letters, numbers, user fonts, today's date.
import { useLiveQuery } from 'dexie-react-hooks';
import dayjs from 'dayjs';
import {
  letterSettingsSchema,
  LETTERS_SETTINGS_AREA,
  type LetterSettings,
} from '@shared/letters/letter-settings';
import { operatorLabel, operatorSettingsSchema } from '@shared/util/operator-settings';
import { getDatabase } from '../db/database';
import type { PingchaDatabase } from '../db/database';
import { OPERATOR_AREA } from '../db/settings-repository';
import { listLetterNumbers, listLetters, type LetterRecord } from '../db/letters-repository';
import { useSettings } from '../db/hooks/settings';
import type { FontOverrides } from '../workers/documents-protocol';

export function useLetterSettings() {
  return useSettings(LETTERS_SETTINGS_AREA, letterSettingsSchema);
}

export function useOperatorName(): string {
  const [s] = useSettings(OPERATOR_AREA, operatorSettingsSchema);
  return s ? operatorLabel(s) : '未署名操作人员';
}

export function useLetters(campaignId?: string | null): LetterRecord[] | undefined {
  return useLiveQuery(
    () => (campaignId === null ? Promise.resolve([]) : listLetters(getDatabase(), campaignId)),
    [campaignId],
  );
}

export function useLetterNumbers() {
  return useLiveQuery(() => listLetterNumbers(getDatabase()), []);
}

/** Local date as ISO (the office's calendar day, not UTC). */
export const todayIso = (): string => dayjs().format('YYYY-MM-DD');

/** The user's fonts from 设置 (attachments table), as the document renderer takes them. */
export async function readFontOverrides(
  db: PingchaDatabase,
  s: LetterSettings,
): Promise<FontOverrides | undefined> {
  const [body, title] = await Promise.all([
    s.bodyFontId ? db.attachments.get(s.bodyFontId) : undefined,
    s.titleFontId ? db.attachments.get(s.titleFontId) : undefined,
  ]);
  if (!body && !title) return undefined;
  return { ...(body ? { body: body.bytes } : {}), ...(title ? { title: title.bytes } : {}) };
}

/** A file name without characters Windows refuses. */
/**
 * A plain file name part for Windows and Linux (the desktop's save-to-folder refuses anything else):
 * no separators, reserved or control characters, no "..", no leading dot, no trailing dot or space.
 */
export const safeFileName = (s: string): string => {
  const name = s
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\\/:*?"<>|\s\u0000-\u001f\u007f]+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^\.+/, '_')
    .replace(/\.+$/, '_')
    .slice(0, 80);
  return /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i.test(name) ? `_${name}` : name || '_';
};
