import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { APP_DISPLAY_NAME } from './menu';

export interface TrayActions {
  readonly showWindow: () => void;
  readonly quit: () => void;
}

export function buildTrayMenuTemplate(actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: '显示主窗口', click: actions.showWindow },
    { type: 'separator' },
    { label: '退出', click: actions.quit },
  ];
}

/**
 * The tray icon keeps the app reachable while its window is hidden, which is what lets reminders
 * fire after the user closes the window. On macOS the icon is a template image (black and alpha)
 * so the menu bar can tint it for light and dark mode.
 */
export function createTray(iconPath: string, isMac: boolean, actions: TrayActions): Tray {
  const image = nativeImage.createFromPath(iconPath);
  if (isMac) image.setTemplateImage(true);
  const tray = new Tray(image);
  tray.setToolTip(APP_DISPLAY_NAME);
  tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenuTemplate(actions)));
  // Windows and Linux users expect a left click to bring the window back; macOS opens the menu.
  if (!isMac) tray.on('click', actions.showWindow);
  return tray;
}
