import { describe, expect, it, vi } from 'vitest';
import { MAX_RECOGNITION_SCAN_BYTES, type WorkbenchApi } from '../../../shared/ipc/contract';
import { MAX_SCAN_BYTES } from '../../../shared/ocr/decodeScan';
import { err, ok } from '../../../shared/util/result';
import { validateIpcRequest, type IpcSenderInfo } from '../../../electron/main/ipcGuard';
import { createElectronPlatform } from '../../../renderer/platform/electronPlatform';
import { expectChineseError } from '../hostile/hostileKit';

/*
 * The page's side of desktop recognition: what main accepts on ocr:recognize / ocr:cancel (the
 * generic sweep in ipcPayloads.test.ts cannot cover the optional `kind` or the size cap), and
 * platform.recognizer over the preload's API.
 */

const APP_TOP_FRAME: IpcSenderInfo = { frameUrl: 'app://workbench/index.html', isTopFrame: true };
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);

function check(channel: 'ocr:recognize' | 'ocr:cancel', payload: unknown) {
  return validateIpcRequest(channel, APP_TOP_FRAME, payload, null);
}

describe('ocr:recognize request', () => {
  it('accepts a scan with or without the kind, and an empty file (recognition says so by name)', () => {
    for (const kind of ['营业执照', '药品经营许可证', '行驶证', '身份证', '执业药师注册证'] as const) {
      expect(check('ocr:recognize', { jobId: 'scan-1', name: 'a.jpg', bytes: JPEG, kind }).ok).toBe(true);
    }
    expect(check('ocr:recognize', { jobId: 'A_z-9', name: 'a.jpg', bytes: JPEG })).toEqual(ok({ jobId: 'A_z-9', name: 'a.jpg', bytes: JPEG }));
    expect(check('ocr:recognize', { jobId: 'x', name: 'a.jpg', bytes: new Uint8Array() }).ok).toBe(true);
  });

  it('caps the bytes at the decoder’s own limit', () => {
    expect(MAX_RECOGNITION_SCAN_BYTES).toBe(MAX_SCAN_BYTES);
    expect(check('ocr:recognize', { jobId: 'x', name: 'big.jpg', bytes: new Uint8Array(MAX_RECOGNITION_SCAN_BYTES) }).ok).toBe(true);
  });

  it.each([
    ['bytes one over the limit', { jobId: 'x', name: 'big.jpg', bytes: new Uint8Array(MAX_RECOGNITION_SCAN_BYTES + 1) }],
    ['a kind that is not one of the five', { jobId: 'x', name: 'a.jpg', bytes: JPEG, kind: '护照' }],
    ['a kind in English', { jobId: 'x', name: 'a.jpg', bytes: JPEG, kind: 'businessLicence' }],
    ['a null kind', { jobId: 'x', name: 'a.jpg', bytes: JPEG, kind: null }],
    ['an empty job id', { jobId: '', name: 'a.jpg', bytes: JPEG }],
    ['a job id with a path', { jobId: '../x', name: 'a.jpg', bytes: JPEG }],
    ['a job id of 101 characters', { jobId: 'x'.repeat(101), name: 'a.jpg', bytes: JPEG }],
    ['an empty name', { jobId: 'x', name: '', bytes: JPEG }],
    ['a name over 255 characters', { jobId: 'x', name: '文'.repeat(256), bytes: JPEG }],
    ['bytes as an array', { jobId: 'x', name: 'a.jpg', bytes: [0xff, 0xd8] }],
    ['bytes as an ArrayBuffer', { jobId: 'x', name: 'a.jpg', bytes: JPEG.buffer }],
    ['bytes as base64', { jobId: 'x', name: 'a.jpg', bytes: '/9j/4A==' }],
    ['no bytes', { jobId: 'x', name: 'a.jpg' }],
  ])('refuses %s with a Chinese error', (_label, payload) => {
    const result = check('ocr:recognize', payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('ipc.invalidPayload');
      expectChineseError(result.error);
    }
  });

  it('refuses a cancel without a proper job id', () => {
    expect(check('ocr:cancel', { jobId: 'scan-1' })).toEqual(ok({ jobId: 'scan-1' }));
    for (const payload of [{}, { jobId: '' }, { jobId: 'a/b' }, { jobId: 3 }, undefined]) {
      expect(check('ocr:cancel', payload).ok).toBe(false);
    }
  });
});

describe('platform.recognizer on Electron', () => {
  function platformWith(api: Partial<WorkbenchApi>) {
    const recognizer = createElectronPlatform({ hasNativeRecognition: () => true, ...api } as WorkbenchApi).recognizer;
    if (recognizer === undefined) throw new Error('the Electron platform has no recognizer');
    return recognizer;
  }

  it('sends the scan through the preload and hands back main’s answer, success or error, as is', async () => {
    const answer = err('ocr.unknownKind', '图片“a.jpg”看起来不是营业执照、药品经营许可证、机动车行驶证、居民身份证或执业药师注册证，无法判断证件类型。');
    const recognizeScan = vi.fn(() => Promise.resolve(answer));
    const recognizer = platformWith({ recognizeScan });
    await expect(recognizer.recognize({ jobId: 'j1', name: 'a.jpg', bytes: JPEG })).resolves.toEqual(answer);
    await recognizer.recognize({ jobId: 'j2', name: 'a.jpg', bytes: JPEG, kind: '行驶证' });
    expect(recognizeScan.mock.calls).toEqual([
      [{ jobId: 'j1', name: 'a.jpg', bytes: JPEG }],
      [{ jobId: 'j2', name: 'a.jpg', bytes: JPEG, kind: '行驶证' }],
    ]);
  });

  it('refuses a scan over the limit by name without sending it, and never rejects when IPC fails', async () => {
    const recognizeScan = vi.fn(() => Promise.reject(new Error('An object could not be cloned.')));
    const recognizer = platformWith({ recognizeScan });
    const tooBig = await recognizer.recognize({ jobId: 'j1', name: '超大扫描.jpg', bytes: new Uint8Array(MAX_RECOGNITION_SCAN_BYTES + 1) });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'ocr.tooLarge' } });
    if (!tooBig.ok) expect(tooBig.error.message).toContain('超大扫描.jpg');
    expect(recognizeScan).not.toHaveBeenCalled();

    const failed = await recognizer.recognize({ jobId: 'j2', name: 'a.jpg', bytes: JPEG });
    expect(failed).toMatchObject({ ok: false, error: { code: 'ocr.ipcFailed' } });
    if (!failed.ok) expectChineseError(failed.error);
  });

  it('is absent where onnxruntime-node has no binary (an Intel Mac), so recognitionClient uses the page’s worker', () => {
    expect(createElectronPlatform({ hasNativeRecognition: () => false } as Partial<WorkbenchApi> as WorkbenchApi).recognizer).toBeUndefined();
  });

  it('cancels by job id', async () => {
    const cancelRecognition = vi.fn(() => Promise.resolve(ok(null)));
    await platformWith({ cancelRecognition }).cancel('j1');
    expect(cancelRecognition).toHaveBeenCalledWith({ jobId: 'j1' });
  });
});
