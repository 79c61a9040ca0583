import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * A page loaded on first visit. Each page is its own chunk, so opening the app downloads and
 * parses only the shell and the page shown, not exceljs, pdf-lib and HarfBuzz, which other pages
 * need (the first render of 合规概览 is a measured target: npm run bench).
 */
export function lazyPage(load: () => Promise<ComponentType>): ReactNode {
  const Page = lazy(async () => ({ default: await load() }));
  return (
    <Suspense fallback={<div style={{ padding: 64, textAlign: 'center' }}><Spin description="正在加载…" /></div>}>
      <Page />
    </Suspense>
  );
}
