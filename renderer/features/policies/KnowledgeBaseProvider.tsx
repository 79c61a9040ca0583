import { Button, Spin, Typography } from 'antd';
import { LazyResult } from '../../app/LazyResult';
import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { appRepositories } from '../../storage/repositories';
import { createAppKnowledgeBaseLoader } from './appKnowledgeBaseLoader';
import { getKnowledgeBaseIndex, type KnowledgeBaseIndex } from './knowledgeBaseIndex';
import { createKnowledgeBaseStore, type ActiveKnowledgeBase, type KnowledgeBaseState, type KnowledgeBaseStore } from './knowledgeBaseStore';

let appStore: KnowledgeBaseStore | null = null;

/** Created on first use, after start-up has installed the platform (Electron or browser). */
function getAppStore(): KnowledgeBaseStore {
  appStore ??= createKnowledgeBaseStore(createAppKnowledgeBaseLoader(appRepositories));
  return appStore;
}

/** Tests put their own store here; the app uses the one shared store. */
const StoreContext = createContext<KnowledgeBaseStore | null>(null);
const ActiveContext = createContext<ActiveKnowledgeBase | null>(null);

export function KnowledgeBaseStoreProvider({ store, children }: { readonly store: KnowledgeBaseStore; readonly children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useKnowledgeBaseStore(): KnowledgeBaseStore {
  return useContext(StoreContext) ?? getAppStore();
}

/** The store's state, loading it on first use. */
function useKnowledgeBaseState(): KnowledgeBaseState {
  const store = useKnowledgeBaseStore();
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  useEffect(() => {
    void store.load();
  }, [store]);
  return state;
}

/**
 * Renders its children once the knowledge base is ready: a spinner while loading, a clear error
 * screen when the bundled data is broken (the rest of the app keeps working).
 */
export function KnowledgeBaseProvider({ children }: { readonly children: ReactNode }) {
  const state = useKnowledgeBaseState();
  switch (state.status) {
    case 'loading':
      return <Spin size="large" description="正在加载政策数据…" style={{ display: 'block', margin: '96px auto' }} />;
    case 'failed':
      return (
        <LazyResult
          status="error"
          title="政策数据无法加载"
          subTitle="内置的政策数据包已损坏或不完整，政策库和合规概览暂不可用；企业资料等其他功能不受影响。请重新安装本应用，或将以下信息提供给技术支持。"
          extra={<Button type="primary" onClick={() => window.location.reload()}>重新加载</Button>}
        >
          <Typography.Paragraph>
            <pre style={{ whiteSpace: 'pre-wrap', margin: 0, maxHeight: 320, overflow: 'auto' }}>{state.message}</pre>
          </Typography.Paragraph>
        </LazyResult>
      );
    case 'ready':
      return <ActiveContext.Provider value={state.value}>{children}</ActiveContext.Provider>;
  }
}

/** The knowledge base in use; only inside <KnowledgeBaseProvider>. */
export function useKnowledgeBase(): ActiveKnowledgeBase {
  const value = useContext(ActiveContext);
  if (value === null) throw new Error('useKnowledgeBase must be used inside <KnowledgeBaseProvider>');
  return value;
}

/** Lookups and the search index of the knowledge base in use. */
export function useKnowledgeBaseIndex(): KnowledgeBaseIndex {
  const { kb, sourceText } = useKnowledgeBase();
  return getKnowledgeBaseIndex(kb, sourceText);
}
