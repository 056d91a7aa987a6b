// The desktop's "save every file into a folder" channel: the pure handler (fake dialog and file
// system), the zod contract's refusal of unsafe names, and the listener's sender check.
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  fileNameProblem,
  MAX_FOLDER_FILES,
  parseIpcRequest,
  type SaveFilesToFolderRequest,
} from '../../shared/ipc/contract';
import {
  saveFilesToFolder,
  type DialogPort,
  type FolderCleanupPort,
  type FsPort,
  type HandlerDeps,
} from '../../electron/main/ipc-handlers';
import { createIpcListener, type IpcInvokeEvent } from '../../electron/main/ipc-register';

const PARENT = path.resolve('/home/u/文档/整改函');
const DOCUMENTS = path.resolve('/home/u/Documents');

function errno(code: string): Error {
  return Object.assign(new Error(code), { code });
}

/** An in-memory file system with real folder semantics for mkdir (EEXIST) and rename. */
function fakeFs(options: { existingDirs?: string[]; failWrite?: (p: string) => boolean } = {}) {
  const files = new Map<string, Uint8Array>();
  const dirs = new Set<string>([PARENT, ...(options.existingDirs ?? [])]);
  const fs: Required<FsPort> & FolderCleanupPort & { files: Map<string, Uint8Array>; dirs: Set<string> } = {
    files,
    dirs,
    stat: vi.fn(async () => {
      throw errno('ENOENT');
    }),
    readFile: vi.fn(async () => {
      throw errno('ENOENT');
    }),
    writeFile: vi.fn(async (p: string, data: Uint8Array) => {
      if (!dirs.has(path.dirname(p))) throw errno('ENOENT');
      if (options.failWrite?.(p)) throw errno('ENOSPC');
      files.set(p, data);
    }),
    mkdir: vi.fn(async (p: string) => {
      if (dirs.has(p)) throw errno('EEXIST');
      if (!dirs.has(path.dirname(p))) throw errno('ENOENT');
      dirs.add(p);
    }),
    readdir: vi.fn(async () => []),
    rename: vi.fn(async (from: string, to: string) => {
      const data = files.get(from);
      if (!data) throw errno('ENOENT');
      if (files.has(to)) throw errno('EEXIST');
      files.delete(from);
      files.set(to, data);
    }),
    unlink: vi.fn(async (p: string) => {
      if (!files.delete(p)) throw errno('ENOENT');
    }),
    rmdir: vi.fn(async (p: string) => {
      if ([...files.keys()].some((f) => path.dirname(f) === p)) throw errno('ENOTEMPTY');
      dirs.delete(p);
    }),
  };
  return fs;
}

function deps(fs = fakeFs(), chosen: string | null = PARENT) {
  const dialog: DialogPort = {
    showOpenDialog: vi.fn(async () =>
      chosen === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [chosen] },
    ),
    showSaveDialog: vi.fn(async () => ({ canceled: true })),
  };
  const d: HandlerDeps & { fs: typeof fs } = {
    dialog,
    fs,
    paths: { userData: path.resolve('/home/u/.config/评查台'), documents: DOCUMENTS },
    appVersion: '0.1.0',
  };
  return d;
}

const letters = [
  { name: '01-城管局-德法函〔2026〕1号.docx', bytes: new Uint8Array([1, 2]) },
  { name: '01-城管局-德法函〔2026〕1号.pdf', bytes: new Uint8Array([3]) },
  { name: '02-市场监管局-草稿.docx', bytes: new Uint8Array([4]) },
];

