import { z } from 'zod';
import type { IpcChannel, IpcRequest } from './contract';

/**
 * Schemas main runs on every request payload before use: the page is treated as untrusted input.
 * Typed against the contract, so a schema that drifts from its request type fails to compile.
 * Limits keep a hostile or buggy page from making main allocate without bound.
 */

const MAX_FILTERS = 20;
const MAX_REMINDERS = 10_000;

const fileFilterSchema = z.object({
  name: z.string().min(1).max(100),
  // "*" is the conventional all-files filter in Electron dialogs.
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/)).min(1).max(30),
});

const reminderSchema = z.object({
  id: z.string().min(1).max(200),
  title: z.string().min(1).max(200),
  body: z.string().max(2000),
  fireAt: z.iso.datetime({ offset: true }),
});

export const ipcRequestSchemas: { readonly [C in IpcChannel]: z.ZodType<IpcRequest<C>> } = {
  'dialog:saveFile': z.object({
    suggestedName: z.string().min(1).max(255),
    bytes: z.instanceof(Uint8Array),
    filters: z.array(fileFilterSchema).max(MAX_FILTERS),
  }),
  'dialog:openFiles': z.object({
    filters: z.array(fileFilterSchema).max(MAX_FILTERS),
    isMultiple: z.boolean(),
  }),
  'app:getInfo': z.undefined(),
  'reminders:schedule': z.object({
    reminders: z.array(reminderSchema).max(MAX_REMINDERS),
  }),
  'knowledgeBase:loadOverride': z.undefined(),
};
