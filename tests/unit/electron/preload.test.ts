import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkbenchApi } from '../../../shared/ipc/contract';

const electron = await vi.hoisted(async () => {
  // vi.hoisted runs before static imports are initialised, so EventEmitter is imported here.
  const { EventEmitter } = await import('node:events');
  const emitter = new EventEmitter();
  return {
    emitter,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true, value: 'answer' })),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener)),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => emitter.removeListener(channel, listener)),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

await import('../../../electron/preload/preload');

function exposedApi(): WorkbenchApi {
  const call = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, WorkbenchApi] | undefined;
  if (call === undefined) throw new Error('the preload exposed nothing');
  return call[1];
}

describe('preload', () => {
  beforeEach(() => {
    electron.ipcRenderer.invoke.mockClear();
  });

  it('exposes exactly the named API as window.workbench, and no ipcRenderer', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[0]).toBe('workbench');
    const api = exposedApi();
    expect(Object.keys(api).sort()).toEqual([
      'abortBackup', 'appendBackup', 'beginBackup', 'clearOsKey', 'deleteBackup', 'finishBackup', 'getAppInfo', 'getOsKeyStatus', 'hasNativeRecognition', 'listBackups',
      'loadKnowledgeBaseOverride', 'loadOsKey', 'onBackupRequested', 'onMenuCommand', 'onReminderClicked', 'openBackupFolder', 'openFiles',
      'pickBackupFile', 'pruneBackups', 'readBackup', 'recognizeScan', 'cancelRecognition', 'reportQuitBackup', 'saveFile', 'saveOsKey', 'scheduleReminders',
      'setPendingChanges',
    ].sort());
    for (const value of Object.values(api)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electron.ipcRenderer.invoke);
    }
  });

  it('invokes the contract channel of each method with its request', async () => {
    const api = exposedApi();
    const bytes = new Uint8Array([1]);
    await api.saveFile({ suggestedName: 'a.json', bytes, filters: [] });
    await api.openFiles({ filters: [], isMultiple: true });
    await api.getAppInfo();
    await api.scheduleReminders({ reminders: [] });
    await expect(api.loadKnowledgeBaseOverride()).resolves.toEqual({ ok: true, value: 'answer' });
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['dialog:saveFile', { suggestedName: 'a.json', bytes, filters: [] }],
      ['dialog:openFiles', { filters: [], isMultiple: true }],
      ['app:getInfo', undefined],
      ['reminders:schedule', { reminders: [] }],
      ['knowledgeBase:loadOverride', undefined],
    ]);
  });

  it('delivers menu commands until unsubscribed, and drops unknown ones', () => {
    const api = exposedApi();
    const received: string[] = [];
    const unsubscribe = api.onMenuCommand((command) => received.push(command));
    electron.emitter.emit('menu:command', {}, 'export-workspace');
    electron.emitter.emit('menu:command', {}, 'rm -rf /');
    electron.emitter.emit('menu:command', {}, 42);
    unsubscribe();
    electron.emitter.emit('menu:command', {}, 'import-workspace');
    expect(received).toEqual(['export-workspace']);
    expect(electron.emitter.listenerCount('menu:command')).toBe(0);
  });

  it('delivers reminder clicks with the reminder id', () => {
    const api = exposedApi();
    const received: string[] = [];
    const unsubscribe = api.onReminderClicked((id) => received.push(id));
    electron.emitter.emit('reminders:clicked', {}, 'licence-expiry-1');
    electron.emitter.emit('reminders:clicked', {}, '');
    unsubscribe();
    expect(received).toEqual(['licence-expiry-1']);
  });

  it('invokes the backup channels and delivers backup requests at quit', async () => {
    const api = exposedApi();
    const chunk = new Uint8Array([1, 2]);
    await api.beginBackup({ target: { kind: 'backupFolder', reason: 'automatic' } });
    await api.appendBackup({ sessionId: 's', chunk });
    await api.finishBackup({ sessionId: 's', passphrase: null });
    await api.abortBackup({ sessionId: 's' });
    await api.listBackups();
    await api.pickBackupFile();
    await api.readBackup({ source: { kind: 'picked', token: 't' }, offset: 0, length: 5 });
    await api.pruneBackups({ keepLatest: 20, keepDailyForDays: 30 });
    await api.deleteBackup({ name: 'n' });
    await api.openBackupFolder();
    await api.setPendingChanges({ hasPendingChanges: true });
    await api.reportQuitBackup({ requestId: 'r', isBackedUp: true });
    expect(electron.ipcRenderer.invoke.mock.calls.map(([channel]) => channel)).toEqual([
      'backup:begin', 'backup:append', 'backup:finish', 'backup:abort', 'backup:list', 'backup:pickFile', 'backup:read',
      'backup:prune', 'backup:delete', 'backup:openFolder', 'backup:setPendingChanges', 'backup:reportQuitBackup',
    ]);
    expect(electron.ipcRenderer.invoke.mock.calls[1]).toEqual(['backup:append', { sessionId: 's', chunk }]);

    const received: string[] = [];
    const unsubscribe = api.onBackupRequested((id) => received.push(id));
    electron.emitter.emit('backup:requested', {}, 'request-1');
    electron.emitter.emit('backup:requested', {}, 7);
    unsubscribe();
    electron.emitter.emit('backup:requested', {}, 'request-2');
    expect(received).toEqual(['request-1']);
  });

  it('invokes the OS key store channels', async () => {
    const api = exposedApi();
    const request = { keyBase64: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=', keyId: '0123456789abcdef' };
    await api.getOsKeyStatus();
    await api.saveOsKey(request);
    await api.loadOsKey();
    await api.clearOsKey();
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['osKey:status', undefined],
      ['osKey:save', request],
      ['osKey:load', undefined],
      ['osKey:clear', undefined],
    ]);
  });
});
