import type { FileSink, PickedFile, Platform, SaveFileRequest, SaveStreamRequest } from './types';

/** Offers `blob` as a download named `name`. */
function download(doc: Document, name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface SavePickerWindow {
  showSaveFilePicker?(options: {
    suggestedName: string;
    types?: { description: string; accept: Record<string, string[]> }[];
  }): Promise<{
    createWritable(): Promise<{
      write(data: BufferSource): Promise<void>;
      close(): Promise<void>;
      abort(): Promise<void>;
    }>;
  }>;
}

/**
 * A file written piece by piece: when asked, into the file the user picks (showSaveFilePicker,
 * Chromium); else the pieces are kept as a list and downloaded as one Blob made of them (no joined copy).
 */
async function openFileSink(
  doc: Document,
  { suggestedName, filters, ask }: SaveStreamRequest,
): Promise<FileSink | null> {
  const picker = ask ? (doc.defaultView as SavePickerWindow | null)?.showSaveFilePicker : undefined;
  if (picker) {
    let handle;
    try {
      handle = await picker.call(doc.defaultView, {
        suggestedName,
        ...(filters?.length
          ? {
              types: filters.map((f) => ({
                description: f.name,
                accept: { 'application/octet-stream': f.extensions.map((e) => '.' + e) },
              })),
            }
          : {}),
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return null;
      throw e;
    }
    const writable = await handle.createWritable();
    return {
      write: (piece) => writable.write(piece as BufferSource),
      close: () => writable.close(),
      abort: () => writable.abort(),
    };
  }
  const pieces: Uint8Array[] = [];
  return {
    write: async (piece) => void pieces.push(piece),
    close: async () => download(doc, suggestedName, new Blob(pieces as BlobPart[])),
    abort: async () => void pieces.splice(0),
  };
}

/** The web build's platform: a hidden <input type=file> to open, a download to save. */
export function createBrowserPlatform(doc: Document = document): Platform {
  return {
    kind: 'browser',
    openFiles({ multiple, filters }) {
      return new Promise<PickedFile[]>((resolve, reject) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.multiple = multiple;
        if (filters?.length)
          input.accept = filters.flatMap((f) => f.extensions.map((e) => '.' + e)).join(',');
        input.style.display = 'none';
        input.addEventListener('change', () => {
          const files = Array.from(input.files ?? []);
          input.remove();
          Promise.all(
            files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
          ).then(resolve, reject);
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve([]);
        });
        doc.body.appendChild(input);
        input.click();
      });
    },
    async saveFile({ suggestedName, bytes }: SaveFileRequest) {
      download(doc, suggestedName, new Blob([bytes as BlobPart]));
      return true;
    },
    saveFileStream: (request) => openFileSink(doc, request),
    async appVersion() {
      return __APP_VERSION__;
    },
    // A web page cannot read the system's font folders: documents use the bundled open fonts.
    async officeFonts() {
      return { fonts: [], skipped: [] };
    },
    async dataPaths() {
      return null;
    },
  };
}
