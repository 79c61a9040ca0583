import { FileSearchOutlined } from '../../components/icons';
import { Alert, Button, Card, Collapse, Descriptions, Empty, Flex, Segmented, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ITEM_KINDS, type ItemKind, type PolicyDocument } from '../../../shared/policy/knowledgeBase';
import { Highlight } from './Highlight';
import { ITEM_KIND_COLORS, lineRangeText, statedDateText } from './policyDisplay';
import { PolicyItemDetail } from './PolicyItemDetail';
import { SourceDrawer, type SourceTarget } from './SourceDrawer';

function DatedText({ statement }: { readonly statement: PolicyDocument['issuedOn'] }) {
  return (
    <Flex vertical gap={0}>
      <Typography.Text>{statedDateText(statement)}</Typography.Text>
      {statement.note !== '' ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{statement.note}</Typography.Text> : null}
    </Flex>
  );
}

type KindFilter = ItemKind | 'all';

/** One policy document: its facts, summary and enterprise-facing items, and its text on demand. */
export function DocumentDetail({ document: doc, focusItemId, terms, kind: kindFilter, onKindChange }: {
  readonly document: PolicyDocument;
  readonly focusItemId: string | null;
  readonly terms: readonly string[];
  /** The page's item-kind filter (null: all kinds). */
  readonly kind: ItemKind | null;
  readonly onKindChange: (kind: ItemKind | null) => void;
}) {
  const focusKind = focusItemId === null ? undefined : doc.items.find((i) => i.id === focusItemId)?.kind;
  // A search hit on an item of another kind still shows that item.
  const kind: KindFilter = kindFilter === null || (focusKind !== undefined && focusKind !== kindFilter) ? 'all' : kindFilter;
  const setKind = (next: KindFilter) => onKindChange(next === 'all' ? null : next);
  const [expanded, setExpanded] = useState<string[]>(focusItemId === null ? [] : [focusItemId]);
  const [source, setSource] = useState<SourceTarget | null>(null);

  // Opening another item of the same document (a search hit) expands it too.
  const [shownFocus, setShownFocus] = useState(focusItemId);
  if (focusItemId !== shownFocus) {
    setShownFocus(focusItemId);
    if (focusItemId !== null && !expanded.includes(focusItemId)) setExpanded([...expanded, focusItemId]);
  }

  useEffect(() => {
    if (focusItemId === null) return;
    // Let the panel render before scrolling to it.
    const timer = window.setTimeout(() => window.document.getElementById(`item-${focusItemId}`)?.scrollIntoView?.({ block: 'start', behavior: 'smooth' }), 50);
    return () => window.clearTimeout(timer);
  }, [focusItemId]);

  const counts = new Map<ItemKind, number>();
  for (const item of doc.items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  const kindOptions = [
    { value: 'all' as const, label: `全部 ${doc.items.length}` },
    ...(Object.keys(ITEM_KINDS) as ItemKind[]).filter((k) => counts.has(k)).map((k) => ({ value: k, label: `${ITEM_KINDS[k]} ${counts.get(k) ?? 0}` })),
  ];
  const items = doc.items.filter((item) => kind === 'all' || item.kind === kind);

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="flex-start" gap={16}>
            <Flex vertical gap={6}>
              <Typography.Title level={4} style={{ margin: 0 }}><Highlight text={doc.title} terms={terms} /></Typography.Title>
              <Flex gap={6} wrap>
                <Tag color="blue">{doc.domain}</Tag>
                {doc.isGovernmentOnly ? <Tag>仅涉及政府部门</Tag> : <Tag color="green">面向企业的条目 {doc.items.length} 条</Tag>}
              </Flex>
            </Flex>
            <Button icon={<FileSearchOutlined />} onClick={() => setSource({ lines: { start: doc.lines.start, end: doc.lines.start }, isShowingAllCitations: true, terms })}>
              查看原文
            </Button>
          </Flex>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'issuers', label: '发文机关', children: doc.issuers.length > 0 ? doc.issuers.join('、') : '汇编未载明' },
              { key: 'number', label: '文号', children: doc.docNumber ?? '汇编未载明' },
              { key: 'issued', label: '印发日期', children: <DatedText statement={doc.issuedOn} /> },
              { key: 'effective', label: '施行日期', children: <DatedText statement={doc.effectiveOn} /> },
              { key: 'lines', label: '汇编原文', children: lineRangeText(doc.lines) },
            ]}
          />
          <Typography.Paragraph style={{ margin: 0 }}><Highlight text={doc.summary} terms={terms} /></Typography.Paragraph>
        </Flex>
      </Card>

      {doc.isGovernmentOnly ? (
        <Alert type="info" showIcon title="仅涉及政府部门" description="本文件规定的是政府部门的职责或工作安排，没有对企业设定义务，也没有企业可申请的事项，因此不参与企业匹配。可点击“查看原文”阅读全文。" />
      ) : (
        <Card
          title={`条目（${doc.items.length}）`}
          extra={<Segmented<KindFilter> aria-label="按条目类型筛选" size="small" options={kindOptions} value={kind} onChange={setKind} />}
          styles={{ body: { padding: items.length === 0 ? 24 : 0 } }}
        >
          {items.length === 0 ? (
            <Empty description="没有这一类型的条目" />
          ) : (
            <Collapse
              ghost
              activeKey={expanded}
              onChange={(keys) => setExpanded(Array.isArray(keys) ? keys : [keys])}
              items={items.map((item) => ({
                key: item.id,
                label: (
                  <Flex id={`item-${item.id}`} gap={8} align="baseline" wrap style={{ scrollMarginTop: 16 }}>
                    <Tag color={ITEM_KIND_COLORS[item.kind]} variant="outlined">{ITEM_KINDS[item.kind]}</Tag>
                    <Typography.Text strong><Highlight text={item.title} terms={terms} /></Typography.Text>
                  </Flex>
                ),
                extra: <Typography.Text type="secondary" style={{ fontSize: 12 }}>{item.citation.ref}</Typography.Text>,
                children: <div style={{ paddingLeft: 24 }}><PolicyItemDetail item={item} terms={terms} /></div>,
              }))}
            />
          )}
        </Card>
      )}
      <SourceDrawer target={source} onClose={() => setSource(null)} />
    </Flex>
  );
}
