import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL_LIST, IPC_CHANNELS, IPC_EVENTS } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/util/result';
import { describeSender, registerIpcHandlers, sendEvent, type IpcHandlers } from '../../../electron/main/ipc';

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

function fakeEvent(frame: FakeFrame | null, mainFrame: FakeFrame): IpcMainInvokeEvent {
  return { senderFrame: frame, sender: { mainFrame } } as unknown as IpcMainInvokeEvent;
}

const appMainFrame: FakeFrame = { url: 'app://workbench/index.html', parent: null, processId: 4, routingId: 1 };

function setUp(overrides: Partial<IpcHandlers> = {}) {
  const listeners = new Map<string, InvokeListener>();
  const ipcMain = { handle: vi.fn((channel: string, listener: InvokeListener) => listeners.set(channel, listener)) };
  const handlers: IpcHandlers = {
    'dialog:saveFile': vi.fn(() => Promise.resolve(ok({ isSaved: false as const }))),
    'dialog:openFiles': vi.fn(() => Promise.resolve(ok([]))),
    'app:getInfo': vi.fn(() => Promise.resolve(ok({ version: '0.1.0', platform: 'win32', userDataPath: 'C:\\data' }))),
    'reminders:schedule': vi.fn(() => Promise.resolve(ok({ scheduled: 0, skippedPast: 0 }))),
    'knowledgeBase:loadOverride': vi.fn(() => Promise.resolve(ok({ isPresent: false as const, path: '/x' }))),
    'backup:begin': vi.fn(() => Promise.resolve(ok({ isStarted: false as const }))),
    'backup:append': vi.fn(() => Promise.resolve(ok({ bytesWritten: 0 }))),
    'backup:finish': vi.fn(() => Promise.resolve(err('backup.noSession', '备份会话不存在或已结束，请重新备份'))),
    'backup:abort': vi.fn(() => Promise.resolve(ok(null))),
    'backup:list': vi.fn(() => Promise.resolve(ok({ folder: '/b', backups: [] }))),
    'backup:pickFile': vi.fn(() => Promise.resolve(ok({ isPicked: false as const }))),
    'backup:read': vi.fn(() => Promise.resolve(ok({ bytes: new Uint8Array(), totalSize: 0 }))),
    'backup:prune': vi.fn(() => Promise.resolve(ok({ deleted: [] }))),
    'backup:delete': vi.fn(() => Promise.resolve(ok(null))),
    'backup:openFolder': vi.fn(() => Promise.resolve(ok({ folder: '/b' }))),
    'backup:setPendingChanges': vi.fn(() => Promise.resolve(ok(null))),
    'backup:reportQuitBackup': vi.fn(() => Promise.resolve(ok(null))),
    'osKey:status': vi.fn(() => Promise.resolve(ok({ isAvailable: true, reason: null, hasKey: false }))),
    'osKey:save': vi.fn(() => Promise.resolve(ok(null))),
    'osKey:load': vi.fn(() => Promise.resolve(ok(null))),
    'osKey:clear': vi.fn(() => Promise.resolve(ok(null))),
    'ocr:recognize': vi.fn(() => Promise.resolve(err('ocr.cancelled', '已取消识别。'))),
    'ocr:cancel': vi.fn(() => Promise.resolve(ok(null))),
    ...overrides,
  };
  registerIpcHandlers(ipcMain, handlers, null);
  const invoke = (channel: string, event: IpcMainInvokeEvent, payload?: unknown) => {
    const listener = listeners.get(channel);
    if (listener === undefined) throw new Error(`no handler for ${channel}`);
    return listener(event, payload);
  };
  return { ipcMain, handlers, invoke };
}

describe('describeSender', () => {
  it('recognises the top frame by process and routing id', () => {
    expect(describeSender(fakeEvent({ ...appMainFrame }, appMainFrame))).toEqual({ frameUrl: 'app://workbench/index.html', isTopFrame: true });
  });

  it('marks a child frame as not top', () => {
    const child: FakeFrame = { url: 'app://workbench/index.html', parent: appMainFrame, processId: 4, routingId: 7 };
    expect(describeSender(fakeEvent(child, appMainFrame))?.isTopFrame).toBe(false);
  });

  it('returns null for a destroyed frame', () => {
    expect(describeSender(fakeEvent(null, appMainFrame))).toBeNull();
  });
});

describe('registerIpcHandlers', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('registers exactly the channels of the contract', () => {
    const { ipcMain } = setUp();
    expect(ipcMain.handle.mock.calls.map(([channel]) => channel).sort()).toEqual([...IPC_CHANNEL_LIST].sort());
  });

  it('passes a validated request to the handler and returns its Result', async () => {
    const { handlers, invoke } = setUp();
    const payload = { filters: [{ name: '工作区文件', extensions: ['json'] }], isMultiple: true };
    await expect(invoke(IPC_CHANNELS.openFiles, fakeEvent(appMainFrame, appMainFrame), payload)).resolves.toEqual({ ok: true, value: [] });
    expect(handlers['dialog:openFiles']).toHaveBeenCalledWith(payload, expect.objectContaining({ sender: expect.anything() as unknown }));
  });

  it('never calls the handler for a subframe, a foreign origin or a bad payload', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { handlers, invoke } = setUp();
    const subframe: FakeFrame = { url: 'app://workbench/index.html', parent: appMainFrame, processId: 4, routingId: 9 };
    const foreign: FakeFrame = { url: 'https://evil.example/', parent: null, processId: 4, routingId: 1 };
    const results = await Promise.all([
      invoke(IPC_CHANNELS.getAppInfo, fakeEvent(subframe, appMainFrame)),
      invoke(IPC_CHANNELS.getAppInfo, fakeEvent(foreign, { ...foreign })),
      invoke(IPC_CHANNELS.openFiles, fakeEvent(appMainFrame, appMainFrame), { filters: 'json' }),
    ]);
    expect(results.map((r) => (r as { ok: boolean; error: { code: string } }).error.code)).toEqual([
      'ipc.forbiddenSender', 'ipc.forbiddenSender', 'ipc.invalidPayload',
    ]);
    expect(handlers['app:getInfo']).not.toHaveBeenCalled();
    expect(handlers['dialog:openFiles']).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('turns a thrown handler error into an error Result with a Chinese message', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { invoke } = setUp({ 'app:getInfo': () => Promise.reject(new Error('disk on fire')) });
    const result = await invoke(IPC_CHANNELS.getAppInfo, fakeEvent(appMainFrame, appMainFrame));
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc.internal' } });
    expect(JSON.stringify(result)).not.toContain('disk on fire');
  });

  it('passes error Results from the handler through unchanged', async () => {
    const failure = err('file.writeFailed', '磁盘空间不足，未能保存“a.json”。');
    const { invoke } = setUp({ 'dialog:saveFile': () => Promise.resolve(failure) });
    const payload = { suggestedName: 'a.json', bytes: new Uint8Array(1), filters: [] };
    await expect(invoke(IPC_CHANNELS.saveFile, fakeEvent(appMainFrame, appMainFrame), payload)).resolves.toEqual(failure);
  });
});

describe('sendEvent', () => {
  it('sends on the contract channel and skips destroyed pages', () => {
    const live = { send: vi.fn(), isDestroyed: () => false };
    const gone = { send: vi.fn(), isDestroyed: () => true };
    sendEvent(live, IPC_EVENTS.menuCommand, 'export-workspace');
    sendEvent(gone, IPC_EVENTS.reminderClicked, 'r1');
    expect(live.send).toHaveBeenCalledWith('menu:command', 'export-workspace');
    expect(gone.send).not.toHaveBeenCalled();
  });
});
