import type { ResultProps } from 'antd';
import { lazy, Suspense } from 'react';

const AntResult = lazy(() => import('./antdResult'));

/**
 * antd's Result, loaded when first shown. The app shell shows one only on failures (a page that
 * does not exist, data that cannot be opened), so its illustrations stay out of the JavaScript
 * every start downloads. While it loads, the same text is shown plainly.
 */
export function LazyResult(props: ResultProps) {
  const plain = (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <div style={{ fontSize: 24, marginBottom: 8 }}>{props.title}</div>
      {props.subTitle !== undefined && <div style={{ color: 'rgba(0, 0, 0, 0.45)', marginBottom: 16 }}>{props.subTitle}</div>}
      {props.extra !== undefined && <div style={{ marginBottom: 16 }}>{props.extra}</div>}
      {props.children}
    </div>
  );
  return (
    <Suspense fallback={plain}>
      <AntResult {...props} />
    </Suspense>
  );
}
