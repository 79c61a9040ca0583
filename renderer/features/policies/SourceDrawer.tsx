import { Button, Drawer, Flex, Tag, Tree, Typography, theme } from 'antd';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { SourceIndex } from '../../../shared/policy/loadKnowledgeBase';
import type { PolicyDocument } from '../../../shared/policy/knowledgeBase';
import {
  locateCitation, paragraphsAtLines, reflowLines, spanLines, type OutlineEntry, type ReflowedDocument, type ReflowParagraph,
} from '../../../shared/policy/reflow';
import { navigate } from '../../app/hashLocation';
import { itemCitations } from './citations';
import { useKnowledgeBaseIndex } from './KnowledgeBaseProvider';
import { lineRangeText } from './policyDisplay';
import { termRanges } from './textFolding';

/** What to show in the compilation: the lines to centre on and what to mark there. */
export interface SourceTarget {
  readonly lines: { readonly start: number; readonly end: number };
  /** e.g. the citation's 条/款/项, shown in the title. */
  readonly label?: string;
  /** A knowledge-base quote to mark strongly. */
  readonly quote?: string;
  /** Search terms (folded) to mark. */
  readonly terms?: readonly string[];
  /** Also mark, lightly, every sentence the knowledge base cites from this document; the whole document is the subject (no lines are singled out). */
  readonly isShowingAllCitations?: boolean;
}

type MarkKind = 'quote' | 'term' | 'cited';
const PRIORITY: Readonly<Record<MarkKind, number>> = { quote: 3, term: 2, cited: 1 };
const MARK_STYLES: Readonly<Record<MarkKind, CSSProperties>> = {
  quote: { background: '#ffd666', color: 'inherit', padding: '1px 0', borderRadius: 2, boxShadow: '0 1px 0 #d48806' },
  term: { background: '#ffe58f', color: 'inherit', padding: 0, borderRadius: 2 },
  cited: { background: '#e6f4ff', color: 'inherit', padding: 0, borderRadius: 2 },
};

type Mark = { readonly from: number; readonly to: number; readonly kind: MarkKind };

// Reflowing a document is cheap but not free: once per document per loaded compilation.
const reflowCache = new WeakMap<SourceIndex, Map<string, ReflowedDocument>>();

function reflowOf(source: SourceIndex, doc: PolicyDocument | undefined, lines: SourceTarget['lines']): ReflowedDocument {
  if (doc === undefined) {
    // Outside any document (the preface): the cited lines with some context.
    return reflowLines(source.lines, { start: Math.max(1, lines.start - 40), end: Math.min(source.lines.length, lines.end + 40) });
  }
  let byDoc = reflowCache.get(source);
  if (byDoc === undefined) {
    byDoc = new Map();
    reflowCache.set(source, byDoc);
  }
  const cached = byDoc.get(doc.id);
  if (cached !== undefined) return cached;
  const reflowed = reflowLines(source.lines, doc.lines, { title: doc.title });
  byDoc.set(doc.id, reflowed);
  return reflowed;
}

/** Cuts a paragraph at every mark boundary and gives each piece the strongest mark covering it. */
function renderMarked(text: string, marks: readonly Mark[] | undefined): ReactNode {
  if (marks === undefined || marks.length === 0) return text;
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
    if (best === null) {
      parts.push(piece);
      continue;
    }
    parts.push(<mark key={from} data-mark={best} style={MARK_STYLES[best]}>{piece}</mark>);
  }
  return parts;
}

function toTreeData(entries: readonly OutlineEntry[]): Array<{ key: string; title: string; children: ReturnType<typeof toTreeData> }> {
  return entries.map((e) => ({ key: `p-${e.paragraph}`, title: e.label, children: toTreeData(e.children) }));
}

/** The outline entry a paragraph falls under (the last one starting at or before it). */
function outlineKeyOf(entries: readonly OutlineEntry[], paragraph: number): string | null {
  let best: string | null = null;
  const walk = (list: readonly OutlineEntry[]) => {
    for (const e of list) {
      if (e.paragraph > paragraph) return;
      best = `p-${e.paragraph}`;
      walk(e.children);
    }
  };
  walk(entries);
  return best;
}

