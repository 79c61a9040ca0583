import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { WorkspaceActions } from './WorkspaceTransferHost';

/**
 * One workspace transfer for the whole page, so the company list's buttons and the native menu
 * (文件 › 导入/导出工作区) share the same dialogs and busy state.
 *
 * The transfer itself (WorkspaceTransferHost) is its own chunk, loaded when the browser is idle
 * after the first screen or at the first click, whichever comes first; a click made while it loads
 * is carried out as soon as it has loaded.
 */
const WorkspaceTransferContext = createContext<WorkspaceActions | null>(null);

const WorkspaceTransferHost = lazy(() => import('./WorkspaceTransferHost'));

type ActionName = 'exportWorkspace' | 'startImport' | 'loadSamples';

function whenIdle(run: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(run, { timeout: 3000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(run, 500);
  return () => clearTimeout(id);
}

export function WorkspaceTransferProvider({ children }: { readonly children: ReactNode }) {
  const latest = useRef<WorkspaceActions | null>(null);
  const queued = useRef<ActionName | null>(null);
  const [isWanted, setIsWanted] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [isQueued, setIsQueued] = useState(false);

  useEffect(() => whenIdle(() => setIsWanted(true)), []);

  const call = useCallback((name: ActionName) => {
    const actions = latest.current;
    if (actions !== null) {
      actions[name]();
      return;
    }
    queued.current = name;
    setIsQueued(true);
    setIsWanted(true);
  }, []);
  const onActions = useCallback((actions: WorkspaceActions) => {
    latest.current = actions;
  }, []);
  const onReady = useCallback(() => {
    const name = queued.current;
    queued.current = null;
    setIsQueued(false);
    if (name !== null) latest.current?.[name]();
  }, []);

  const value = useMemo((): WorkspaceActions => ({
    exportWorkspace: () => call('exportWorkspace'),
    startImport: () => call('startImport'),
    loadSamples: () => call('loadSamples'),
    isBusy: isBusy || isQueued,
  }), [call, isBusy, isQueued]);

  return (
    <WorkspaceTransferContext.Provider value={value}>
      {children}
      {isWanted && (
        <Suspense fallback={null}>
          <WorkspaceTransferHost onActions={onActions} onBusyChange={setIsBusy} onReady={onReady} />
        </Suspense>
      )}
    </WorkspaceTransferContext.Provider>
  );
}

export function useWorkspaceActions(): WorkspaceActions {
  const value = useContext(WorkspaceTransferContext);
  if (!value) throw new Error('useWorkspaceActions must be used inside <WorkspaceTransferProvider>');
  return value;
}
