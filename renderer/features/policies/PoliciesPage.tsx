import { ArrowLeftOutlined, SearchOutlined } from '../../components/icons';
import { Button, Card, Col, Empty, Flex, Input, Row, Select, Table, Typography } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { ITEM_KINDS, POLICY_DOMAINS, type ItemKind, type PolicyDocument, type PolicyDomain } from '../../../shared/policy/knowledgeBase';
import { navigate, parseHash, replaceLocation, useHashLocation } from '../../app/hashLocation';
import { DataVersionPanel } from './DataVersionPanel';
import { DocumentCatalog } from './DocumentCatalog';
import { DocumentDetail } from './DocumentDetail';
import { KnowledgeBaseProvider, useKnowledgeBase, useKnowledgeBaseIndex } from './KnowledgeBaseProvider';
import { searchPolicies } from './policySearch';
import { SearchResults } from './SearchResults';
import { parseQuery } from './textFolding';

type Params = Partial<Record<'q' | 'doc' | 'item' | 'domain' | 'kind', string | null>>;

/** '/policies?…' with `changes` applied to the current query; push for a new view, replace while typing. */
function updateParams(changes: Params, mode: 'push' | 'replace'): void {
  const current = parseHash(window.location.hash);
  const query = new URLSearchParams(current.query);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') query.delete(key);
    else query.set(key, value);
  }
  const search = query.toString();
  const target = `/policies${search === '' ? '' : `?${search}`}`;
  if (mode === 'push') navigate(target);
  else replaceLocation(target);
}

const isDomain = (v: string | null): v is PolicyDomain => v !== null && (POLICY_DOMAINS as readonly string[]).includes(v);
const isKind = (v: string | null): v is ItemKind => v !== null && Object.hasOwn(ITEM_KINDS, v);

function matchesFilters(doc: PolicyDocument, domain: PolicyDomain | null, kind: ItemKind | null): boolean {
  return (domain === null || doc.domain === domain) && (kind === null || doc.items.some((i) => i.kind === kind));
}

interface DomainRow {
  readonly domain: PolicyDomain;
  readonly documents: number;
  readonly governmentOnly: number;
  readonly kinds: Readonly<Record<ItemKind, number>>;
}

/** What the compilation holds, by 领域 and item kind: the page's landing view. */
function CompilationSummary({ documents }: { readonly documents: readonly PolicyDocument[] }) {
  const rows: DomainRow[] = POLICY_DOMAINS.map((domain) => {
    const docs = documents.filter((d) => d.domain === domain);
    const kinds = Object.fromEntries((Object.keys(ITEM_KINDS) as ItemKind[]).map((k) => [k, docs.reduce((n, d) => n + d.items.filter((i) => i.kind === k).length, 0)])) as Record<ItemKind, number>;
    return { domain, documents: docs.length, governmentOnly: docs.filter((d) => d.isGovernmentOnly).length, kinds };
  }).filter((r) => r.documents > 0);
  return (
    <Card title="汇编概况" extra={<Typography.Text type="secondary">从左侧目录选择文件，或在上方搜索全文</Typography.Text>}>
      <Table<DomainRow>
        size="small"
        rowKey="domain"
        pagination={false}
        dataSource={rows}
        onRow={(row) => ({ onClick: () => updateParams({ domain: row.domain }, 'push'), style: { cursor: 'pointer' } })}
        columns={[
          { title: '领域', dataIndex: 'domain' },
          { title: '文件', dataIndex: 'documents', align: 'right' },
          { title: '仅涉及政府部门', dataIndex: 'governmentOnly', align: 'right' },
          ...(Object.keys(ITEM_KINDS) as ItemKind[]).map((k) => ({ title: ITEM_KINDS[k], key: k, align: 'right' as const, render: (_: unknown, row: DomainRow) => row.kinds[k] })),
        ]}
      />
    </Card>
  );
}

