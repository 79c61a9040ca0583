import { useEffect, useLayoutEffect } from 'react';
import { useWorkspaceTransfer, type WorkspaceTransfer } from './useWorkspaceTransfer';

export type WorkspaceActions = Omit<WorkspaceTransfer, 'dialogs'>;

export interface WorkspaceTransferHostProps {
  /** Receives the latest actions after every render (they close over this render's state). */
  readonly onActions: (actions: WorkspaceActions) => void;
  readonly onBusyChange: (isBusy: boolean) => void;
  /** Called once, after the first actions were handed over: a click made while loading runs now. */
  readonly onReady: () => void;
}

/**
 * The workspace transfer with its dialogs (import preview table, export choice, progress), loaded
 * after the first screen by WorkspaceTransferProvider: the table, zip and workspace parsing code
 * stay out of the JavaScript the app needs to show its first page.
 */
export default function WorkspaceTransferHost({ onActions, onBusyChange, onReady }: WorkspaceTransferHostProps) {
  const { dialogs, ...actions } = useWorkspaceTransfer();
  useLayoutEffect(() => onActions(actions));
  useEffect(() => onBusyChange(actions.isBusy), [actions.isBusy, onBusyChange]);
  useEffect(() => onReady(), [onReady]);
  return dialogs;
}
