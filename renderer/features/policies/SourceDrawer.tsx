import { Button, Drawer, Flex, Tag, Typography, theme } from 'antd';
import { useEffect, useMemo, useRef, type CSSProperties, type ReactNode } from 'react';
import { navigate } from '../../app/hashLocation';
import { itemCitations } from './citations';
import { useKnowledgeBaseIndex } from './KnowledgeBaseProvider';
import { lineRangeText } from './policyDisplay';
import { foldLines, findAll, locateQuote, toLineRanges, type LineRange } from './textFolding';

/** What to show in the compilation: the lines to centre on and what to mark there. */
export interface SourceTarget {
  readonly lines: { readonly start: number; readonly end: number };
  /** e.g. the citation's 条/款/项, shown in the title. */
  readonly label?: string;
  /** A knowledge-base quote to mark strongly. */
  readonly quote?: string;
  /** Search terms (folded) to mark. */
  readonly terms?: readonly string[];
  /** Also mark, lightly, every sentence the knowledge base cites from this document. */
  readonly isShowingAllCitations?: boolean;
}

/** A PDF page number on a line of its own (see textFolding). */
const PAGE_NUMBER = /^\s*\d{1,4}\s*$/;

type MarkKind = 'quote' | 'term' | 'cited';
const PRIORITY: Readonly<Record<MarkKind, number>> = { quote: 3, term: 2, cited: 1 };
const MARK_STYLES: Readonly<Record<MarkKind, CSSProperties>> = {
  quote: { background: '#ffd666', color: 'inherit', padding: 0, borderRadius: 2, boxShadow: '0 1px 0 #d48806' },
  term: { background: '#ffe58f', color: 'inherit', padding: 0, borderRadius: 2 },
  cited: { background: '#e6f4ff', color: 'inherit', padding: 0, borderRadius: 2 },
};

type LineMarks = Map<number, Array<{ from: number; to: number; kind: MarkKind }>>;

function addMarks(marks: LineMarks, ranges: readonly LineRange[], kind: MarkKind): void {
  for (const r of ranges) {
    const list = marks.get(r.line) ?? [];
    list.push({ from: r.from, to: r.to, kind });
    marks.set(r.line, list);
  }
}

/** Cuts a line at every mark boundary and gives each piece the strongest mark covering it. */
function renderLine(text: string, marks: ReadonlyArray<{ from: number; to: number; kind: MarkKind }> | undefined): ReactNode {
  if (marks === undefined || marks.length === 0) return text === '' ? '\u00a0' : text;
  const cuts = [...new Set([0, text.length, ...marks.flatMap((m) => [m.from, m.to])])].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const parts: ReactNode[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] ?? 0;
    const to = cuts[i + 1] ?? from;
    const piece = text.slice(from, to);
    let best: MarkKind | null = null;
    for (const m of marks) {
      if (m.from <= from && to <= m.to && (best === null || PRIORITY[m.kind] > PRIORITY[best])) best = m.kind;
    }
    parts.push(best === null ? piece : <mark key={from} data-mark={best} style={MARK_STYLES[best]}>{piece}</mark>);
  }
  return parts;
}

