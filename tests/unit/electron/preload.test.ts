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
      'getAppInfo', 'loadKnowledgeBaseOverride', 'onMenuCommand', 'onReminderClicked', 'openFiles', 'saveFile', 'scheduleReminders',
    ]);
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
});
