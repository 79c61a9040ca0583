/**
 * Errors cross process and module boundaries as values: `ipcMain.handle` keeps only an Error's
 * message, and the UI needs a stable code plus a Chinese message to show beside the field.
 */
export interface AppError {
  readonly code: string;
  /** Simplified Chinese, shown to the user as is. */
  readonly message: string;
  readonly details?: unknown;
}

export type Result<T, E extends AppError = AppError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: string, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
