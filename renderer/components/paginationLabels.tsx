import { cloneElement, isValidElement, type ReactNode } from 'react';

/**
 * antd's pagination draws 上一页 / 下一页 as buttons whose only content is an icon, so a screen
 * reader would read them by the icon's English name ("left", "right"). Pass this as `itemRender`
 * to name them in Chinese.
 */
export function paginationItemRender(_page: number, type: 'page' | 'prev' | 'next' | 'jump-prev' | 'jump-next', original: ReactNode): ReactNode {
  const label = { prev: '上一页', next: '下一页', 'jump-prev': '向前 5 页', 'jump-next': '向后 5 页' }[type as Exclude<typeof type, 'page'>];
  if (type === 'page' || label === undefined || !isValidElement<{ 'aria-label'?: string }>(original)) return original;
  return cloneElement(original, { 'aria-label': label });
}
