import type { MenuItemConstructorOptions } from 'electron';
import { APP_TITLE } from './constants';

export interface MenuOptions {
  /** Development build (unpackaged, dev server): adds 重新加载 and 开发者工具. */
  isDev: boolean;
  onAbout: () => void;
}

/** The Chinese application menu. Roles give the platform's own behaviour and shortcuts. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const viewItems: MenuItemConstructorOptions[] = [
    ...(options.isDev
      ? ([
          { role: 'reload', label: '重新加载' },
          { role: 'toggleDevTools', label: '开发者工具' },
          { type: 'separator' },
        ] satisfies MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];

  return [
    { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: viewItems },
    { label: '帮助', submenu: [{ label: `关于${APP_TITLE}`, click: () => options.onAbout() }] },
  ];
}

/** Text of the 关于评查台 box. */
export function aboutMessage(
  version: string,
  versions: { electron?: string; chrome?: string; node?: string },
): {
  title: string;
  message: string;
  detail: string;
} {
  return {
    title: `关于${APP_TITLE}`,
    message: `${APP_TITLE} ${version}`,
    detail: [
      '行政执法案卷评查工作台，离线运行，数据只保存在本机。',
      `Electron ${versions.electron ?? '-'} · Chromium ${versions.chrome ?? '-'} · Node ${versions.node ?? '-'}`,
    ].join('\n'),
  };
}
