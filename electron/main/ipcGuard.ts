import { isIpcChannel, type IpcChannel, type IpcRequest } from '../../shared/ipc/contract';
import { ipcRequestSchemas } from '../../shared/ipc/requestSchemas';
import { err, ok, type Result } from '../../shared/util/result';
import { isTrustedAppUrl } from './appUrl';

/** What main knows about the frame that sent a message, reduced to plain data for testing. */
export interface IpcSenderInfo {
  readonly frameUrl: string;
  /** True when the frame is its page's top frame (not an iframe). */
  readonly isTopFrame: boolean;
}

/**
 * Checks one incoming IPC message: an allowlisted channel, a sender that is the app's own top
 * frame, and a payload matching the channel's schema. Every refusal is an error Result, never a
 * throw, because ipcMain.handle would keep only the message of a thrown Error.
 */
export function validateIpcRequest<C extends IpcChannel>(
  channel: C,
  sender: IpcSenderInfo | null,
  payload: unknown,
  devServerOrigin: string | null,
): Result<IpcRequest<C>> {
  // The type says C is a channel, but messages come from another process: check at run time too.
  if (!isIpcChannel(channel)) return err('ipc.unknownChannel', '未知的请求类型');
  if (sender === null) return err('ipc.forbiddenSender', '请求来源无法识别，已拒绝');
  if (!sender.isTopFrame) return err('ipc.forbiddenSender', '请求来自内嵌框架，已拒绝');
  if (!isTrustedAppUrl(sender.frameUrl, devServerOrigin)) return err('ipc.forbiddenSender', '请求不是来自本应用页面，已拒绝');

  const parsed = ipcRequestSchemas[channel].safeParse(payload);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((issue) => issue.path.map(String).join('.') || '（整体）').join('，');
    return err('ipc.invalidPayload', `请求数据格式不正确（${where}）`, parsed.error.issues);
  }
  return ok(parsed.data);
}
