// Issue 31: the web build saves a backup as its pieces arrive: into the file chosen in the browser's save
// dialog (showSaveFilePicker) when the user asked for one, else as one download made of the pieces (a Blob
// of the list, never one joined array).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserPlatform } from '../../renderer/platform/browser';

const pieces = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]), new Uint8Array([6])];
type PickerWindow = Window & { showSaveFilePicker?: unknown };

afterEach(() => {
  delete (window as PickerWindow).showSaveFilePicker;
  vi.restoreAllMocks();
});

describe('browser platform: a file saved piece by piece', () => {
  it('without a save dialog: one download of a Blob made of the pieces', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (blobs.push(b), 'blob:x')) as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe('评查台备份.pingcha-backup');
    });
    const sink = await createBrowserPlatform(document).saveFileStream!({
      suggestedName: '评查台备份.pingcha-backup',
      ask: true,
    });
    for (const p of pieces) await sink!.write(p);
    expect(click).not.toHaveBeenCalled(); // nothing leaves before the file is complete
    await sink!.close();
    expect(click).toHaveBeenCalledTimes(1);
    expect(new Uint8Array(await blobs[0]!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6]));
  });

  it('with a save dialog: each piece written into the chosen file as it comes; a cancelled dialog is null', async () => {
    const written: number[][] = [];
    const calls: string[] = [];
    const writable = {
      write: vi.fn(async (d: Uint8Array) => void written.push([...d])),
      close: vi.fn(async () => void calls.push('close')),
      abort: vi.fn(async () => void calls.push('abort')),
    };
    const picker = vi.fn(async () => ({ createWritable: async () => writable }));
    (window as PickerWindow).showSaveFilePicker = picker;
    const platform = createBrowserPlatform(document);
    const sink = await platform.saveFileStream!({
      suggestedName: 'a.pingcha-backup',
      filters: [{ name: '评查台备份', extensions: ['pingcha-backup'] }],
      ask: true,
    });
    expect(picker).toHaveBeenCalledWith({
      suggestedName: 'a.pingcha-backup',
      types: [{ description: '评查台备份', accept: { 'application/octet-stream': ['.pingcha-backup'] } }],
    });
    await sink!.write(pieces[0]!);
    expect(written).toEqual([[1, 2, 3]]);
    for (const p of pieces.slice(1)) await sink!.write(p);
    await sink!.close();
    expect(written).toEqual([[1, 2, 3], [4, 5], [6]]);
    expect(calls).toEqual(['close']);

    picker.mockRejectedValueOnce(new DOMException('The user aborted a request.', 'AbortError'));
    await expect(platform.saveFileStream!({ suggestedName: 'b', ask: true })).resolves.toBeNull();
    // A safety backup (not asked for) never opens the dialog.
    picker.mockClear();
    await platform.saveFileStream!({ suggestedName: 'c', ask: false });
    expect(picker).not.toHaveBeenCalled();
  });
});
