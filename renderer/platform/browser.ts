import type { PickedFile, Platform, SaveFileRequest } from './types';

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
      const blob = new Blob([bytes as BlobPart]);
      const url = URL.createObjectURL(blob);
      const a = doc.createElement('a');
      a.href = url;
      a.download = suggestedName;
      doc.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    },
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
