import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, type IpcChannel } from '../../../shared/ipc/contract';
import { validateIpcRequest, type IpcSenderInfo } from '../../../electron/main/ipcGuard';

const appTopFrame: IpcSenderInfo = { frameUrl: 'app://workbench/index.html', isTopFrame: true };
const saveRequest = { suggestedName: '工作区.json', bytes: new Uint8Array([123, 125]), filters: [{ name: '工作区文件', extensions: ['json'] }] };

function expectRefused(result: ReturnType<typeof validateIpcRequest>, code: string): void {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(code);
    // Shown to the user as is: it must be Chinese.
    expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
  }
}

describe('validateIpcRequest', () => {
  it('accepts a valid request from the app top frame', () => {
    const result = validateIpcRequest(IPC_CHANNELS.saveFile, appTopFrame, saveRequest, null);
    expect(result).toEqual({ ok: true, value: saveRequest });
  });

  it('accepts the dev server origin only when configured', () => {
    const devFrame = { frameUrl: 'http://localhost:5173/', isTopFrame: true };
    expect(validateIpcRequest(IPC_CHANNELS.getAppInfo, devFrame, undefined, 'http://localhost:5173').ok).toBe(true);
    expectRefused(validateIpcRequest(IPC_CHANNELS.getAppInfo, devFrame, undefined, null), 'ipc.forbiddenSender');
  });

  it('refuses an unknown channel', () => {
    // Messages come from another process, so a channel outside the contract can arrive at run time.
    expectRefused(validateIpcRequest('shell:openExternal' as IpcChannel, appTopFrame, {}, null), 'ipc.unknownChannel');
  });

  it.each([
    ['a foreign https page', { frameUrl: 'https://evil.example/', isTopFrame: true }],
    ['a file:// page', { frameUrl: 'file:///C:/Users/x/evil.html', isTopFrame: true }],
    ['another app host', { frameUrl: 'app://evil/index.html', isTopFrame: true }],
    ['a data: URL', { frameUrl: 'data:text/html,hi', isTopFrame: true }],
    ['an about:blank frame', { frameUrl: 'about:blank', isTopFrame: true }],
    ['a subframe of the app', { frameUrl: 'app://workbench/index.html', isTopFrame: false }],
  ])('refuses %s', (_label, sender) => {
    expectRefused(validateIpcRequest(IPC_CHANNELS.getAppInfo, sender, undefined, null), 'ipc.forbiddenSender');
  });

  it('refuses a sender whose frame is gone', () => {
    expectRefused(validateIpcRequest(IPC_CHANNELS.getAppInfo, null, undefined, null), 'ipc.forbiddenSender');
  });

  it.each([
    ['no payload', IPC_CHANNELS.saveFile, undefined],
    ['bytes as a plain array', IPC_CHANNELS.saveFile, { ...saveRequest, bytes: [1, 2, 3] }],
    ['an empty file name', IPC_CHANNELS.saveFile, { ...saveRequest, suggestedName: '' }],
    ['an extension with a dot', IPC_CHANNELS.saveFile, { ...saveRequest, filters: [{ name: 'x', extensions: ['.json'] }] }],
    ['isMultiple as a string', IPC_CHANNELS.openFiles, { filters: [], isMultiple: 'yes' }],
    ['a reminder without offset', IPC_CHANNELS.scheduleReminders, { reminders: [{ id: 'a', title: 't', body: '', fireAt: '2021-12-01T09:00:00' }] }],
    ['a reminder date that is not a date', IPC_CHANNELS.scheduleReminders, { reminders: [{ id: 'a', title: 't', body: '', fireAt: 'tomorrow' }] }],
    ['a reminder without title', IPC_CHANNELS.scheduleReminders, { reminders: [{ id: 'a', title: '', body: '', fireAt: '2021-12-01T09:00:00Z' }] }],
    ['reminders not in a list', IPC_CHANNELS.scheduleReminders, { reminders: 'all' }],
    ['a payload where none is expected', IPC_CHANNELS.getAppInfo, { path: '/etc/passwd' }],
  ])('refuses a bad payload: %s', (_label, channel, payload) => {
    expectRefused(validateIpcRequest(channel, appTopFrame, payload, null), 'ipc.invalidPayload');
  });

  it('accepts reminders with Z or an offset', () => {
    const reminders = [
      { id: 'a', title: '许可证到期', body: '药品经营许可证将于 30 日后到期', fireAt: '2021-12-01T09:00:00+08:00' },
      { id: 'b', title: '备案', body: '', fireAt: '2021-12-01T01:00:00Z' },
    ];
    expect(validateIpcRequest(IPC_CHANNELS.scheduleReminders, appTopFrame, { reminders }, null)).toEqual({ ok: true, value: { reminders } });
  });
});
