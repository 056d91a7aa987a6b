// Helpers for the letters area: its settings, today's date, file names.
import dayjs from 'dayjs';
import { letterSettingsSchema, LETTERS_SETTINGS_AREA } from '@shared/letters/letter-settings';
import { useSettings } from '../db/hooks/settings';

export function useLetterSettings() {
  return useSettings(LETTERS_SETTINGS_AREA, letterSettingsSchema);
}

/** Local date as ISO (the office's calendar day, not UTC). */
export const todayIso = (): string => dayjs().format('YYYY-MM-DD');

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
