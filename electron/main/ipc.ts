import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  IPC_CHANNEL_LIST, type IpcChannel, type IpcEventChannel, type IpcEventPayloads, type IpcRequest, type IpcResponse,
} from '../../shared/ipc/contract';
import { err, type Result } from '../../shared/util/result';
import { validateIpcRequest, type IpcSenderInfo } from './ipcGuard';

interface IpcHandlerContext {
  /** The page that asked; dialogs attach to its window. */
  readonly sender: WebContents;
}

type IpcHandler<C extends IpcChannel> = (request: IpcRequest<C>, context: IpcHandlerContext) => Promise<Result<IpcResponse<C>>>;

/** One handler per channel of the contract: a new channel without a handler does not compile. */
export type IpcHandlers = { readonly [C in IpcChannel]: IpcHandler<C> };

export function describeSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): IpcSenderInfo | null {
  const frame = event.senderFrame;
  if (frame === null) return null;
  const mainFrame = event.sender.mainFrame;
  // WebFrameMain objects are not guaranteed to be identical for the same frame; compare ids.
  const isTopFrame = frame.parent === null && frame.processId === mainFrame.processId && frame.routingId === mainFrame.routingId;
  return { frameUrl: frame.url, isTopFrame };
}

function registerOne<C extends IpcChannel>(
  ipcMain: Pick<IpcMain, 'handle'>,
  channel: C,
  handler: IpcHandler<C>,
  devServerOrigin: string | null,
): void {
  ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<IpcResponse<C>>> => {
    const request = validateIpcRequest(channel, describeSender(event), payload, devServerOrigin);
    if (!request.ok) {
      console.warn(`[ipc] refused ${channel}: ${request.error.code}`);
      return request;
    }
    try {
      return await handler(request.value, { sender: event.sender });
    } catch (error) {
      console.error(`[ipc] ${channel} failed`, error);
      return err('ipc.internal', '操作未能完成，请重试。如果问题持续，请重新启动应用。');
    }
  });
}

/** Registers every channel of the contract, each behind validateIpcRequest. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, handlers: IpcHandlers, devServerOrigin: string | null): void {
  for (const channel of IPC_CHANNEL_LIST) {
    registerChannel(ipcMain, channel, handlers, devServerOrigin);
  }
}

function registerChannel<C extends IpcChannel>(ipcMain: Pick<IpcMain, 'handle'>, channel: C, handlers: IpcHandlers, devServerOrigin: string | null): void {
  registerOne(ipcMain, channel, handlers[channel], devServerOrigin);
}

/** The only way main pushes an event to the page; payload typed by the contract. */
export function sendEvent<E extends IpcEventChannel>(target: Pick<WebContents, 'send' | 'isDestroyed'>, channel: E, payload: IpcEventPayloads[E]): void {
  if (!target.isDestroyed()) target.send(channel, payload);
}
