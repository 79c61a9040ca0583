import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkbenchApi } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/util/result';
import { createElectronPlatform, installPlatform, menuCommands } from '../../../renderer/platform/electronPlatform';
import { browserPlatform, platform, PlatformError, setPlatform } from '../../../renderer/platform/platform';

const KEY_BASE64 = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const KEY_ID = '0123456789abcdef';

function fakeApi(overrides: Partial<WorkbenchApi> = {}): WorkbenchApi {
  return {
    saveFile: vi.fn(() => Promise.resolve(ok({ isSaved: true as const, path: 'C:\\Users\\a\\导出.json' }))),
    openFiles: vi.fn(() => Promise.resolve(ok([{ name: 'a.json', bytes: new Uint8Array([1]) }]))),
    getAppInfo: vi.fn(() => Promise.resolve(ok({ version: '0.1.0', platform: 'darwin', userDataPath: '/Users/a/Library/Application Support/企业合规工作台' }))),
    scheduleReminders: vi.fn(() => Promise.resolve(ok({ scheduled: 2, skippedPast: 1 }))),
    loadKnowledgeBaseOverride: vi.fn(() => Promise.resolve(ok({ isPresent: false as const, path: '/kb.json' }))),
    beginBackup: vi.fn(() => Promise.resolve(ok({ isStarted: true as const, sessionId: 'a'.repeat(32) }))),
    appendBackup: vi.fn(() => Promise.resolve(ok({ bytesWritten: 3 }))),
    finishBackup: vi.fn(() => Promise.resolve(ok({
      name: 'workbench-backup-20261126-103000-manual.cwbackup', path: '/data/backups/workbench-backup-20261126-103000-manual.cwbackup',
      size: 3, isInBackupFolder: true, isEncrypted: false, tableCount: 7, fileCount: 0,
    }))),
    abortBackup: vi.fn(() => Promise.resolve(ok(null))),
    listBackups: vi.fn(() => Promise.resolve(ok({ folder: '/data/backups', backups: [] }))),
    pickBackupFile: vi.fn(() => Promise.resolve(ok({ isPicked: false as const }))),
    readBackup: vi.fn(() => Promise.resolve(ok({ bytes: new Uint8Array([1, 2]), totalSize: 2 }))),
    pruneBackups: vi.fn(() => Promise.resolve(ok({ deleted: ['workbench-backup-20261101-103000-auto.cwbackup'] }))),
    deleteBackup: vi.fn(() => Promise.resolve(ok(null))),
    openBackupFolder: vi.fn(() => Promise.resolve(err('backup.openFolderFailed', '无法打开备份文件夹：没有文件管理器'))),
    setPendingChanges: vi.fn(() => Promise.resolve(ok(null))),
    reportQuitBackup: vi.fn(() => Promise.resolve(ok(null))),
    getOsKeyStatus: vi.fn(() => Promise.resolve(ok({ isAvailable: true, reason: null, hasKey: true }))),
    saveOsKey: vi.fn(() => Promise.resolve(ok(null))),
    loadOsKey: vi.fn(() => Promise.resolve(ok({ keyBase64: KEY_BASE64, keyId: KEY_ID }))),
    clearOsKey: vi.fn(() => Promise.resolve(ok(null))),
    hasNativeRecognition: vi.fn(() => true),
    recognizeScan: vi.fn(() => Promise.resolve(err('ocr.blank', '图片“空白.png”是空白页，没有可识别的文字。请确认扫描了证件的正面。'))),
    cancelRecognition: vi.fn(() => Promise.resolve(ok(null))),
    onMenuCommand: vi.fn(() => () => undefined),
    onReminderClicked: vi.fn(() => () => undefined),
    onBackupRequested: vi.fn(() => () => undefined),
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

describe('desktop backups', () => {
  it('passes each backup call to its preload method and unwraps the Result', async () => {
    const api = fakeApi();
    const backups = createElectronPlatform(api).backups;
    if (backups === undefined) throw new Error('the Electron platform has no backups');
    await expect(backups.begin({ kind: 'backupFolder', reason: 'manual' })).resolves.toEqual({ isStarted: true, sessionId: 'a'.repeat(32) });
    await backups.append('a'.repeat(32), new Uint8Array([1, 2, 3]));
    await expect(backups.finish('a'.repeat(32), null)).resolves.toMatchObject({ isInBackupFolder: true, tableCount: 7 });
    await expect(backups.read({ kind: 'stored', name: 'x' }, 0, 10)).resolves.toEqual({ bytes: new Uint8Array([1, 2]), totalSize: 2 });
    await expect(backups.prune({ keepLatest: 20, keepDailyForDays: 30 })).resolves.toEqual(['workbench-backup-20261101-103000-auto.cwbackup']);
    await backups.setPendingChanges(true);
    await backups.reportQuitBackup('b'.repeat(32), true);
    expect(api.appendBackup).toHaveBeenCalledWith({ sessionId: 'a'.repeat(32), chunk: new Uint8Array([1, 2, 3]) });
    expect(api.finishBackup).toHaveBeenCalledWith({ sessionId: 'a'.repeat(32), passphrase: null });
    expect(api.readBackup).toHaveBeenCalledWith({ source: { kind: 'stored', name: 'x' }, offset: 0, length: 10 });
    expect(api.setPendingChanges).toHaveBeenCalledWith({ hasPendingChanges: true });
    expect(api.reportQuitBackup).toHaveBeenCalledWith({ requestId: 'b'.repeat(32), isBackedUp: true });
    await expect(backups.openFolder()).rejects.toMatchObject({ code: 'backup.openFolderFailed', message: '无法打开备份文件夹：没有文件管理器' });
    const listener = vi.fn();
    backups.onBackupRequested(listener);
    expect(api.onBackupRequested).toHaveBeenCalledWith(listener);
  });

  it('sends a Blob to the save dialog as bytes', async () => {
    const api = fakeApi();
    await createElectronPlatform(api).saveFile('备份.cwbackup', new Blob([new Uint8Array([7, 8])]), []);
    expect(api.saveFile).toHaveBeenCalledWith({ suggestedName: '备份.cwbackup', bytes: new Uint8Array([7, 8]), filters: [] });
  });

  it('is absent in the browser build, where backups are downloads and uploads', () => {
    expect(browserPlatform.backups).toBeUndefined();
  });
});

describe('OS key store', () => {
  it('passes each call to its preload method and unwraps the Result', async () => {
    const api = fakeApi();
    const keys = createElectronPlatform(api).osKeyStore;
    if (keys === undefined) throw new Error('the Electron platform has no OS key store');
    await expect(keys.status()).resolves.toEqual({ isAvailable: true, reason: null, hasKey: true });
    await expect(keys.save(KEY_BASE64, KEY_ID)).resolves.toBeUndefined();
    await expect(keys.load()).resolves.toEqual({ keyBase64: KEY_BASE64, keyId: KEY_ID });
    await expect(keys.clear()).resolves.toBeUndefined();
    expect(api.getOsKeyStatus).toHaveBeenCalledTimes(1);
    expect(api.saveOsKey).toHaveBeenCalledWith({ keyBase64: KEY_BASE64, keyId: KEY_ID });
    expect(api.loadOsKey).toHaveBeenCalledTimes(1);
    expect(api.clearOsKey).toHaveBeenCalledTimes(1);
  });

  it('resolves null when main has no usable key', async () => {
    const keys = createElectronPlatform(fakeApi({ loadOsKey: () => Promise.resolve(ok(null)) })).osKeyStore;
    await expect(keys?.load()).resolves.toBeNull();
  });

  it('rejects a refused save with a PlatformError carrying the Chinese reason', async () => {
    const reason = '系统钥匙串不可用：未检测到 GNOME 密钥环或 KWallet，系统只能以明文方式保存，因此不在本机保存密钥。';
    const keys = createElectronPlatform(fakeApi({ saveOsKey: () => Promise.resolve(err('osKey.unavailable', reason)) })).osKeyStore;
    const error = await keys?.save(KEY_BASE64, KEY_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ code: 'osKey.unavailable', message: reason });
  });

  it('is absent in the browser build', () => {
    expect(browserPlatform.osKeyStore).toBeUndefined();
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
