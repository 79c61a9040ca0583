import { isWindowsDeviceName } from '../../shared/validation/recordSafety';
import type { BrowserWindow, Dialog, FileFilter, OpenDialogOptions, SaveDialogOptions, WebContents } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IpcFileFilter, OpenFilesRequest, PickedFileDto, SaveFileRequest, SaveFileResponse } from '../../shared/ipc/contract';
import { err, ok, type Result } from '../../shared/util/result';
import { describeFileError, writeFileAtomic } from './atomicWrite';

/**
 * The largest file the open dialog hands to the page. The bytes are copied through structured
 * clone (main → preload → page), so several copies exist at once; the workspace format itself
 * stops at 200 MB.
 */
const MAX_OPEN_FILE_BYTES = 256 * 1024 * 1024;

export interface FileDialogDeps {
  readonly dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  readonly windowFor: (sender: WebContents) => BrowserWindow | null;
  /** Where the first dialog opens, e.g. the user's Documents folder. */
  readonly defaultDirectory: () => string;
}

// eslint-disable-next-line no-control-regex -- control characters are what is being removed.
const UNSAFE_FILE_NAME_CHARACTERS = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;

/**
 * A suggested name the page sent, made safe as a file name on Windows and macOS: the last path
 * segment only, no reserved characters, no trailing dots or spaces, no device names.
 */
export function sanitizeFileName(suggestedName: string): string {
  const lastSegment = suggestedName.split(/[/\\]/).pop() ?? '';
  let name = lastSegment.replace(UNSAFE_FILE_NAME_CHARACTERS, '_').replace(/[. ]+$/, '').trim();
  // Device names in any case, with superscript digits (COM¹) or spaces before the extension ("CON .txt").
  if (isWindowsDeviceName(name)) name = `_${name}`;
  if (name === '' || /^[._]+$/.test(name)) name = '未命名';
  // Keep room for the folder path under Windows' 260-character limit.
  return name.length > 150 ? name.slice(0, 150) : name;
}

function toDialogFilters(filters: readonly IpcFileFilter[]): FileFilter[] {
  return filters.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] }));
}

export function createFileDialogs(deps: FileDialogDeps): {
  saveFile(request: SaveFileRequest, sender: WebContents): Promise<Result<SaveFileResponse>>;
  openFiles(request: OpenFilesRequest, sender: WebContents): Promise<Result<readonly PickedFileDto[]>>;
} {
  // Start the next dialog where the user last saved or opened something.
  let lastDirectory: string | null = null;
  const startDirectory = (): string => lastDirectory ?? deps.defaultDirectory();

  return {
    async saveFile(request, sender) {
      const options: SaveDialogOptions = {
        title: '保存文件',
        buttonLabel: '保存',
        defaultPath: path.join(startDirectory(), sanitizeFileName(request.suggestedName)),
        filters: toDialogFilters(request.filters),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = deps.windowFor(sender);
      const choice = window === null ? await deps.dialog.showSaveDialog(options) : await deps.dialog.showSaveDialog(window, options);
      if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return ok({ isSaved: false });

      const target = choice.filePath;
      try {
        await writeFileAtomic(target, request.bytes);
      } catch (error) {
        return err('file.writeFailed', describeFileError(error, target, 'write'));
      }
      lastDirectory = path.dirname(target);
      return ok({ isSaved: true, path: target });
    },

    async openFiles(request, sender) {
      const options: OpenDialogOptions = {
        title: request.isMultiple ? '选择文件（可多选）' : '选择文件',
        buttonLabel: '打开',
        defaultPath: startDirectory(),
        filters: toDialogFilters(request.filters),
        properties: request.isMultiple ? ['openFile', 'multiSelections'] : ['openFile'],
      };
      const window = deps.windowFor(sender);
      const choice = window === null ? await deps.dialog.showOpenDialog(options) : await deps.dialog.showOpenDialog(window, options);
      if (choice.canceled || choice.filePaths.length === 0) return ok([]);

      const paths = request.isMultiple ? choice.filePaths : choice.filePaths.slice(0, 1);
      const picked: PickedFileDto[] = [];
      for (const filePath of paths) {
        try {
          const info = await stat(filePath);
          if (!info.isFile()) return err('file.notAFile', `“${path.basename(filePath)}”不是文件。`);
          if (info.size > MAX_OPEN_FILE_BYTES) {
            return err('file.tooLarge', `“${path.basename(filePath)}”过大（超过 256 MB），无法打开。`);
          }
          const buffer = await readFile(filePath);
          picked.push({ name: path.basename(filePath), bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) });
        } catch (error) {
          return err('file.readFailed', describeFileError(error, filePath, 'read'));
        }
      }
      const firstPath = paths[0];
      if (firstPath !== undefined) lastDirectory = path.dirname(firstPath);
      return ok(picked);
    },
  };
}
