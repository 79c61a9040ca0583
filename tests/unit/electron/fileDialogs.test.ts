import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions, WebContents } from 'electron';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeFileError, writeFileAtomic, writeFileAtomicStreaming } from '../../../electron/main/atomicWrite';
import { createFileDialogs, sanitizeFileName } from '../../../electron/main/fileDialogs';
import { readKnowledgeBaseOverride } from '../../../electron/main/ipcHandlers';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'file-dialogs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes new content and leaves no temporary file behind', async () => {
    const target = path.join(dir, '工作区.json');
    await writeFileAtomic(target, '{"a":1}');
    await writeFileAtomic(target, new Uint8Array([123, 125]));
    expect(await readFile(target, 'utf8')).toBe('{}');
    expect(await readdir(dir)).toEqual(['工作区.json']);
  });

  it('keeps the old file intact and cleans up when writing fails', async () => {
    const target = path.join(dir, 'missing-folder', 'a.json');
    await expect(writeFileAtomic(target, 'x')).rejects.toMatchObject({ code: 'ENOENT' });

    // Renaming a file over a directory fails after the temp file was written.
    const existing = path.join(dir, 'taken');
    await mkdir(existing);
    await writeFile(path.join(existing, 'keep.txt'), 'old');
    await expect(writeFileAtomic(existing, 'new')).rejects.toBeDefined();
    expect(await readFile(path.join(existing, 'keep.txt'), 'utf8')).toBe('old');
    expect((await readdir(dir)).sort()).toEqual(['taken']);
  });
});

describe('writeFileAtomicStreaming', () => {
  it('joins the chunks in order and returns what the producer made', async () => {
    const target = path.join(dir, '材料包.pdf');
    const value = await writeFileAtomicStreaming(target, async (write) => {
      for (const part of ['%PDF', '-1.7\n', new Uint8Array([0x25, 0x25]), 'EOF']) await write(part);
      return { isKept: true, value: 4 };
    });
    expect(value).toBe(4);
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.7\n%%EOF');
    expect(await readdir(dir)).toEqual(['材料包.pdf']);
  });

  it('leaves the earlier file untouched when the producer gives up or throws, and no temporary file', async () => {
    const target = path.join(dir, '材料包.pdf');
    await writeFile(target, 'earlier packet');
    const value = await writeFileAtomicStreaming(target, async (write) => {
      await write('half a packet');
      return { isKept: false, value: 'cancelled' };
    });
    expect(value).toBe('cancelled');
    await expect(writeFileAtomicStreaming(target, async (write) => {
      await write('half a packet');
      throw new Error('font missing');
    })).rejects.toThrow('font missing');
    expect(await readFile(target, 'utf8')).toBe('earlier packet');
    expect(await readdir(dir)).toEqual(['材料包.pdf']);
  });
});

