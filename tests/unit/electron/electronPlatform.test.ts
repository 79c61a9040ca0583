import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkbenchApi } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/util/result';
import { createElectronPlatform, installPlatform, menuCommands } from '../../../renderer/platform/electronPlatform';
import { browserPlatform, platform, PlatformError, setPlatform } from '../../../renderer/platform/platform';

function fakeApi(overrides: Partial<WorkbenchApi> = {}): WorkbenchApi {
  return {
    saveFile: vi.fn(() => Promise.resolve(ok({ isSaved: true as const, path: 'C:\\Users\\a\\导出.json' }))),
    openFiles: vi.fn(() => Promise.resolve(ok([{ name: 'a.json', bytes: new Uint8Array([1]) }]))),
    getAppInfo: vi.fn(() => Promise.resolve(ok({ version: '0.1.0', platform: 'darwin', userDataPath: '/Users/a/Library/Application Support/企业合规工作台' }))),
    scheduleReminders: vi.fn(() => Promise.resolve(ok({ scheduled: 2, skippedPast: 1 }))),
    loadKnowledgeBaseOverride: vi.fn(() => Promise.resolve(ok({ isPresent: false as const, path: '/kb.json' }))),
    onMenuCommand: vi.fn(() => () => undefined),
    onReminderClicked: vi.fn(() => () => undefined),
    ...overrides,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  setPlatform(browserPlatform);
});

describe('createElectronPlatform', () => {
  it('saves text as UTF-8 bytes through the preload', async () => {
    const api = fakeApi();
    const electronPlatform = createElectronPlatform(api);
    await expect(electronPlatform.saveFile('导出.json', '{"名称":"甲"}', [{ name: '工作区文件', extensions: ['json'] }])).resolves.toBe(true);
    expect(api.saveFile).toHaveBeenCalledWith({
      suggestedName: '导出.json',
      bytes: new TextEncoder().encode('{"名称":"甲"}'),
      filters: [{ name: '工作区文件', extensions: ['json'] }],
    });
  });

  it('maps cancel to false and a failure to a PlatformError with the Chinese message', async () => {
    const cancelled = createElectronPlatform(fakeApi({ saveFile: () => Promise.resolve(ok({ isSaved: false as const })) }));
    await expect(cancelled.saveFile('a.json', 'x', [])).resolves.toBe(false);

    const failing = createElectronPlatform(fakeApi({ saveFile: () => Promise.resolve(err('file.writeFailed', '磁盘空间不足，未能保存“a.json”。')) }));
    const error = await failing.saveFile('a.json', 'x', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ code: 'file.writeFailed', message: '磁盘空间不足，未能保存“a.json”。' });
  });

  it('opens files, single unless asked for several', async () => {
    const api = fakeApi();
    const electronPlatform = createElectronPlatform(api);
    await expect(electronPlatform.openFiles([])).resolves.toEqual([{ name: 'a.json', bytes: new Uint8Array([1]) }]);
    await electronPlatform.openFiles([], { multiple: true });
    expect(api.openFiles).toHaveBeenNthCalledWith(1, { filters: [], isMultiple: false });
    expect(api.openFiles).toHaveBeenNthCalledWith(2, { filters: [], isMultiple: true });
  });

  it('offers the desktop-only capabilities', async () => {
    const electronPlatform = createElectronPlatform(fakeApi({
      loadKnowledgeBaseOverride: () => Promise.resolve(ok({ isPresent: true as const, path: '/kb.json', text: '{}' })),
    }));
    await expect(electronPlatform.getAppInfo?.()).resolves.toMatchObject({ platform: 'darwin' });
    await expect(electronPlatform.scheduleReminders?.([])).resolves.toEqual({ scheduled: 2, skippedPast: 1 });
    await expect(electronPlatform.loadKnowledgeBaseOverride?.()).resolves.toEqual({ path: '/kb.json', text: '{}' });
    await expect(createElectronPlatform(fakeApi()).loadKnowledgeBaseOverride?.()).resolves.toBeNull();
  });
});

describe('installPlatform', () => {
  it('keeps the browser platform when there is no preload', () => {
    vi.stubGlobal('window', {});
    expect(installPlatform()).toBe(false);
    expect(platform).toBe(browserPlatform);
    expect('getAppInfo' in browserPlatform).toBe(false);
  });

  it('switches to the Electron platform when window.workbench exists', () => {
    vi.stubGlobal('window', { workbench: fakeApi() });
    expect(installPlatform()).toBe(true);
    expect(platform.kind).toBe('electron');
  });

  it('subscribes to menu commands through the preload, and does nothing in a browser', () => {
    const api = fakeApi();
    vi.stubGlobal('window', { workbench: api });
    const listener = vi.fn();
    menuCommands.subscribe(listener);
    expect(api.onMenuCommand).toHaveBeenCalledWith(listener);

    vi.stubGlobal('window', {});
    const unsubscribe = menuCommands.subscribe(listener);
    expect(() => unsubscribe()).not.toThrow();
  });
});
