import type { CSSProperties, ReactNode } from 'react';
import { mergeRanges, termRanges, type TextRange } from './textFolding';

const MARK_STYLE: CSSProperties = { background: '#ffe58f', color: 'inherit', padding: 0, borderRadius: 2 };

/** Splits `text` at `ranges` and wraps the ranges in <mark>. */
export function renderMarked(text: string, ranges: readonly TextRange[], style: CSSProperties = MARK_STYLE): ReactNode {
  if (ranges.length === 0) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [from, to] of mergeRanges(ranges)) {
    if (from > at) parts.push(text.slice(at, from));
    parts.push(<mark key={from} style={style}>{text.slice(from, to)}</mark>);
    at = to;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** `text` with every occurrence of the search terms marked (matching as search does: folded). */
export function Highlight({ text, terms }: { readonly text: string; readonly terms: readonly string[] }) {
  return <>{renderMarked(text, termRanges(text, terms))}</>;
}

/** A window of `text` around its first match (long quotes), with the matches marked. */
export function Snippet({ text, terms, radius = 60 }: { readonly text: string; readonly terms: readonly string[]; readonly radius?: number }) {
  const ranges = termRanges(text, terms);
  const first = ranges[0];
  if (first === undefined || text.length <= radius * 2 + 20) return <>{renderMarked(text, ranges)}</>;
  const from = Math.max(0, first[0] - radius);
  const to = Math.min(text.length, first[1] + radius);
  const shifted = ranges.filter(([a, b]) => a >= from && b <= to).map(([a, b]): TextRange => [a - from, b - from]);
  return (
    <>
      {from > 0 ? '……' : ''}
      {renderMarked(text.slice(from, to), shifted)}
      {to < text.length ? '……' : ''}
    </>
  );
}