describe('saveFilesToFolder handler', () => {
  it('returns saved:false and writes nothing when the folder dialog is cancelled', async () => {
    const d = deps(fakeFs(), null);
    await expect(saveFilesToFolder(d, { suggestedFolderName: '整改函', files: letters })).resolves.toEqual({
      saved: false,
    });
    expect(d.fs.mkdir).not.toHaveBeenCalled();
    expect(d.fs.writeFile).not.toHaveBeenCalled();
  });

  it('asks for a folder and writes every file into a new sub-folder via temporary names', async () => {
    const d = deps();
    const result = await saveFilesToFolder(d, { suggestedFolderName: '2026年评查-整改函', files: letters });
    const folder = path.join(PARENT, '2026年评查-整改函');
    expect(result).toEqual({ saved: true, folder, written: letters.map((l) => l.name) });
    expect(d.dialog.showOpenDialog).toHaveBeenCalledWith(
      expect.objectContaining({ properties: ['openDirectory', 'createDirectory'], defaultPath: DOCUMENTS }),
    );
    expect([...d.fs.files.keys()].sort()).toEqual(letters.map((l) => path.join(folder, l.name)).sort());
    expect(d.fs.files.get(path.join(folder, letters[0]!.name))).toEqual(new Uint8Array([1, 2]));
    // Each file was first written elsewhere, then renamed onto its real name.
    for (const call of vi.mocked(d.fs.writeFile).mock.calls) {
      expect(letters.map((l) => path.join(folder, l.name))).not.toContain(call[0]);
    }
    expect(d.fs.rename).toHaveBeenCalledTimes(letters.length);
  });

  it('never reuses an existing folder: adds (2), (3) ...', async () => {
    const fs = fakeFs({ existingDirs: [path.join(PARENT, '整改函'), path.join(PARENT, '整改函 (2)')] });
    const d = deps(fs);
    const result = await saveFilesToFolder(d, { suggestedFolderName: '整改函', files: letters });
    expect(result.folder).toBe(path.join(PARENT, '整改函 (3)'));
    expect([...fs.files.keys()].every((f) => path.dirname(f) === path.join(PARENT, '整改函 (3)'))).toBe(true);
  });

  it('sanitises the folder name and refuses unsafe file names before opening the dialog', async () => {
    const d = deps();
    const result = await saveFilesToFolder(d, { suggestedFolderName: 'a/b:c?', files: letters });
    expect(result.folder).toBe(path.join(PARENT, 'b_c_'));

    for (const name of ['../逃逸.pdf', 'a\\b.pdf', 'CON.pdf', '.hidden', 'x.pdf ']) {
      const d2 = deps();
      await expect(
        saveFilesToFolder(d2, {
          suggestedFolderName: '整改函',
          files: [{ name, bytes: new Uint8Array([1]) }],
        }),
      ).rejects.toThrow(/^无法保存：文件名/);
      expect(d2.dialog.showOpenDialog).not.toHaveBeenCalled();
      expect(d2.fs.writeFile).not.toHaveBeenCalled();
    }
  });

  it('on a write failure: a Chinese error, no temporary files left, the new folder removed', async () => {
    const fs = fakeFs({ failWrite: (p) => p.includes('02-市场监管局') });
    const d = deps(fs);
    await expect(saveFilesToFolder(d, { suggestedFolderName: '整改函', files: letters })).rejects.toThrow(
      /无法在「.*整改函」中写入「02-市场监管局-草稿\.docx」：磁盘空间不足。没有保存任何文件/,
    );
    expect(fs.files.size).toBe(0);
    expect(fs.dirs.has(path.join(PARENT, '整改函'))).toBe(false);
  });

  it('on a rename failure: says how many were saved and cleans the remaining temporary files', async () => {
    const fs = fakeFs();
    let renames = 0;
    const rename = fs.rename;
    fs.rename = vi.fn(async (from: string, to: string) => {
      if (++renames === 2) throw errno('EACCES');
      await rename(from, to);
    });
    const d = deps(fs);
    await expect(saveFilesToFolder(d, { suggestedFolderName: '整改函', files: letters })).rejects.toThrow(
      /没有权限.*已保存 1 个文件，其余 2 个未保存/,
    );
    expect([...fs.files.keys()]).toEqual([path.join(PARENT, '整改函', letters[0]!.name)]);
  });

  it('explains in Chinese when the sub-folder cannot be created', async () => {
    const d = deps(fakeFs(), path.join(PARENT, '不存在'));
    await expect(saveFilesToFolder(d, { suggestedFolderName: '整改函', files: letters })).rejects.toThrow(
      /无法在「.*不存在」中新建文件夹「整改函」：文件或文件夹不存在/,
    );
  });
});

