import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/contract';

export const APP_DISPLAY_NAME = '企业合规工作台';

export interface MenuActions {
  readonly isMac: boolean;
  /** Development build: adds 强制重新加载 and 开发者工具. */
  readonly isDev: boolean;
  readonly sendCommand: (command: MenuCommand) => void;
  readonly showAbout: () => void;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The native menu bar: 文件/编辑/视图/窗口/帮助 (plus the app menu on macOS). Pure, so the
 * labels, accelerators and commands are unit-tested. Accelerators use CmdOrCtrl so each platform
 * gets its usual modifier; roles bring the OS's own shortcuts for editing, zoom and windows.
 */
export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const { isMac, isDev, sendCommand, showAbout } = actions;
  const command = (label: string, commandId: MenuCommand, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => sendCommand(commandId),
  });
  const settings = command('设置…', 'open-settings', 'CmdOrCtrl+,');
  const about: MenuItemConstructorOptions = { label: `关于${APP_DISPLAY_NAME}`, click: showAbout };

  const appMenu: MenuItemConstructorOptions = {
    label: APP_DISPLAY_NAME,
    submenu: [
      about,
      separator,
      settings,
      separator,
      { role: 'services', label: '服务' },
      separator,
      { role: 'hide', label: `隐藏${APP_DISPLAY_NAME}` },
      { role: 'hideOthers', label: '隐藏其他' },
      { role: 'unhide', label: '全部显示' },
      separator,
      { role: 'quit', label: `退出${APP_DISPLAY_NAME}` },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: '文件',
    submenu: [
      command('新建企业', 'new-company', 'CmdOrCtrl+N'),
      separator,
      command('导入工作区…', 'import-workspace', 'CmdOrCtrl+O'),
      command('导出工作区…', 'export-workspace', 'CmdOrCtrl+E'),
      ...(isMac
        ? [separator, { role: 'close', label: '关闭窗口' } satisfies MenuItemConstructorOptions]
        : [separator, settings, separator, { role: 'quit', label: '退出', accelerator: 'Ctrl+Q' } satisfies MenuItemConstructorOptions]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: '编辑',
    submenu: [
      { role: 'undo', label: '撤销' },
      { role: 'redo', label: '重做' },
      separator,
      { role: 'cut', label: '剪切' },
      { role: 'copy', label: '复制' },
      { role: 'paste', label: '粘贴' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle', label: '粘贴并匹配样式' } satisfies MenuItemConstructorOptions] : []),
      { role: 'delete', label: '删除' },
      separator,
      { role: 'selectAll', label: '全选' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: '视图',
    submenu: [
      { role: 'reload', label: '重新加载' },
      ...(isDev
        ? [
          { role: 'forceReload', label: '强制重新加载' } satisfies MenuItemConstructorOptions,
          { role: 'toggleDevTools', label: '开发者工具' } satisfies MenuItemConstructorOptions,
        ]
        : []),
      separator,
      { role: 'resetZoom', label: '实际大小' },
      { role: 'zoomIn', label: '放大' },
      { role: 'zoomOut', label: '缩小' },
      separator,
      { role: 'togglefullscreen', label: '切换全屏' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = isMac
    ? {
      label: '窗口',
      role: 'windowMenu',
      submenu: [
        { role: 'minimize', label: '最小化' },
        { role: 'zoom', label: '缩放' },
        separator,
        { role: 'front', label: '全部置于顶层' },
      ],
    }
    : {
      label: '窗口',
      submenu: [
        { role: 'minimize', label: '最小化' },
        { role: 'close', label: '关闭窗口' },
      ],
    };

  const helpMenu: MenuItemConstructorOptions = { label: '帮助', role: 'help', submenu: [about] };

  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
