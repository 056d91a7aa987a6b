// 设置 → 公文字体 shows, for each face, the font the documents will use: the user's own file, the office's
// installed font (desktop), or the built-in open font — and why an installed font was not used.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { LettersSettingsCard } from '../../renderer/letters/letters-settings-card';
import { getDatabase } from '../../renderer/db/database';
import { writeSettings } from '../../renderer/db/settings-repository';
import { setPlatform } from '../../renderer/platform';
import { letterSettingsSchema, LETTERS_SETTINGS_AREA } from '../../shared/letters/letter-settings';
import { fakePlatform, renderWithApp } from './render-app';
import { mergeInstalled } from '../../renderer/workers/installed-fonts';

async function seed(extra: Record<string, unknown> = {}, clear = true) {
  const db = getDatabase();
  if (clear) await Promise.all(db.tables.map((t) => t.clear()));
  await writeSettings(db, LETTERS_SETTINGS_AREA, letterSettingsSchema, {
    issuer: '德阳市司法局',
    prefix: '德法函',
    ...extra,
  });
}

// The installed fonts arrive asynchronously ('正在查找本机字体…' first): wait for the text, not just the element.
const expectFace = (id: string, text: string | RegExp) =>
  waitFor(() => expect(screen.getByTestId(`font-face-${id}`)).toHaveTextContent(text));

describe('公文字体 card', () => {
  it('the browser build: every face uses its built-in open font', async () => {
    await seed();
    renderWithApp(<LettersSettingsCard />);
    await expectFace('fangsong', '内置开源字体FandolFang（Fandol 仿宋，缺字用思源宋体）');
    await expectFace('heiti', '内置开源字体Noto Sans SC（思源黑体）');
    await expectFace('kaiti', '内置开源字体LXGW WenKai（霞鹜文楷）');
    await expectFace('xiaobiaosong', '内置开源字体Noto Serif SC Bold');
  });

  it('the desktop: installed fonts by name, the user file first, and why a .ttc was not used', async () => {
    const db = getDatabase();
    await seed();
    const id = 'font-user-1';
    await db.attachments.put({
      id,
      ownerId: 'settings:letters',
      kind: 'font',
      name: '我的仿宋.ttf',
      size: 2 * 1048576,
      bytes: new Uint8Array(8),
      addedAt: '2026-11-26T00:00:00Z',
    });
    await seed({ bodyFontId: id }, false);
    const { rerender } = renderWithApp(<LettersSettingsCard />);
    const platform = {
      ...fakePlatform([]),
      kind: 'electron' as const,
      officeFonts: async () => ({
        fonts: [
          {
            face: 'fangsong' as const,
            name: '仿宋_GB2312',
            file: 'C:\\Windows\\Fonts\\FS_GB2312.ttf',
            bytes: new Uint8Array(4),
          },
          {
            face: 'kaiti' as const,
            name: '楷体_GB2312',
            file: 'C:\\Windows\\Fonts\\KT.ttf',
            bytes: new Uint8Array(4),
          },
        ],
        skipped: [
          {
            face: 'heiti' as const,
            file: 'C:\\Windows\\Fonts\\hei.ttc',
            reason: '“黑体”是字体集合（.ttc），无法嵌入 PDF',
          },
        ],
      }),
    };
    setPlatform(platform);
    rerender(<LettersSettingsCard key="desktop" />);
    const card = await screen.findByTestId('document-fonts');
    expect(await within(card).findByText('本机已安装')).toBeInTheDocument();
    await expectFace('kaiti', '本机已安装楷体_GB2312');
    // The user's own 仿宋 file wins over the installed one.
    await expectFace('fangsong', /自选字体我的仿宋\.ttf（2\.0 MB）/);
    await expectFace('heiti', '内置开源字体Noto Sans SC（思源黑体）');
    expect(
      within(card).getByText(/本机的“黑体”是字体集合（\.ttc），无法嵌入 PDF，未使用。/),
    ).toBeInTheDocument();
    await expectFace('xiaobiaosong', '内置开源字体');
  });

  it('documents take the installed fonts under the user file', () => {
    const a = new Uint8Array([1]);
    const b = new Uint8Array([2]);
    const u = new Uint8Array([3]);
    const merged = mergeInstalled(
      {
        fonts: [
          { face: 'fangsong', name: '仿宋_GB2312', file: 'x', bytes: a },
          { face: 'heiti', name: '黑体', file: 'y', bytes: b },
        ],
        skipped: [],
      },
      { body: u },
    );
    expect(merged).toEqual({ body: u, bold: b });
  });
});
