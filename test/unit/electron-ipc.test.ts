import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  BRIDGE_METHODS,
  IPC_CHANNELS,
  MAX_OPEN_FILE_BYTES,
  MAX_OPEN_TOTAL_BYTES,
  parseIpcRequest,
} from '../../shared/ipc/contract';
import {
  appVersion,
  dataPaths,
  openFiles,
  sanitizeFileName,
  saveFile,
  UserFacingError,
  type DialogPort,
  type FsPort,
  type HandlerDeps,
} from '../../electron/main/ipc-handlers';
import {
  createIpcListener,
  isTrustedSender,
  registerIpcHandlers,
  type IpcInvokeEvent,
} from '../../electron/main/ipc-register';

const USER_DATA = path.resolve('/home/u/.config/评查台');
const DOCUMENTS = path.resolve('/home/u/Documents');

interface FakeFile {
  bytes: Uint8Array;
  /** Reported by stat, when different from the content (to simulate huge files cheaply). */
  size?: number;
  directory?: boolean;
}

function fakeFs(initial: Record<string, FakeFile> = {}) {
  const files = new Map(Object.entries(initial));
  const dirs = new Set<string>();
  const fs: FsPort & { files: Map<string, FakeFile>; dirs: Set<string> } = {
    files,
    dirs,
    stat: vi.fn(async (p: string) => {
      const file = files.get(p);
      if (!file) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return { size: file.size ?? file.bytes.byteLength, isFile: () => !file.directory };
    }),
    readFile: vi.fn(async (p: string) => {
      const file = files.get(p);
      if (!file) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return file.bytes;
    }),
    writeFile: vi.fn(async (p: string, data: Uint8Array) => {
      files.set(p, { bytes: data });
    }),
    mkdir: vi.fn(async (p: string) => {
      dirs.add(p);
    }),
  };
  return fs;
}

function fakeDialog(
  open: { canceled: boolean; filePaths: string[] },
  save: { canceled: boolean; filePath?: string },
) {
  const dialog: DialogPort = {
    showOpenDialog: vi.fn(async () => open),
    showSaveDialog: vi.fn(async () => save),
  };
  return dialog;
}

