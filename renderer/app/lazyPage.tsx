import { Spin } from 'antd';
import { lazy, Suspense, useEffect, useSyncExternalStore, type ComponentType, type ReactNode } from 'react';

/**
 * A page loaded on first visit. Each page is its own chunk, so opening the app downloads and
 * parses only the shell and the page shown, not exceljs, pdf-lib and HarfBuzz, which other pages
 * need (the first render of 合规概览 is a measured target: npm run bench).
 */
export interface LazyPage {
  readonly element: ReactNode;
  /**
   * Starts downloading the page's chunk. main.tsx calls it for the page in the address before the
   * shell's first render, so the chunk arrives while React renders the shell instead of after it.
   */
  readonly preload: () => void;
}

let isPageShown = false;
const shownListeners = new Set<() => void>();

/** Inside the page's Suspense boundary: its effect runs once the page's content is on screen. */
function PageShownSignal() {
  useEffect(() => {
    if (isPageShown) return;
    isPageShown = true;
    for (const listener of shownListeners) listener();
  }, []);
  return null;
}

/**
 * Whether a page's content has been shown since start-up: work the first screen does not need (the
 * header's reminders, which load the knowledge base and start the duty worker) waits for it.
 */
export function useIsPageShown(): boolean {
  return useSyncExternalStore((listener) => {
    shownListeners.add(listener);
    return () => shownListeners.delete(listener);
  }, () => isPageShown);
}

export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loading: Promise<ComponentType> | null = null;
  const loadOnce = () => (loading ??= load());
  const Page = lazy(async () => ({ default: await loadOnce() }));
  return {
    element: (
      <Suspense fallback={<div style={{ padding: 64, textAlign: 'center' }}><Spin description="正在加载…" /></div>}>
        <Page />
        <PageShownSignal />
      </Suspense>
    ),
    // A failed early load is reported where the page renders (React.lazy rethrows it there).
    preload: () => void loadOnce().catch(() => undefined),
  };
}
