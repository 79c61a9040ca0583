import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL_LIST, type IpcChannel, type IpcRequest } from '../../../shared/ipc/contract';
import { ipcRequestSchemas } from '../../../shared/ipc/requestSchemas';
import { validateIpcRequest, type IpcSenderInfo } from '../../../electron/main/ipcGuard';
import { expectChineseError } from '../hostile/hostileKit';

/*
 * Every channel of the contract, not just the ones someone remembered: each has a payload schema
 * that refuses junk, missing fields and wrong types, and every channel refuses foreign senders.
 * VALID_REQUESTS is typed by the contract, so a new channel without a sample here does not compile,
 * and the run-time loop over IPC_CHANNEL_LIST fails for it too.
 */

const APP_TOP_FRAME: IpcSenderInfo = { frameUrl: 'app://workbench/index.html', isTopFrame: true };
const TOKEN = '0123456789abcdef0123456789abcdef';
const STORED_NAME = 'workbench-backup-20261126-103000-auto.cwbackup';
/** Base64 of the 32 bytes 0x00…0x1f. */
const KEY_BASE64 = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const KEY_ID = '0123456789abcdef';

const VALID_REQUESTS: { readonly [C in IpcChannel]: IpcRequest<C> } = {
  'dialog:saveFile': { suggestedName: '工作区.json', bytes: new Uint8Array([123, 125]), filters: [{ name: '工作区文件', extensions: ['json'] }] },
  'dialog:openFiles': { filters: [{ name: 'Excel 文件', extensions: ['xlsx'] }], isMultiple: true },
  'app:getInfo': undefined,
  'reminders:schedule': { reminders: [{ id: 'r1', title: '许可证到期', body: '药品经营许可证将于 30 日后到期', fireAt: '2021-12-01T09:00:00+08:00' }] },
  'knowledgeBase:loadOverride': undefined,
  'backup:begin': { target: { kind: 'backupFolder', reason: 'manual' } },
  'backup:append': { sessionId: TOKEN, chunk: new Uint8Array([1, 2, 3]) },
  'backup:finish': { sessionId: TOKEN, passphrase: '口令 passphrase' },
  'backup:abort': { sessionId: TOKEN },
  'backup:list': undefined,
  'backup:pickFile': undefined,
  'backup:read': { source: { kind: 'stored', name: STORED_NAME }, offset: 0, length: 65_536 },
  'backup:prune': { keepLatest: 10, keepDailyForDays: 30 },
  'backup:delete': { name: STORED_NAME },
  'backup:openFolder': undefined,
  'backup:setPendingChanges': { hasPendingChanges: true },
  'backup:reportQuitBackup': { requestId: TOKEN, isBackedUp: true },
  'osKey:status': undefined,
  'osKey:save': { keyBase64: KEY_BASE64, keyId: KEY_ID },
  'osKey:load': undefined,
  'osKey:clear': undefined,
  // `kind` is optional, so the missing-field sweep below cannot cover it: tests/unit/electron/recognitionRequest.test.ts does.
  'ocr:recognize': { jobId: 'scan-1', name: '营业执照.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff]) },
  'ocr:cancel': { jobId: 'scan-1' },
};

/** Fields that may legitimately be null ("channel path"). Everything else refuses null. */
const NULLABLE_FIELDS = new Set(['backup:finish passphrase']);

/** Payloads the schemas must refuse although they are of the right shape: limits and traversal. */
const BOUNDARY_REFUSALS: readonly (readonly [string, IpcChannel, unknown])[] = [
  ['a file name over 255 characters', 'dialog:saveFile', { ...VALID_REQUESTS['dialog:saveFile'], suggestedName: '文'.repeat(256) }],
  ['21 file filters', 'dialog:openFiles', { filters: Array.from({ length: 21 }, () => ({ name: 'x', extensions: ['pdf'] })), isMultiple: false }],
  ['a filter extension with a path', 'dialog:openFiles', { filters: [{ name: 'x', extensions: ['../exe'] }], isMultiple: false }],
  ['10,001 reminders', 'reminders:schedule', { reminders: Array.from({ length: 10_001 }, (_, i) => ({ id: `r${i}`, title: 't', body: '', fireAt: '2021-12-01T09:00:00Z' })) }],
  ['an unknown backup target', 'backup:begin', { target: { kind: 'path', path: 'C:\\Windows\\System32' } }],
  ['an unknown backup reason', 'backup:begin', { target: { kind: 'backupFolder', reason: 'evil' } }],
  ['a session id that is not 32 hex characters', 'backup:append', { sessionId: '../../etc/passwd', chunk: new Uint8Array(1) }],
  ['an upper-case session id', 'backup:abort', { sessionId: TOKEN.toUpperCase() }],
  ['a passphrase over 1,024 characters', 'backup:finish', { sessionId: TOKEN, passphrase: 'x'.repeat(1025) }],
  ['a stored name with traversal', 'backup:read', { source: { kind: 'stored', name: `../${STORED_NAME}` }, offset: 0, length: 1 }],
  ['a stored name with a folder', 'backup:delete', { name: `backups/${STORED_NAME}` }],
  ['an absolute path as stored name', 'backup:delete', { name: '/etc/passwd' }],
  ['a stored name of an impossible time', 'backup:delete', { name: 'workbench-backup-20261131-103000-auto.cwbackup' }],
  ['a picked token of the wrong shape', 'backup:read', { source: { kind: 'picked', token: 'C:\\x' }, offset: 0, length: 1 }],
  ['a negative offset', 'backup:read', { ...VALID_REQUESTS['backup:read'], offset: -1 }],
  ['a fractional offset', 'backup:read', { ...VALID_REQUESTS['backup:read'], offset: 0.5 }],
  ['an offset past 2^53', 'backup:read', { ...VALID_REQUESTS['backup:read'], offset: 2 ** 53 }],
  ['a zero length', 'backup:read', { ...VALID_REQUESTS['backup:read'], length: 0 }],
  ['a length over 64 MB', 'backup:read', { ...VALID_REQUESTS['backup:read'], length: 64 * 1024 * 1024 + 1 }],
  ['NaN as length', 'backup:read', { ...VALID_REQUESTS['backup:read'], length: Number.NaN }],
  ['pruning that keeps no backup', 'backup:prune', { keepLatest: 0, keepDailyForDays: 30 }],
  ['pruning with Infinity days', 'backup:prune', { keepLatest: 1, keepDailyForDays: Number.POSITIVE_INFINITY }],
  ['an empty key', 'osKey:save', { keyBase64: '', keyId: KEY_ID }],
  ['a 31-byte key', 'osKey:save', { keyBase64: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==', keyId: KEY_ID }],
  ['a 33-byte key', 'osKey:save', { keyBase64: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g', keyId: KEY_ID }],
  ['a key without padding', 'osKey:save', { keyBase64: KEY_BASE64.slice(0, -1), keyId: KEY_ID }],
  ['a base64url key', 'osKey:save', { keyBase64: '_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-A=', keyId: KEY_ID }],
  ['a megabyte as key', 'osKey:save', { keyBase64: 'A'.repeat(1024 * 1024), keyId: KEY_ID }],
  ['an upper-case key id', 'osKey:save', { keyBase64: KEY_BASE64, keyId: KEY_ID.toUpperCase() }],
  ['a 15-character key id', 'osKey:save', { keyBase64: KEY_BASE64, keyId: KEY_ID.slice(1) }],
  ['a key id with traversal', 'osKey:save', { keyBase64: KEY_BASE64, keyId: '../../../etc/pwd' }],
];

const FOREIGN_SENDERS: readonly (readonly [string, IpcSenderInfo | null])[] = [
  ['a foreign https page', { frameUrl: 'https://evil.example/', isTopFrame: true }],
  ['a file:// page', { frameUrl: 'file:///C:/Users/x/evil.html', isTopFrame: true }],
  ['an iframe of the app', { frameUrl: 'app://workbench/index.html', isTopFrame: false }],
  ['another app:// host', { frameUrl: 'app://workbench.evil/index.html', isTopFrame: true }],
  ['a destroyed frame', null],
];

interface Leaf {
  readonly path: readonly (string | number)[];
  readonly value: unknown;
}

/** Every property of the sample (nested objects and array elements included), with its value. */
function leavesOf(value: unknown, path: readonly (string | number)[] = []): Leaf[] {
  const here: Leaf[] = path.length === 0 ? [] : [{ path, value }];
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return here;
  const children = Array.isArray(value)
    ? value.flatMap((item, i) => leavesOf(item, [...path, i]))
    : Object.entries(value).flatMap(([key, item]) => leavesOf(item, [...path, key]));
  return [...here, ...children];
}

function cloneWith(sample: unknown, path: readonly (string | number)[], change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(sample);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last === undefined) throw new Error('empty path');
  change(parent, last);
  return copy;
}

/** Values of a different type than `value`; null is handled separately (some fields are nullable). */
function wrongTypedValues(value: unknown): unknown[] {
  const all: unknown[] = ['1', 1, true, {}, [], new Uint8Array([1]), undefined, Number.NaN];
  if (value instanceof Uint8Array) return [[1, 2, 3], 'AQID', { 0: 1, length: 1 }, new ArrayBuffer(3), 1, undefined];
  if (Array.isArray(value)) return all.filter((v) => !Array.isArray(v));
  if (typeof value === 'object' && value !== null) return all.filter((v) => !(typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array)));
  return all.filter((v) => typeof v !== typeof value || (typeof v === 'number' && Number.isNaN(v)));
}

function refusal(channel: IpcChannel, payload: unknown): string | null {
  const result = validateIpcRequest(channel, APP_TOP_FRAME, payload, null);
  if (result.ok) return null;
  expectChineseError(result.error);
  return result.error.code;
}

describe('IPC payload validation on every channel of the contract', () => {
  it('has a valid sample here for every channel (add one when you add a channel)', () => {
    const missing = IPC_CHANNEL_LIST.filter((channel) => !Object.hasOwn(VALID_REQUESTS, channel));
    expect(missing).toEqual([]);
    expect(Object.keys(VALID_REQUESTS).sort()).toEqual([...IPC_CHANNEL_LIST].sort());
  });

  it.each(IPC_CHANNEL_LIST.map((c) => [c]))('%s has a payload schema and accepts its valid sample', (channel) => {
    expect(Object.hasOwn(ipcRequestSchemas, channel)).toBe(true);
    expect(typeof ipcRequestSchemas[channel].safeParse).toBe('function');
    const result = validateIpcRequest(channel, APP_TOP_FRAME, VALID_REQUESTS[channel], null);
    expect(result).toEqual({ ok: true, value: VALID_REQUESTS[channel] });
  });

  it.each(IPC_CHANNEL_LIST.map((c) => [c]))('%s refuses foreign senders even with a valid payload', (channel) => {
    for (const [label, sender] of FOREIGN_SENDERS) {
      const result = validateIpcRequest(channel, sender, VALID_REQUESTS[channel], null);
      expect(result.ok, label).toBe(false);
      if (!result.ok) {
        expect(result.error.code, label).toBe('ipc.forbiddenSender');
        expectChineseError(result.error);
      }
    }
  });

  it.each(IPC_CHANNEL_LIST.map((c) => [c]))('%s refuses arbitrary junk with a Chinese error and never throws', (channel) => {
    const junk = fc.oneof(
      fc.anything({ maxDepth: 3, withTypedArray: true, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true }),
      fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'then', 'toString'), fc.anything({ maxDepth: 2 })),
    ).filter((v) => v !== undefined);
    fc.assert(
      fc.property(junk, (payload) => {
        expect(refusal(channel, payload)).toBe('ipc.invalidPayload');
      }),
      { numRuns: 300 },
    );
  });

  it.each(IPC_CHANNEL_LIST.filter((c) => VALID_REQUESTS[c] !== undefined).map((c) => [c]))('%s refuses its sample with any field missing, null or of another type', (channel) => {
    const sample = VALID_REQUESTS[channel];
    const leaves = leavesOf(sample);
    expect(leaves.length).toBeGreaterThan(0);
    for (const leaf of leaves) {
      const where = `${channel} ${leaf.path.join('.')}`;
      if (typeof leaf.path[leaf.path.length - 1] === 'string') {
        expect(refusal(channel, cloneWith(sample, leaf.path, (parent, key) => delete parent[key])), `${where} deleted`).toBe('ipc.invalidPayload');
      }
      const nullable = NULLABLE_FIELDS.has(`${channel} ${leaf.path.join('.')}`);
      const withNull = refusal(channel, cloneWith(sample, leaf.path, (parent, key) => (parent[key] = null)));
      expect(withNull, `${where} = null`).toBe(nullable ? null : 'ipc.invalidPayload');
      for (const wrong of wrongTypedValues(leaf.value)) {
        const label = `${where} = ${Object.prototype.toString.call(wrong)} ${String(wrong)}`;
        expect(refusal(channel, cloneWith(sample, leaf.path, (parent, key) => (parent[key] = wrong))), label).toBe('ipc.invalidPayload');
      }
    }
  });

  it.each(BOUNDARY_REFUSALS)('refuses %s (%s)', (_label, channel, payload) => {
    expect(refusal(channel, payload)).toBe('ipc.invalidPayload');
  });

  it.each(IPC_CHANNEL_LIST.filter((c) => VALID_REQUESTS[c] !== undefined).map((c) => [c]))(
    '%s drops __proto__, constructor and unknown keys instead of passing them on',
    (channel) => {
      const hostile = JSON.parse(
        `{"__proto__":{"isPolluted":true},"constructor":{"prototype":{"isPolluted":true}},"extra":"x",${JSON.stringify(VALID_REQUESTS[channel], (_k, v: unknown) => (v instanceof Uint8Array ? '__bytes__' : v)).slice(1)}`,
      ) as Record<string, unknown>;
      // JSON cannot carry bytes: put the sample's Uint8Arrays back where they were.
      const restored = restoreBytes(hostile, VALID_REQUESTS[channel]);
      const result = validateIpcRequest(channel, APP_TOP_FRAME, restored, null);
      expect(result).toEqual({ ok: true, value: VALID_REQUESTS[channel] });
      if (result.ok) {
        expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
        expect(Object.hasOwn(result.value as object, '__proto__')).toBe(false);
        expect(Object.hasOwn(result.value as object, 'constructor')).toBe(false);
      }
      expect(({} as Record<string, unknown>).isPolluted).toBeUndefined();
    },
  );
});

function restoreBytes(target: unknown, sample: unknown): unknown {
  if (sample instanceof Uint8Array) return sample;
  if (Array.isArray(sample) && Array.isArray(target)) return target.map((item, i) => restoreBytes(item, sample[i]));
  if (typeof sample === 'object' && sample !== null && typeof target === 'object' && target !== null) {
    const out = target as Record<string, unknown>;
    for (const [key, value] of Object.entries(sample)) out[key] = restoreBytes(out[key], value);
    return out;
  }
  return target;
}