function paragraphStyle(p: ReflowParagraph, isCited: boolean, token: ReturnType<typeof theme.useToken>['token']): CSSProperties {
  const base: CSSProperties = {
    margin: 0, padding: '4px 12px', lineHeight: 1.9, borderLeft: `3px solid ${isCited ? token.colorWarning : 'transparent'}`,
    background: isCited ? '#fffbe6' : undefined, scrollMarginTop: 12,
  };
  if (p.kind === 'title') return { ...base, fontSize: 18, fontWeight: 600, textAlign: 'center', padding: '8px 12px 12px' };
  if (p.kind === 'heading') return { ...base, fontWeight: 600, paddingTop: 10, textAlign: p.marker?.kind === 'chapter' || p.marker?.kind === 'section' ? 'center' : undefined };
  return { ...base, textIndent: p.marker?.kind === 'article' ? undefined : '2em' };
}

function SourceBody({ target, onClose }: { readonly target: SourceTarget; readonly onClose: () => void }) {
  const index = useKnowledgeBaseIndex();
  const { token } = theme.useToken();
  const doc = index.documentAtLine(target.lines.start);
  const reflowed = useMemo(() => reflowOf(index.source, doc, target.lines), [index.source, doc, target.lines]);
  const textRef = useRef<HTMLDivElement | null>(null);
  const outlineRef = useRef<HTMLElement | null>(null);

  const { marks, quoteSpans, citedParagraphs } = useMemo(() => {
    const result = new Map<number, Mark[]>();
    const add = (paragraph: number, mark: Mark) => {
      const list = result.get(paragraph) ?? [];
      list.push(mark);
      result.set(paragraph, list);
    };
    if (target.isShowingAllCitations === true && doc !== undefined) {
      for (const item of doc.items) {
        for (const c of itemCitations(item)) for (const s of locateCitation(reflowed, c)) add(s.paragraph, { from: s.from, to: s.to, kind: 'cited' });
      }
    }
    const spans = target.quote === undefined ? [] : locateCitation(reflowed, { lines: target.lines, quote: target.quote });
    for (const s of spans) add(s.paragraph, { from: s.from, to: s.to, kind: 'quote' });
    if (target.terms !== undefined && target.terms.length > 0) {
      for (const p of reflowed.paragraphs) for (const [from, to] of termRanges(p.text, target.terms)) add(p.index, { from, to, kind: 'term' });
    }
    const cited = target.isShowingAllCitations === true ? [] : paragraphsAtLines(reflowed, target.lines.start, target.lines.end);
    return { marks: result, quoteSpans: spans, citedParagraphs: new Set(cited) };
  }, [doc, reflowed, target]);

  // The paragraph to open at: the quote's, else the cited lines', else the top.
  const focusParagraph = quoteSpans[0]?.paragraph ?? (citedParagraphs.size > 0 ? Math.min(...citedParagraphs) : null);
  const quoteLines = quoteSpans.length === 0 ? null : {
    start: spanLines(reflowed, quoteSpans[0] ?? { paragraph: 0, from: 0, to: 0 }).start,
    end: spanLines(reflowed, quoteSpans[quoteSpans.length - 1] ?? { paragraph: 0, from: 0, to: 0 }).end,
  };
  const treeData = useMemo(() => toTreeData(reflowed.outline), [reflowed]);
  const [selectedKey, setSelectedKey] = useState<string | null>(() => (focusParagraph === null ? null : outlineKeyOf(reflowed.outline, focusParagraph)));

  const scrollToParagraph = (paragraph: number, block: ScrollLogicalPosition) => {
    // jsdom has no scrollIntoView.
    textRef.current?.querySelector(`[data-paragraph="${paragraph}"]`)?.scrollIntoView?.({ block });
  };

  useEffect(() => {
    // Wait a frame so the drawer has its size; then centre the cited sentence (or paragraph).
    const frame = window.requestAnimationFrame(() => {
      const quote = textRef.current?.querySelector('mark[data-mark="quote"]');
      if (quote !== null && quote !== undefined) quote.scrollIntoView?.({ block: 'center' });
      else if (focusParagraph !== null) scrollToParagraph(focusParagraph, 'center');
      // The outline shows where the cited sentence sits (its article highlighted). Scrolled by
      // hand, only inside the outline: a second scrollIntoView in the same frame would also move
      // the drawer's ancestors and Chromium then dropped the outline's own scroll.
      const outline = outlineRef.current;
      const selected = outline?.querySelector('.ant-tree-treenode-selected');
      if (outline && selected) {
        const offset = selected.getBoundingClientRect().top - outline.getBoundingClientRect().top;
        if (offset < 0 || offset > outline.clientHeight - 32) outline.scrollTop += offset - outline.clientHeight / 3;
      }
    });
    return () => window.cancelAnimationFrame(frame);
  }, [target, focusParagraph]);

  return (
    <Flex vertical gap={12} style={{ height: '100%', minHeight: 0 }}>
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
          {target.isShowingAllCitations === true
            ? <Typography.Text type="secondary">全文（汇编原文{lineRangeText(reflowed.lines)}），浅蓝色为本库引用的语句</Typography.Text>
            : <Typography.Text type="secondary">{quoteLines !== null ? `引文位于汇编原文${lineRangeText(quoteLines)}` : `汇编原文${lineRangeText(target.lines)}`}</Typography.Text>}
          {target.quote !== undefined && quoteSpans.length === 0 ? <Tag color="warning">引文未能在原文中定位，已标出所引行所在段落</Tag> : null}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>为便于阅读，已按段落重排并去掉页码和 PDF 换行；引用仍以汇编原文行号为准，悬停段落可见其行号。</Typography.Text>
      </Flex>
      <Flex gap={12} style={{ flex: 1, minHeight: 0 }}>
        {treeData.length > 0 ? (
          <nav ref={outlineRef} aria-label="文件结构" style={{ width: 250, flex: 'none', overflow: 'auto', borderRight: `1px solid ${token.colorBorderSecondary}`, paddingRight: 4 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>文件结构</Typography.Text>
            <Tree
              blockNode
              defaultExpandAll
              treeData={treeData}
              selectedKeys={selectedKey === null ? [] : [selectedKey]}
              onSelect={(keys, info) => {
                const key = String(info.node.key);
                setSelectedKey(key);
                scrollToParagraph(Number(key.slice(2)), 'start');
              }}
              style={{ fontSize: 13 }}
            />
          </nav>
        ) : null}
        <div
          ref={textRef}
          role="document"
          aria-label="汇编原文"
          style={{ flex: 1, minWidth: 0, overflow: 'auto', border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius, padding: '8px 4px', fontSize: 15 }}
        >
          {reflowed.paragraphs.map((p) => {
            const isCited = citedParagraphs.has(p.index);
            const range = `原文${lineRangeText(p.lines)}`;
            const marked = renderMarked(p.text, marks.get(p.index));
            const markerLength = p.kind === 'text' && p.marker?.kind === 'article' ? p.marker.text.length : 0;
            return (
              <p key={p.index} data-paragraph={p.index} data-lines={`${p.lines.start}-${p.lines.end}`} title={range} style={paragraphStyle(p, isCited, token)}>
                {markerLength > 0 && (marks.get(p.index) ?? []).length === 0
                  ? <><strong>{p.text.slice(0, markerLength)}</strong>{p.text.slice(markerLength)}</>
                  : marked}
                {isCited ? <span style={{ marginLeft: 8, fontSize: 12, color: token.colorTextTertiary, whiteSpace: 'nowrap', textIndent: 0 }}>（{range}）</span> : null}
              </p>
            );
          })}
        </div>
      </Flex>
    </Flex>
  );
}

/** The compilation's text at a citation or search hit, reflowed for reading, in a side drawer. */
export function SourceDrawer({ target, onClose }: { readonly target: SourceTarget | null; readonly onClose: () => void }) {
  return (
    <Drawer
      title="原文"
      placement="right"
      size="min(1080px, calc(100vw - 120px))"
      open={target !== null}
      onClose={onClose}
      destroyOnHidden
      styles={{ body: { paddingTop: 12, display: 'flex', flexDirection: 'column' } }}
    >
      {target !== null ? <SourceBody target={target} onClose={onClose} /> : null}
    </Drawer>
  );
}
