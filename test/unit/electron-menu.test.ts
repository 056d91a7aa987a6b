import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutMessage, buildMenuTemplate } from '../../electron/main/menu';

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const item = template.find((m) => m.label === label);
  expect(item, `menu ${label}`).toBeDefined();
  return (item?.submenu ?? []) as MenuItemConstructorOptions[];
}

const roles = (items: MenuItemConstructorOptions[]) => items.filter((i) => i.role).map((i) => i.role);

describe('buildMenuTemplate', () => {
  it('has the four Chinese top-level menus in order', () => {
    const template = buildMenuTemplate({ isDev: false, onAbout: () => undefined });
    expect(template.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
  });

  it('gives every item a Chinese label', () => {
    const template = buildMenuTemplate({ isDev: true, onAbout: () => undefined });
    for (const top of template) {
      for (const item of (top.submenu ?? []) as MenuItemConstructorOptions[]) {
        if (item.type === 'separator') continue;
        expect(item.label, JSON.stringify(item)).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('has 退出 and the edit commands', () => {
    const template = buildMenuTemplate({ isDev: false, onAbout: () => undefined });
    expect(submenu(template, '文件').map((i) => [i.role, i.label])).toEqual([['quit', '退出']]);
    const edit = submenu(template, '编辑');
    expect(roles(edit)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(edit.filter((i) => i.role).map((i) => i.label)).toEqual([
      '撤销',
      '重做',
      '剪切',
      '复制',
      '粘贴',
      '全选',
    ]);
  });

  it('offers reload and devtools only in development', () => {
    const production = submenu(buildMenuTemplate({ isDev: false, onAbout: () => undefined }), '视图');
    expect(roles(production)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(production.map((i) => i.label)).toEqual(
      expect.arrayContaining(['实际大小', '放大', '缩小', '全屏']),
    );
    const development = submenu(buildMenuTemplate({ isDev: true, onAbout: () => undefined }), '视图');
    expect(roles(development)).toEqual([
      'reload',
      'toggleDevTools',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
    expect(development[0]?.label).toBe('重新加载');
  });

  it('calls onAbout from 关于评查台', () => {
    const onAbout = vi.fn();
    const help = submenu(buildMenuTemplate({ isDev: false, onAbout }), '帮助');
    expect(help).toHaveLength(1);
    expect(help[0]?.label).toBe('关于评查台');
    (help[0]?.click as () => void)();
    expect(onAbout).toHaveBeenCalledTimes(1);
  });
});

describe('aboutMessage', () => {
  it('names the product, its version and the runtime', () => {
    const about = aboutMessage('0.1.0', { electron: '45.5.0', chrome: '140.0', node: '22.20.0' });
    expect(about.title).toBe('关于评查台');
    expect(about.message).toBe('评查台 0.1.0');
    expect(about.detail).toContain('Electron 45.5.0');
    expect(about.detail).toContain('离线');
  });
});
