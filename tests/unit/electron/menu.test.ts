import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../../electron/main/menu';
import { buildTrayMenuTemplate } from '../../../electron/main/tray';

vi.mock('electron', () => ({ Menu: {}, Tray: class {}, nativeImage: {} }));

function submenuOf(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  const submenu = item?.submenu;
  if (!Array.isArray(submenu)) throw new Error(`menu ${item?.label ?? '?'} has no submenu`);
  return submenu;
}

function findItem(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  for (const item of template) {
    if (item.label === label) return item;
    if (Array.isArray(item.submenu)) {
      const found = findItem(item.submenu, label);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function build(isMac: boolean, isDev = false) {
  const sendCommand = vi.fn();
  const showAbout = vi.fn();
  return { template: buildMenuTemplate({ isMac, isDev, sendCommand, showAbout }), sendCommand, showAbout };
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

describe('buildMenuTemplate', () => {
  it('has 文件/编辑/视图/窗口/帮助 on Windows and the app menu first on macOS', () => {
    expect(build(false).template.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    expect(build(true).template.map((m) => m.label)).toEqual(['企业合规工作台', '文件', '编辑', '视图', '窗口', '帮助']);
  });

  it.each([
    ['新建企业', 'CmdOrCtrl+N', 'new-company'],
    ['导入工作区…', 'CmdOrCtrl+O', 'import-workspace'],
    ['导出工作区…', 'CmdOrCtrl+E', 'export-workspace'],
    ['设置…', 'CmdOrCtrl+,', 'open-settings'],
  ])('%s (%s) sends %s on both platforms', (label, accelerator, command) => {
    for (const isMac of [false, true]) {
      const { template, sendCommand } = build(isMac);
      const item = findItem(template, label);
      expect(item?.accelerator).toBe(accelerator);
      click(item);
      expect(sendCommand).toHaveBeenCalledWith(command);
    }
  });

  it('gives the edit menu the standard roles with Chinese labels', () => {
    const edit = submenuOf(build(false).template.find((m) => m.label === '编辑'));
    const roles = edit.filter((i) => i.role !== undefined).map((i) => [i.role, i.label]);
    expect(roles).toEqual([
      ['undo', '撤销'], ['redo', '重做'], ['cut', '剪切'], ['copy', '复制'], ['paste', '粘贴'], ['delete', '删除'], ['selectAll', '全选'],
    ]);
  });

  it('has 关于/隐藏/退出 in the macOS app menu and 退出 in the Windows file menu', () => {
    const appMenu = submenuOf(build(true).template[0]);
    expect(appMenu.map((i) => i.role ?? i.label).filter(Boolean)).toEqual(
      expect.arrayContaining(['关于企业合规工作台', 'hide', 'hideOthers', 'unhide', 'quit']),
    );
    const winFile = submenuOf(build(false).template[0]);
    expect(winFile.find((i) => i.role === 'quit')).toMatchObject({ label: '退出', accelerator: 'Ctrl+Q' });
    expect(submenuOf(build(true).template[1]).some((i) => i.role === 'quit')).toBe(false);
  });

  it('shows DevTools and force reload only in development', () => {
    const roles = (isDev: boolean) => submenuOf(build(false, isDev).template.find((m) => m.label === '视图')).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('forceReload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'forceReload']));
    expect(roles(false)).toEqual(expect.arrayContaining(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
  });

  it('opens the about dialog from 帮助', () => {
    const { template, showAbout } = build(false);
    click(submenuOf(template.find((m) => m.label === '帮助'))[0]);
    expect(showAbout).toHaveBeenCalledTimes(1);
  });
});

describe('buildTrayMenuTemplate', () => {
  it('offers 显示主窗口 and 退出', () => {
    const showWindow = vi.fn();
    const quit = vi.fn();
    const template = buildTrayMenuTemplate({ showWindow, quit });
    expect(template.map((i) => i.label ?? i.type)).toEqual(['显示主窗口', 'separator', '退出']);
    click(template[0]);
    click(template[2]);
    expect(showWindow).toHaveBeenCalledTimes(1);
    expect(quit).toHaveBeenCalledTimes(1);
  });
});