describe('save-to-folder contract', () => {
  const valid: SaveFilesToFolderRequest = { suggestedFolderName: '整改函', files: letters };

  it('accepts plain names (Chinese, brackets, spaces inside)', () => {
    expect(parseIpcRequest('saveFilesToFolder', valid).ok).toBe(true);
    expect(fileNameProblem('01-城管局-德法函〔2026〕1号 终稿.pdf')).toBeNull();
  });

  it.each([
    ['../a.pdf', /路径分隔符/],
    ['a/b.pdf', /路径分隔符/],
    ['a\\b.pdf', /路径分隔符/],
    ['a..pdf', /含有“\.\.”/],
    ['..', /含有“\.\.”/],
    ['nul', /保留名称/],
    ['COM1.docx', /保留名称/],
    ['a:b.pdf', /不允许的字符/],
    ['a\u0000.pdf', /不允许的字符/],
    ['.bashrc', /不能以点开头/],
    ['a.pdf.', /不能以点或空格结尾/],
    ['', /不能为空/],
    ['长'.repeat(201), /不能超过 200 个字符/],
  ])('refuses the file name %j in Chinese', (name, message) => {
    const parsed = parseIpcRequest('saveFilesToFolder', {
      ...valid,
      files: [{ name, bytes: new Uint8Array([1]) }],
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toMatch(/^「保存到文件夹」的参数无效：files\.0\.name：/);
      expect(parsed.message).toMatch(message);
    }
  });

  it('refuses an unsafe folder name, duplicates (ignoring case), too many files and no files', () => {
    const bad = (request: unknown) => {
      const parsed = parseIpcRequest('saveFilesToFolder', request);
      return parsed.ok ? '' : parsed.message;
    };
    expect(bad({ ...valid, suggestedFolderName: '../上级' })).toMatch(/suggestedFolderName：.*路径分隔符/);
    expect(
      bad({
        ...valid,
        files: [
          { name: '甲.PDF', bytes: new Uint8Array() },
          { name: '甲.pdf', bytes: new Uint8Array() },
        ],
      }),
    ).toMatch(/files\.1\.name：文件名「甲\.pdf」重复/);
    const many = Array.from({ length: MAX_FOLDER_FILES + 1 }, (_, i) => ({
      name: `${i}.pdf`,
      bytes: new Uint8Array(),
    }));
    expect(bad({ ...valid, files: many })).toMatch(/一次最多保存 1000 个文件/);
    expect(bad({ ...valid, files: [] })).toMatch(/至少要有一个文件/);
    expect(bad({ ...valid, extra: 1 })).toMatch(/参数无效/);
  });
});

describe('save-to-folder listener', () => {
  const ok: IpcInvokeEvent = { senderFrame: { url: 'app://pingcha/index.html', parent: null } };

  it('refuses foreign senders and bad names before any dialog; runs for the app itself', async () => {
    const d = deps();
    const listen = createIpcListener('saveFilesToFolder', { allowDevServer: false, depsFor: () => d });
    await expect(
      listen({ senderFrame: { url: 'https://evil.example/', parent: null } }, valid()),
    ).rejects.toThrow(/「保存到文件夹」被拒绝/);
    await expect(
      listen({ senderFrame: { url: 'app://pingcha/index.html', parent: {} } }, valid()),
    ).rejects.toThrow(/被拒绝/);
    await expect(
      listen(ok, { suggestedFolderName: '整改函', files: [{ name: '../x', bytes: new Uint8Array() }] }),
    ).rejects.toThrow(/路径分隔符/);
    expect(d.dialog.showOpenDialog).not.toHaveBeenCalled();
    await expect(listen(ok, valid())).resolves.toMatchObject({ saved: true, written: [letters[0]!.name] });
  });

  function valid() {
    return { suggestedFolderName: '整改函', files: [letters[0]!] };
  }
});
