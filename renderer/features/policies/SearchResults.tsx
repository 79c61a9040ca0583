import { Button, Card, Empty, Flex, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { ITEM_KINDS } from '../../../shared/policy/knowledgeBase';
import { renderMarked, Highlight, Snippet } from './Highlight';
import { useKnowledgeBaseIndex } from './KnowledgeBaseProvider';
import { ITEM_KIND_COLORS } from './policyDisplay';
import { SEARCH_FIELD_LABELS, type SearchResult } from './policySearch';
import { SourceDrawer, type SourceTarget } from './SourceDrawer';

const PAGE_SIZE = 30;

/** Ranked search hits: documents and items, with the matching text and lines of the compilation. */
export function SearchResults({ results, terms, onOpen }: {
  readonly results: readonly SearchResult[];
  readonly terms: readonly string[];
  readonly onOpen: (documentId: string, itemId: string | null) => void;
}) {
  const index = useKnowledgeBaseIndex();
  const { token } = theme.useToken();
  const [shown, setShown] = useState(PAGE_SIZE);
  const [source, setSource] = useState<SourceTarget | null>(null);

  if (results.length === 0) {
    return (
      <Card>
        <Empty description="没有找到匹配的文件或条目。可换一个说法，或减少关键词（多个关键词须同时出现）。" />
      </Card>
    );
  }

  return (
    <Card title={`搜索结果（${results.length}）`} styles={{ body: { padding: 0 } }}>
      <ol aria-label="搜索结果" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {results.slice(0, shown).map((r) => {
          const doc = index.documentsById.get(r.documentId);
          const item = r.itemId === null ? undefined : index.itemsById.get(r.itemId)?.item;
          if (doc === undefined) return null;
          const title = item?.title ?? doc.title;
          const extraHits = r.fieldHits.filter((h) => h.field !== 'documentTitle' && h.field !== 'itemTitle').slice(0, 2);
          return (
            <li key={`${r.documentId}/${r.itemId ?? ''}`} style={{ padding: '12px 24px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
              <Flex vertical gap={4}>
                <Flex gap={8} align="baseline" wrap>
                  {item === undefined ? <Tag color="blue">文件</Tag> : <Tag color={ITEM_KIND_COLORS[item.kind]} variant="outlined">{ITEM_KINDS[item.kind]}</Tag>}
                  <Button type="link" style={{ padding: 0, height: 'auto', fontSize: 15, fontWeight: 500, whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onOpen(r.documentId, r.itemId)}>
                    <span><Highlight text={title} terms={terms} /></span>
                  </Button>
                  {doc.isGovernmentOnly ? <Tag>仅涉及政府部门</Tag> : null}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {item !== undefined ? `${doc.title} · ` : ''}{doc.domain}
                  {r.sourceHitCount > 0 ? ` · 原文中出现 ${r.sourceHitCount} 处` : ''}
                </Typography.Text>
                {extraHits.map((h, i) => (
                  <Typography.Text key={i} style={{ fontSize: 13 }}>
                    <Typography.Text type="secondary">{SEARCH_FIELD_LABELS[h.field]}：</Typography.Text>
                    <Snippet text={h.text} terms={terms} />
                  </Typography.Text>
                ))}
                {r.sourceHits.map((hit) => (
                  <Button
                    key={hit.line}
                    type="text"
                    size="small"
                    aria-label={`查看原文第 ${hit.line} 行`}
                    onClick={() => setSource({ lines: { start: hit.line, end: hit.lines[hit.lines.length - 1]?.line ?? hit.line }, terms })}
                    style={{ justifyContent: 'flex-start', height: 'auto', whiteSpace: 'normal', textAlign: 'left', padding: '2px 6px', fontSize: 13 }}
                  >
                    <span>
                      <Typography.Text type="secondary">第 {hit.line} 行：</Typography.Text>
                      {hit.lines.map((l) => (
                        <span key={l.line}>{renderMarked(l.text, l.ranges.map((x) => [x.from, x.to] as const))}</span>
                      ))}
                    </span>
                  </Button>
                ))}
              </Flex>
            </li>
          );
        })}
      </ol>
      {results.length > shown ? (
        <Flex justify="center" style={{ padding: 12 }}>
          <Button onClick={() => setShown((n) => n + PAGE_SIZE)}>显示更多（还有 {results.length - shown} 条）</Button>
        </Flex>
      ) : null}
      <SourceDrawer target={source} onClose={() => setSource(null)} />
    </Card>
  );
}