function SourceBody({ target, onClose }: { readonly target: SourceTarget; readonly onClose: () => void }) {
  const index = useKnowledgeBaseIndex();
  const { token } = theme.useToken();
  const all = index.source.lines;
  const doc = index.documentAtLine(target.lines.start);
  // Outside any document (the preface), show the cited lines with some context.
  const rangeStart = doc?.lines.start ?? Math.max(1, target.lines.start - 40);
  const rangeEnd = doc?.lines.end ?? Math.min(all.length, target.lines.end + 40);
  const focusRef = useRef<HTMLDivElement | null>(null);

  const { marks, hasQuote } = useMemo(() => {
    const result: LineMarks = new Map();
    const range = { start: rangeStart, end: rangeEnd };
    if (target.isShowingAllCitations === true && doc !== undefined) {
      for (const item of doc.items) {
        for (const c of itemCitations(item)) addMarks(result, locateQuote(all, c.lines.start, c.lines.end, c.quote, range), 'cited');
      }
    }
    let quoteFound = false;
    if (target.quote !== undefined) {
      const ranges = locateQuote(all, target.lines.start, target.lines.end, target.quote, range);
      quoteFound = ranges.length > 0;
      addMarks(result, ranges, 'quote');
    }
    if (target.terms !== undefined && target.terms.length > 0) {
      const folded = foldLines(all.slice(range.start - 1, range.end), range.start, 'search');
      const lineText = (line: number) => all[line - 1] ?? '';
      for (const term of target.terms) {
        for (const at of findAll(folded.text, term)) addMarks(result, toLineRanges(folded, lineText, at, at + term.length), 'term');
      }
    }
    return { marks: result, hasQuote: quoteFound };
  }, [all, doc, rangeStart, rangeEnd, target]);

  useEffect(() => {
    // jsdom has no scrollIntoView; a real browser centres the cited lines.
    focusRef.current?.scrollIntoView?.({ block: 'center' });
  }, [target]);

  const rows: ReactNode[] = [];
  for (let line = rangeStart; line <= rangeEnd; line++) {
    const text = all[line - 1] ?? '';
    const isCited = line >= target.lines.start && line <= target.lines.end;
    const ref = line === target.lines.start ? focusRef : undefined;
    // The PDF extraction leaves a blank line between printed lines: keep them thin so the text reads as printed.
    if (text.trim() === '') {
      rows.push(<div key={line} ref={ref} data-line={line} aria-hidden style={{ height: 4, background: isCited ? '#fffbe6' : undefined, borderLeft: `3px solid ${isCited ? token.colorWarning : 'transparent'}` }} />);
      continue;
    }
    const isPageNumber = PAGE_NUMBER.test(text);
    rows.push(
      <div
        key={line}
        ref={ref}
        data-line={line}
        style={{
          display: 'flex', gap: 12, padding: '1px 8px', lineHeight: 1.8,
          background: isCited ? '#fffbe6' : undefined,
          borderLeft: `3px solid ${isCited ? token.colorWarning : 'transparent'}`,
          color: isPageNumber ? token.colorTextQuaternary : undefined,
        }}
      >
        <span aria-hidden style={{ width: 44, flex: 'none', textAlign: 'right', color: token.colorTextQuaternary, fontVariantNumeric: 'tabular-nums', userSelect: 'none', fontSize: 12, lineHeight: '25px' }}>{line}</span>
        <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{isPageNumber ? `（第 ${text.trim()} 页）` : renderLine(text, marks.get(line))}</span>
      </div>,
    );
  }

  return (
    <Flex vertical gap={12} style={{ height: '100%' }}>
      <Flex vertical gap={4}>
        {doc ? (
          <Flex align="center" gap={8} wrap>
            <Typography.Text strong>{doc.title}</Typography.Text>
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => {
                onClose();
                navigate(`/policies?doc=${encodeURIComponent(doc.id)}`);
              }}>
              在政策库中查看
            </Button>
          </Flex>
        ) : null}
        <Flex gap={8} wrap align="center">
          {target.label !== undefined ? <Tag color="gold">{target.label}</Tag> : null}
          <Typography.Text type="secondary">{lineRangeText(target.lines)}（汇编原文行号）</Typography.Text>
          {target.quote !== undefined && !hasQuote ? <Tag color="warning">引文未能在原文中定位，已显示所引行</Tag> : null}
        </Flex>
      </Flex>
      <div
        role="document"
        aria-label="汇编原文"
        style={{ flex: 1, overflow: 'auto', border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius, padding: '8px 0', fontSize: 14 }}
      >
        {rows}
      </div>
    </Flex>
  );
}

/** The compilation's text at a citation or search hit, in a side drawer. */
export function SourceDrawer({ target, onClose }: { readonly target: SourceTarget | null; readonly onClose: () => void }) {
  return (
    <Drawer
      title="原文"
      placement="right"
      size={720}
      open={target !== null}
      onClose={onClose}
      destroyOnHidden
      styles={{ body: { paddingTop: 12, display: 'flex', flexDirection: 'column' } }}
    >
      {target !== null ? <SourceBody target={target} onClose={onClose} /> : null}
    </Drawer>
  );
}
