import { createContext, useContext, type ReactNode } from 'react';
import { useWorkspaceTransfer, type WorkspaceTransfer } from './useWorkspaceTransfer';

/**
 * One workspace transfer for the whole page, so the company list's buttons and the native menu
 * (文件 › 导入/导出工作区) share the same dialogs and busy state.
 */
const WorkspaceTransferContext = createContext<Omit<WorkspaceTransfer, 'dialogs'> | null>(null);

export function WorkspaceTransferProvider({ children }: { readonly children: ReactNode }) {
  const { dialogs, ...actions } = useWorkspaceTransfer();
  return (
    <WorkspaceTransferContext.Provider value={actions}>
      {children}
      {dialogs}
    </WorkspaceTransferContext.Provider>
  );
}

export function useWorkspaceActions(): Omit<WorkspaceTransfer, 'dialogs'> {
  const value = useContext(WorkspaceTransferContext);
  if (!value) throw new Error('useWorkspaceActions must be used inside <WorkspaceTransferProvider>');
  return value;
}