describe('describeFileError', () => {
  it.each([
    ['EACCES', 'write', '没有权限写入“a.json”'],
    ['EACCES', 'read', '没有权限读取“a.json”'],
    ['EBUSY', 'write', '正被其他程序占用'],
    ['ENOSPC', 'write', '磁盘空间不足'],
    ['ENOENT', 'read', '找不到“a.json”'],
    ['EXYZ', 'read', '读取文件“a.json”时出错（EXYZ）'],
  ] as const)('%s while %s', (code, operation, expected) => {
    expect(describeFileError(Object.assign(new Error(), { code }), '/x/a.json', operation)).toContain(expected);
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['工作区-2021-11-15.json', '工作区-2021-11-15.json'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\system32\\cmd.exe', 'cmd.exe'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['报告. . .', '报告'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['', '未命名'],
    ['..', '未命名'],
    ['a\u0000b.json', 'a_b.json'],
  ])('%s → %s', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('shortens very long names', () => {
    expect(sanitizeFileName(`${'很'.repeat(300)}.json`).length).toBe(150);
  });
});

function fakeDialog(choice: { save?: string | null; open?: string[] | null }) {
  const showSaveDialog = vi.fn((...args: unknown[]) => {
    void args;
    return Promise.resolve(choice.save == null ? { canceled: true } : { canceled: false, filePath: choice.save });
  });
  const showOpenDialog = vi.fn((...args: unknown[]) => {
    void args;
    return Promise.resolve(choice.open == null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: choice.open });
  });
  return { showSaveDialog, showOpenDialog };
}

const sender = {} as WebContents;
const parentWindow = { id: 1 } as unknown as BrowserWindow;

function dialogs(dialog: ReturnType<typeof fakeDialog>) {
  return createFileDialogs({ dialog: dialog as unknown as Dialog, windowFor: () => parentWindow, defaultDirectory: () => dir });
}

describe('createFileDialogs: saveFile', () => {
  it('asks with a Chinese title and the sanitized name, then writes the bytes', async () => {
    const target = path.join(dir, '导出.json');
    const dialog = fakeDialog({ save: target });
    const result = await dialogs(dialog).saveFile({ suggestedName: '../导出.json', bytes: new TextEncoder().encode('{"ok":true}'), filters: [{ name: '工作区文件', extensions: ['json'] }] }, sender);
    expect(result).toEqual({ ok: true, value: { isSaved: true, path: target } });
    expect(await readFile(target, 'utf8')).toBe('{"ok":true}');
    const [window, options] = dialog.showSaveDialog.mock.calls[0] as [BrowserWindow, SaveDialogOptions];
    expect(window).toBe(parentWindow);
    expect(options).toMatchObject({ title: '保存文件', defaultPath: path.join(dir, '导出.json'), filters: [{ name: '工作区文件', extensions: ['json'] }] });
  });

  it('reports a cancel as not saved and writes nothing', async () => {
    const result = await dialogs(fakeDialog({ save: null })).saveFile({ suggestedName: 'a.json', bytes: new Uint8Array(1), filters: [] }, sender);
    expect(result).toEqual({ ok: true, value: { isSaved: false } });
    expect(await readdir(dir)).toEqual([]);
  });

  it('returns a Chinese error Result when the file cannot be written', async () => {
    const target = path.join(dir, 'no-such-folder', 'a.json');
    const result = await dialogs(fakeDialog({ save: target })).saveFile({ suggestedName: 'a.json', bytes: new Uint8Array(1), filters: [] }, sender);
    expect(result).toEqual({ ok: false, error: { code: 'file.writeFailed', message: '找不到“a.json”或其所在的文件夹。' } });
  });

  it('opens the next dialog in the folder of the last save', async () => {
    const sub = path.join(dir, 'sub');
    await mkdir(sub);
    const dialog = fakeDialog({ save: path.join(sub, 'a.json') });
    const files = dialogs(dialog);
    await files.saveFile({ suggestedName: 'a.json', bytes: new Uint8Array(1), filters: [] }, sender);
    await files.saveFile({ suggestedName: 'b.json', bytes: new Uint8Array(1), filters: [] }, sender);
    const second = dialog.showSaveDialog.mock.calls[1] as [BrowserWindow, SaveDialogOptions];
    expect(second[1].defaultPath).toBe(path.join(sub, 'b.json'));
  });
});

describe('createFileDialogs: openFiles', () => {
  it('returns the picked files with their bytes', async () => {
    await writeFile(path.join(dir, 'a.json'), '{"a":1}');
    await writeFile(path.join(dir, 'b.pdf'), new Uint8Array([37, 80, 68, 70]));
    const dialog = fakeDialog({ open: [path.join(dir, 'a.json'), path.join(dir, 'b.pdf')] });
    const result = await dialogs(dialog).openFiles({ filters: [{ name: '工作区文件', extensions: ['json'] }], isMultiple: true }, sender);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.map((f) => f.name)).toEqual(['a.json', 'b.pdf']);
      expect(new TextDecoder().decode(result.value[0]?.bytes)).toBe('{"a":1}');
      expect([...(result.value[1]?.bytes ?? [])]).toEqual([37, 80, 68, 70]);
    }
    const options = (dialog.showOpenDialog.mock.calls[0] as [BrowserWindow, OpenDialogOptions])[1];
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
    expect(options.title).toMatch(/选择文件/);
  });

  it('asks for a single file unless multiple are wanted', async () => {
    const dialog = fakeDialog({ open: null });
    const result = await dialogs(dialog).openFiles({ filters: [], isMultiple: false }, sender);
    expect(result).toEqual({ ok: true, value: [] });
    expect((dialog.showOpenDialog.mock.calls[0] as [BrowserWindow, OpenDialogOptions])[1].properties).toEqual(['openFile']);
  });

  it('returns a Chinese error Result for a file that vanished', async () => {
    const result = await dialogs(fakeDialog({ open: [path.join(dir, 'gone.json')] })).openFiles({ filters: [], isMultiple: false }, sender);
    expect(result).toEqual({ ok: false, error: { code: 'file.readFailed', message: '找不到“gone.json”或其所在的文件夹。' } });
  });
});

describe('readKnowledgeBaseOverride', () => {
  it('reports absence without an error', async () => {
    const file = path.join(dir, 'knowledge-base.json');
    expect(await readKnowledgeBaseOverride(file)).toEqual({ ok: true, value: { isPresent: false, path: file } });
  });

  it('returns the text, without a UTF-8 byte-order mark', async () => {
    const file = path.join(dir, 'knowledge-base.json');
    await writeFile(file, '\uFEFF{"documents":[]}', 'utf8');
    expect(await readKnowledgeBaseOverride(file)).toEqual({ ok: true, value: { isPresent: true, path: file, text: '{"documents":[]}' } });
  });

  it('refuses a folder in place of the file', async () => {
    const file = path.join(dir, 'knowledge-base.json');
    await mkdir(file);
    expect(await readKnowledgeBaseOverride(file)).toMatchObject({ ok: false, error: { code: 'knowledgeBase.notAFile' } });
  });
});

describe('sanitizeFileName: Windows device names in every disguise', () => {
  it.each([
    ['COM¹', '_COM¹'], ['lpt².xlsx', '_lpt².xlsx'], ['CON .txt', '_CON .txt'], ['con', '_con'], ['Nul.pdf', '_Nul.pdf'],
    ['AUX. ', '_AUX'], ['CONOUT$.log', '_CONOUT$.log'], ['报告.pdf. . ', '报告.pdf'],
  ])('%s → %s', (name, expected) => {
    expect(sanitizeFileName(name)).toBe(expected);
  });

  it('leaves ordinary names alone', () => {
    expect(sanitizeFileName('COM10 对账单.xlsx')).toBe('COM10 对账单.xlsx');
    expect(sanitizeFileName('console.json')).toBe('console.json');
  });
});
