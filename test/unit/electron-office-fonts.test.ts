// The desktop's installed 公文 fonts: found by the names inside the files in fixture font folders laid out as
// on Windows and on 信创/Linux desktops; TrueType only; then embedded in a real PDF (pdffonts).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOfficeFonts, officeFontFolders, type OfficeFonts } from '../../electron/main/office-fonts';
import type { HandlerDeps } from '../../electron/main/ipc-handlers';
import { createIpcListener } from '../../electron/main/ipc-register';
import { createBrowserPlatform } from '../../renderer/platform/browser';
import { renderPdf } from '../../shared/documents/render-pdf';
import { sampleLetter } from '../../shared/documents/sample';
import { bundledFontsFromNodeModules } from '../fixtures/bundled-fonts';
import { fontShell, renamedFont } from '../fixtures/font-names';

const root = mkdtempSync(join(tmpdir(), 'pingcha-office-fonts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const put = (path: string, bytes: Uint8Array) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), bytes);
};

describe('office font folders', () => {
  it('searches the Windows system and per-user folders', () => {
    expect(
      officeFontFolders(
        'win32',
        { WINDIR: 'D:\\Windows', LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' },
        'C:\\Users\\a',
      ),
    ).toEqual([
      join('D:\\Windows', 'Fonts'),
      join('C:\\Users\\a\\AppData\\Local', 'Microsoft', 'Windows', 'Fonts'),
    ]);
  });
  it('searches the user, system, WPS and /opt/apps folders of 信创/Linux desktops', () => {
    const folders = officeFontFolders('linux', {}, '/home/u', (d) =>
      d === '/opt/apps' ? ['cn.wps.wps-office-pro'] : [],
    );
    expect(folders).toEqual(
      expect.arrayContaining([
        '/home/u/.local/share/fonts',
        '/usr/share/fonts',
        '/opt/apps/cn.wps.wps-office-pro/files/share/fonts',
        '/opt/apps/cn.wps.wps-office-pro/fonts',
      ]),
    );
  });
});

describe('findOfficeFonts on fixture folders', () => {
  let found: OfficeFonts;
  const win = join(root, 'Windows', 'Fonts');
  const user = join(root, 'Local', 'Microsoft', 'Windows', 'Fonts');
  const linux = join(root, 'usr', 'share', 'fonts');
  beforeAll(async () => {
    const real = bundledFontsFromNodeModules().bold; // a real TrueType file, renamed below
    put(
      'Windows/Fonts/simfang.ttf',
      renamedFont(real, { family: 'FangSong', familyZh: '仿宋', postscript: 'FangSong' }),
    );
    // The best 仿宋 is 仿宋_GB2312, whatever its file is called.
    put(
      'Local/Microsoft/Windows/Fonts/x1.ttf',
      renamedFont(real, {
        family: 'FangSong_GB2312',
        familyZh: '仿宋_GB2312',
        postscript: 'FangSong_GB2312',
      }),
    );
    // Named simhei.ttf but Arial inside: not 黑体.
    put('Windows/Fonts/simhei.ttf', renamedFont(real, { family: 'Arial', postscript: 'ArialMT' }));
    // 黑体 only as a collection: skipped, with the reason.
    put(
      'Windows/Fonts/heiti.ttc',
      fontShell('ttcf', { family: 'SimHei', familyZh: '黑体', postscript: 'SimHei' }),
    );
    // 楷体 as CFF outlines: skipped; a TrueType 楷体 deeper in a WPS folder wins.
    put(
      'usr/share/fonts/opentype/kai.otf',
      fontShell('OTTO', { family: 'KaiTi', familyZh: '楷体', postscript: 'KaiTi' }),
    );
    put(
      'usr/share/fonts/wps-office/a/b/kai.ttf',
      renamedFont(real, { family: 'KaiTi_GB2312', familyZh: '楷体_GB2312', postscript: 'KaiTi_GB2312' }),
    );
    put(
      'usr/share/fonts/wps-office/FZXBSJW.TTF',
      renamedFont(real, {
        family: 'FZXiaoBiaoSong-B05S',
        familyZh: '方正小标宋简体',
        postscript: 'FZXBSJW--GB1-0',
      }),
    );
    put('usr/share/fonts/readme.txt', new TextEncoder().encode('not a font'));
    found = await findOfficeFonts([win, user, linux, join(root, 'missing')]);
  }, 60_000);

  it('finds each face by its name table, preferring the GB2312 names', () => {
    const byFace = Object.fromEntries(
      found.fonts.map((f) => [f.face, { name: f.name, file: f.file.slice(root.length) }]),
    );
    expect(byFace).toEqual({
      fangsong: { name: '仿宋_GB2312', file: join('/Local/Microsoft/Windows/Fonts/x1.ttf') },
      kaiti: { name: '楷体_GB2312', file: join('/usr/share/fonts/wps-office/a/b/kai.ttf') },
      xiaobiaosong: { name: '方正小标宋简体', file: join('/usr/share/fonts/wps-office/FZXBSJW.TTF') },
    });
    expect(found.fonts.every((f) => f.bytes.length > 1_000_000)).toBe(true);
  });

  it('skips collections and CFF fonts with a Chinese reason, and ignores file names', () => {
    const reasons = found.skipped.map((s) => `${s.face}:${s.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^heiti:“黑体”是字体集合（\.ttc）/),
        expect.stringMatching(/^kaiti:“楷体”是 CFF 轮廓/),
      ]),
    );
    expect(found.fonts.some((f) => f.file.endsWith('simhei.ttf'))).toBe(false);
  });

  it.skipIf(spawnSync('pdffonts', ['-v']).error !== undefined)(
    'embeds the installed faces in the PDF (pdffonts)',
    async () => {
      const b = bundledFontsFromNodeModules();
      const face = (f: string) => found.fonts.find((x) => x.face === f)?.bytes;
      const pdf = await renderPdf(sampleLetter({ files: 2 }), {
        body: face('fangsong') ?? b.body,
        title: face('xiaobiaosong') ?? b.title,
        bold: face('heiti') ?? b.bold,
        kai: face('kaiti') ?? b.kai,
      });
      const path = join(root, 'installed.pdf');
      writeFileSync(path, pdf);
      const out = spawnSync('pdffonts', [path], { encoding: 'utf8' }).stdout;
      const names = out
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
        .sort();
      // (the PostScript names go into the PDF without '_', as render-pdf.ts writes them)
      expect(names).toEqual(['FZXBSJW--GB1-0', 'FangSongGB2312', 'KaiTiGB2312', 'NotoSansSC-Medium']);
    },
  );
});

describe('office fonts through IPC and the platform', () => {
  it('the main process answers the renderer with the fonts of its folders (contract-checked)', async () => {
    const dir = join(root, 'ipc', 'fonts');
    const real = bundledFontsFromNodeModules().bold;
    put(
      'ipc/fonts/SIMHEI.TTF',
      renamedFont(real, { family: 'SimHei', familyZh: '黑体', postscript: 'SimHei' }),
    );
    const deps = { fontFolders: () => [dir] } as unknown as HandlerDeps;
    const listener = createIpcListener('officeFonts', { allowDevServer: false, depsFor: () => deps });
    const event = { senderFrame: { url: 'app://pingcha/index.html', parent: null } };
    const answer = (await listener(event)) as OfficeFonts;
    expect(answer.fonts.map((f) => [f.face, f.name])).toEqual([['heiti', '黑体']]);
    await expect(listener(event, { folder: '/etc' })).rejects.toThrow('此操作不接受参数');
  });

  it('the browser build has no installed fonts', async () => {
    await expect(createBrowserPlatform({} as Document).officeFonts?.()).resolves.toEqual({
      fonts: [],
      skipped: [],
    });
  });
});