function deps(overrides: Partial<HandlerDeps> = {}): HandlerDeps {
  return {
    dialog: fakeDialog({ canceled: true, filePaths: [] }, { canceled: true }),
    fs: fakeFs(),
    paths: { userData: USER_DATA, documents: DOCUMENTS },
    appVersion: '0.1.0',
    ...overrides,
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('openFiles', () => {
  it('returns name and bytes of each chosen file', async () => {
    const a = path.resolve('/data/台账A.xlsx');
    const b = path.resolve('/data/台账B.csv');
    const fs = fakeFs({ [a]: { bytes: bytes('A') }, [b]: { bytes: bytes('BB') } });
    const dialog = fakeDialog({ canceled: false, filePaths: [a, b] }, { canceled: true });
    const filters = [{ name: '表格文件', extensions: ['xlsx', 'csv'] }];
    const result = await openFiles(deps({ fs, dialog }), { multiple: true, filters });
    expect(result).toEqual([
      { name: '台账A.xlsx', bytes: bytes('A') },
      { name: '台账B.csv', bytes: bytes('BB') },
    ]);
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      expect.objectContaining({ properties: ['openFile', 'multiSelections'], filters }),
    );
  });

  it('asks for a single file when multiple is false and ignores extra paths', async () => {
    const a = path.resolve('/data/a.csv');
    const b = path.resolve('/data/b.csv');
    const fs = fakeFs({ [a]: { bytes: bytes('a') }, [b]: { bytes: bytes('b') } });
    const dialog = fakeDialog({ canceled: false, filePaths: [a, b] }, { canceled: true });
    const result = await openFiles(deps({ fs, dialog }), { multiple: false });
    expect(result.map((f) => f.name)).toEqual(['a.csv']);
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(expect.objectContaining({ properties: ['openFile'] }));
  });

  it('returns [] when the user cancels, without touching the disk', async () => {
    const fs = fakeFs();
    const result = await openFiles(
      deps({ fs, dialog: fakeDialog({ canceled: true, filePaths: [] }, { canceled: true }) }),
      {
        multiple: true,
      },
    );
    expect(result).toEqual([]);
    expect(fs.stat).not.toHaveBeenCalled();
    expect(fs.readFile).not.toHaveBeenCalled();
  });

  it('refuses a file over the size limit, naming it, before reading anything', async () => {
    const small = path.resolve('/data/small.csv');
    const huge = path.resolve('/data/巨大台账.xlsx');
    const fs = fakeFs({
      [small]: { bytes: bytes('x') },
      [huge]: { bytes: bytes('x'), size: MAX_OPEN_FILE_BYTES + 1 },
    });
    const dialog = fakeDialog({ canceled: false, filePaths: [small, huge] }, { canceled: true });
    const error = await openFiles(deps({ fs, dialog }), { multiple: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as Error).message).toMatch(/巨大台账\.xlsx.*超过单个文件 300\.0 MB 的上限/);
    expect(fs.readFile).not.toHaveBeenCalled();
  });

  it('refuses a selection whose total is over the limit', async () => {
    const size = Math.floor(MAX_OPEN_TOTAL_BYTES / 3) + 1;
    const paths = ['a', 'b', 'c'].map((n) => path.resolve(`/data/${n}.csv`));
    const fs = fakeFs(Object.fromEntries(paths.map((p) => [p, { bytes: bytes('x'), size }])));
    const dialog = fakeDialog({ canceled: false, filePaths: paths }, { canceled: true });
    await expect(openFiles(deps({ fs, dialog }), { multiple: true })).rejects.toThrow(
      /所选 3 个文件共.*请分批打开/,
    );
  });

  it('says which file cannot be read, and why', async () => {
    const gone = path.resolve('/data/已删除.csv');
    const dialog = fakeDialog({ canceled: false, filePaths: [gone] }, { canceled: true });
    await expect(openFiles(deps({ dialog }), { multiple: false })).rejects.toThrow(
      '无法读取文件「已删除.csv」：文件或文件夹不存在',
    );
  });

  it('refuses folders', async () => {
    const dir = path.resolve('/data/folder');
    const fs = fakeFs({ [dir]: { bytes: bytes(''), directory: true } });
    const dialog = fakeDialog({ canceled: false, filePaths: [dir] }, { canceled: true });
    await expect(openFiles(deps({ fs, dialog }), { multiple: false })).rejects.toThrow(
      '「folder」不是普通文件',
    );
  });
});

describe('saveFile', () => {
  it('writes the bytes where the user chose and starts in Documents with a sanitised name', async () => {
    const target = path.resolve('/home/u/Documents/抽取记录.pdf');
    const fs = fakeFs();
    const dialog = fakeDialog({ canceled: true, filePaths: [] }, { canceled: false, filePath: target });
    const filters = [{ name: 'PDF 文件', extensions: ['pdf'] }];
    const saved = await saveFile(deps({ fs, dialog }), {
      suggestedName: '../抽取记录?.pdf',
      bytes: bytes('%PDF'),
      filters,
    });
    expect(saved).toBe(true);
    expect(fs.files.get(target)?.bytes).toEqual(bytes('%PDF'));
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: path.join(DOCUMENTS, '抽取记录_.pdf'), filters }),
    );
  });

  it('returns false when cancelled and writes nothing', async () => {
    const fs = fakeFs();
    const saved = await saveFile(
      deps({ fs, dialog: fakeDialog({ canceled: true, filePaths: [] }, { canceled: true }) }),
      {
        suggestedName: 'a.pdf',
        bytes: bytes('x'),
      },
    );
    expect(saved).toBe(false);
    expect(fs.writeFile).not.toHaveBeenCalled();
  });

  it('explains a failed write in Chinese', async () => {
    const fs = fakeFs();
    fs.writeFile = vi.fn(async () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    });
    const dialog = fakeDialog(
      { canceled: true, filePaths: [] },
      { canceled: false, filePath: '/root/a.pdf' },
    );
    await expect(
      saveFile(deps({ fs, dialog }), { suggestedName: 'a.pdf', bytes: bytes('x') }),
    ).rejects.toThrow(/无法保存到「\/root\/a\.pdf」：没有权限/);
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['整改通知书.docx', '整改通知书.docx'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\evil.exe', 'evil.exe'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['名单. . ', '名单'],
    ['CON', '_CON'],
    ['lpt1.txt', '_lpt1.txt'],
    ['.hidden', '_hidden'],
    ['', '未命名'],
    ['???', '未命名'],
    ['tab\there', 'tab_here'],
  ])('%j -> %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('keeps the extension when shortening long names', () => {
    const name = sanitizeFileName(`${'评'.repeat(300)}.pdf`);
    expect(name.length).toBe(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('appVersion and dataPaths', () => {
  it('returns the app version', () => {
    expect(appVersion(deps({ appVersion: '1.2.3' }))).toBe('1.2.3');
  });

  it('returns and creates data and backups under userData', async () => {
    const fs = fakeFs();
    const result = await dataPaths(deps({ fs }));
    expect(result).toEqual({ data: path.join(USER_DATA, 'data'), backups: path.join(USER_DATA, 'backups') });
    expect([...fs.dirs]).toEqual([result.data, result.backups]);
    expect(fs.mkdir).toHaveBeenCalledWith(result.data, { recursive: true });
  });

  it('explains a folder that cannot be created', async () => {
    const fs = fakeFs();
    fs.mkdir = vi.fn(async () => {
      throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    });
    await expect(dataPaths(deps({ fs }))).rejects.toThrow(/无法创建数据文件夹「.*data」：磁盘空间不足/);
  });
});

describe('contract validation (zod)', () => {
  it('accepts good requests', () => {
    expect(parseIpcRequest('openFiles', { multiple: true }).ok).toBe(true);
    expect(
      parseIpcRequest('saveFile', {
        suggestedName: 'a.pdf',
        bytes: new Uint8Array(3),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      }).ok,
    ).toBe(true);
    expect(parseIpcRequest('appVersion', undefined).ok).toBe(true);
  });

  it.each([
    ['openFiles', undefined, /「打开文件」的参数无效/],
    ['openFiles', { multiple: 'yes' }, /multiple：“是否多选”必须是 true 或 false/],
    [
      'openFiles',
      { multiple: true, filters: [{ name: 'x', extensions: ['.exe;rm'] }] },
      /filters\.0\.extensions\.0：扩展名只能是/,
    ],
    ['openFiles', { multiple: true, extra: 1 }, /「打开文件」的参数无效：.*extra/],
    ['saveFile', { suggestedName: '', bytes: new Uint8Array(1) }, /suggestedName：建议的文件名不能为空/],
    ['saveFile', { suggestedName: 'a.pdf', bytes: [1, 2, 3] }, /bytes：文件内容必须是字节数组/],
    ['saveFile', { suggestedName: 'a.pdf', bytes: 'AAAA' }, /bytes：文件内容必须是字节数组/],
    ['appVersion', { sneaky: true }, /「读取版本号」的参数无效：此操作不接受参数/],
  ] as const)('%s rejects %j with a Chinese message', (method, argument, message) => {
    const result = parseIpcRequest(method, argument);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('isTrustedSender', () => {
  it('trusts the app origin top frame', () => {
    expect(isTrustedSender({ url: 'app://pingcha/index.html', parent: null }, false)).toBe(true);
  });

  it('trusts the dev server only when allowed', () => {
    expect(isTrustedSender({ url: 'http://127.0.0.1:5183/', parent: null }, true)).toBe(true);
    expect(isTrustedSender({ url: 'http://127.0.0.1:5183/', parent: null }, false)).toBe(false);
  });

  it.each([
    null,
    { url: 'https://evil.com/', parent: null },
    { url: 'app://evil/index.html', parent: null },
    { url: 'file:///C:/app/index.html', parent: null },
    { url: 'http://localhost:5183/', parent: null },
    { url: 'about:blank', parent: null },
    { url: 'app://pingcha/index.html', parent: { url: 'app://pingcha/' } },
  ])('refuses %j', (frame) => {
    expect(isTrustedSender(frame, true)).toBe(false);
  });
});

describe('IPC listeners', () => {
  const appEvent: IpcInvokeEvent = { senderFrame: { url: 'app://pingcha/index.html', parent: null } };

  function listenerDeps(handlerDeps: HandlerDeps) {
    return { allowDevServer: false, depsFor: vi.fn(() => handlerDeps), logError: vi.fn() };
  }

  it('registers exactly one handler per channel', () => {
    const handle = vi.fn();
    registerIpcHandlers({ ipcMain: { handle }, ...listenerDeps(deps()) });
    expect(handle.mock.calls.map(([channel]) => channel).sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    expect(BRIDGE_METHODS.sort()).toEqual([
      'activateOfficeKey',
      'adoptOfficeKey',
      'appVersion',
      'dataPaths',
      'ensureOfficeKey',
      'exportOfficeKey',
      'listBackups',
      'officeFonts',
      'officeKeyStatus',
      'openFiles',
      'prepareOfficeKey',
      'readBackup',
      'readLogHead',
      'saveFile',
      'saveFilesToFolder',
      'setBackupKeep',
      'signLogHead',
      'signPanelPackage',
      'writeBackup',
    ]);
  });

  it('runs the handler for a trusted sender with valid arguments', async () => {
    const listener = createIpcListener('appVersion', listenerDeps(deps({ appVersion: '9.9.9' })));
    await expect(listener(appEvent)).resolves.toBe('9.9.9');
  });

  it('rejects other senders before touching the dialog or the disk', async () => {
    const fs = fakeFs();
    const dialog = fakeDialog({ canceled: false, filePaths: ['/etc/passwd'] }, { canceled: true });
    const options = listenerDeps(deps({ fs, dialog }));
    const listener = createIpcListener('openFiles', options);
    await expect(
      listener({ senderFrame: { url: 'https://evil.com/', parent: null } }, { multiple: false }),
    ).rejects.toThrow('「打开文件」被拒绝：请求不是来自评查台自己的页面。');
    await expect(listener({ senderFrame: null }, { multiple: false })).rejects.toThrow(/被拒绝/);
    expect(options.depsFor).not.toHaveBeenCalled();
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(fs.readFile).not.toHaveBeenCalled();
  });

  it('rejects invalid arguments with a Chinese message before touching the disk', async () => {
    const fs = fakeFs();
    const listener = createIpcListener('saveFile', listenerDeps(deps({ fs })));
    await expect(listener(appEvent, { suggestedName: 'a.pdf', bytes: 'not bytes' })).rejects.toThrow(
      /「保存文件」的参数无效：bytes：文件内容必须是字节数组/,
    );
    await expect(
      listener(appEvent, { suggestedName: 'a.pdf', bytes: new Uint8Array(1) }, 'extra'),
    ).rejects.toThrow(/只接受一个参数，实际收到 2 个/);
    expect(fs.writeFile).not.toHaveBeenCalled();
  });

  it('passes user-facing errors through and wraps unexpected ones', async () => {
    const gone = path.resolve('/data/gone.csv');
    const dialog = fakeDialog({ canceled: false, filePaths: [gone] }, { canceled: true });
    const options = listenerDeps(deps({ dialog }));
    await expect(createIpcListener('openFiles', options)(appEvent, { multiple: false })).rejects.toThrow(
      '无法读取文件「gone.csv」：文件或文件夹不存在。',
    );
    const broken: DialogPort = {
      showOpenDialog: () => Promise.reject(new Error('dialog crashed')),
      showSaveDialog: () => Promise.reject(new Error('dialog crashed')),
    };
    const brokenOptions = listenerDeps(deps({ dialog: broken }));
    await expect(
      createIpcListener('openFiles', brokenOptions)(appEvent, { multiple: false }),
    ).rejects.toThrow('「打开文件」失败：dialog crashed');
    expect(brokenOptions.logError).toHaveBeenCalled();
  });

  it('refuses a handler result that breaks the contract', async () => {
    const options = listenerDeps(deps({ appVersion: '' }));
    await expect(createIpcListener('appVersion', options)(appEvent)).rejects.toThrow(
      '程序内部返回了无效的结果',
    );
  });

  it('returns [] through the listener when the user cancels', async () => {
    const listener = createIpcListener('openFiles', listenerDeps(deps()));
    await expect(listener(appEvent, { multiple: true })).resolves.toEqual([]);
  });
});