function PolicyLibrary() {
  const { kb } = useKnowledgeBase();
  const index = useKnowledgeBaseIndex();
  const { query } = useHashLocation();
  const docId = query.get('doc');
  const itemId = query.get('item');
  const domainParam = query.get('domain');
  const kindParam = query.get('kind');
  const domain = isDomain(domainParam) ? domainParam : null;
  const kind = isKind(kindParam) ? kindParam : null;
  const qParam = query.get('q') ?? '';
  const [input, setInput] = useState(qParam);
  // Back/forward to another search: show that search's words in the box.
  const [shownQ, setShownQ] = useState(qParam);
  if (qParam !== shownQ) {
    setShownQ(qParam);
    setInput(qParam);
  }
  const deferredInput = useDeferredValue(input);
  const terms = useMemo(() => parseQuery(deferredInput), [deferredInput]);

  const results = useMemo(() => {
    if (terms.length === 0) return [];
    return searchPolicies(index.searchIndex(), terms).filter((r) => {
      const doc = index.documentsById.get(r.documentId);
      if (doc === undefined || !matchesFilters(doc, domain, kind)) return false;
      if (r.itemId === null || kind === null) return true;
      return index.itemsById.get(r.itemId)?.item.kind === kind;
    });
  }, [index, terms, domain, kind]);

  const documents = kb.documents.filter((d) => matchesFilters(d, domain, kind));
  const selected = docId === null ? undefined : index.documentsById.get(docId);
  const itemCount = kb.documents.reduce((n, d) => n + d.items.length, 0);

  const onSearch = (value: string) => {
    setInput(value);
    updateParams({ q: value, doc: null, item: null }, 'replace');
  };

  let main;
  if (selected !== undefined) {
    main = (
      <Flex vertical gap={12}>
        {terms.length > 0 ? (
          <Button type="link" icon={<ArrowLeftOutlined />} style={{ alignSelf: 'flex-start', padding: 0 }} onClick={() => updateParams({ doc: null, item: null }, 'push')}>
            返回搜索结果（{results.length}）
          </Button>
        ) : null}
        <DocumentDetail key={selected.id} document={selected} focusItemId={itemId} terms={terms} kind={kind} onKindChange={(k) => updateParams({ kind: k }, 'replace')} />
      </Flex>
    );
  } else if (docId !== null) {
    main = <Card><Empty description={`政策数据中没有编号为“${docId}”的文件`} /></Card>;
  } else if (terms.length > 0) {
    main = <SearchResults key={terms.join(' ')} results={results} terms={terms} onOpen={(d, i) => updateParams({ doc: d, item: i }, 'push')} />;
  } else {
    main = <CompilationSummary documents={kb.documents} />;
  }

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="flex-start" gap={24} wrap>
          <Flex vertical gap={4} style={{ minWidth: 280, flex: 1 }}>
            <Typography.Title level={3} style={{ margin: 0 }}>政策库</Typography.Title>
            <Typography.Text type="secondary">
              {kb.source.title} · {kb.documents.length} 份文件 · {itemCount} 条面向企业的条目
            </Typography.Text>
          </Flex>
          <DataVersionPanel />
        </Flex>
        <Flex gap={12} wrap style={{ marginTop: 16 }}>
          <Input
            aria-label="搜索政策"
            allowClear
            prefix={<SearchOutlined />}
            placeholder="全文搜索标题、摘要、引文和原文，如“预付卡”“医保定点”（多个关键词用空格分开）"
            value={input}
            onChange={(e) => onSearch(e.target.value)}
            style={{ flex: 1, minWidth: 280 }}
          />
          <Select<PolicyDomain>
            aria-label="按领域筛选"
            allowClear
            placeholder="全部领域"
            style={{ width: 160 }}
            value={domain ?? undefined}
            onChange={(v) => updateParams({ domain: v ?? null }, 'replace')}
            options={POLICY_DOMAINS.map((d) => ({ value: d, label: d }))}
          />
          <Select<ItemKind>
            aria-label="按条目类型筛选"
            allowClear
            placeholder="全部条目类型"
            style={{ width: 160 }}
            value={kind ?? undefined}
            onChange={(v) => updateParams({ kind: v ?? null }, 'replace')}
            options={(Object.keys(ITEM_KINDS) as ItemKind[]).map((k) => ({ value: k, label: ITEM_KINDS[k] }))}
          />
        </Flex>
      </Card>
      <Row gutter={16} wrap={false}>
        <Col flex="320px">
          <Card
            title={`文件目录（${documents.length}）`}
            size="small"
            style={{ position: 'sticky', top: 0 }}
            styles={{ body: { padding: 8, maxHeight: 'calc(100vh - 180px)', overflow: 'auto' } }}
          >
            <DocumentCatalog documents={documents} selectedId={selected?.id ?? null} onSelect={(id) => updateParams({ doc: id, item: null }, 'push')} />
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>{main}</Col>
      </Row>
    </Flex>
  );
}

/** 政策库: browse the compilation by 领域, document and item kind; search it; read its text. */
export function PoliciesPage() {
  return (
    <KnowledgeBaseProvider>
      <PolicyLibrary />
    </KnowledgeBaseProvider>
  );
}
