import { Button, Empty, Flex, Tag, Typography, theme } from 'antd';
import { POLICY_DOMAINS, type PolicyDocument } from '../../../shared/policy/knowledgeBase';

/** The documents grouped by 领域 in the compilation's order; the selected one is marked. */
export function DocumentCatalog({ documents, selectedId, onSelect }: {
  readonly documents: readonly PolicyDocument[];
  readonly selectedId: string | null;
  readonly onSelect: (documentId: string) => void;
}) {
  const { token } = theme.useToken();
  if (documents.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合筛选条件的文件" />;
  return (
    <nav aria-label="政策文件目录">
      <Flex vertical gap={12}>
        {POLICY_DOMAINS.map((domain) => {
          const group = documents.filter((d) => d.domain === domain);
          if (group.length === 0) return null;
          return (
            <section key={domain} aria-label={domain}>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', padding: '0 8px 4px' }}>
                {domain}（{group.length}）
              </Typography.Text>
              <Flex vertical gap={2}>
                {group.map((doc) => {
                  const isSelected = doc.id === selectedId;
                  return (
                    <Button
                      key={doc.id}
                      type="text"
                      block
                      aria-current={isSelected ? 'true' : undefined}
                      onClick={() => onSelect(doc.id)}
                      style={{
                        display: 'block', height: 'auto', whiteSpace: 'normal', textAlign: 'left', padding: '6px 8px',
                        background: isSelected ? token.controlItemBgActive : undefined,
                        borderLeft: `3px solid ${isSelected ? token.colorPrimary : 'transparent'}`, borderRadius: token.borderRadius,
                      }}
                    >
                      <Typography.Text style={{ display: 'block', color: isSelected ? token.colorPrimary : undefined, lineHeight: 1.5 }}>{doc.title}</Typography.Text>
                      <Flex gap={4} style={{ marginTop: 2 }}>
                        {doc.isGovernmentOnly
                          ? <Tag style={{ fontSize: 11, lineHeight: '16px', marginInlineEnd: 0 }}>仅涉及政府部门</Tag>
                          : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{doc.items.length} 条</Typography.Text>}
                        {doc.docNumber !== null ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>· {doc.docNumber}</Typography.Text> : null}
                      </Flex>
                    </Button>
                  );
                })}
              </Flex>
            </section>
          );
        })}
      </Flex>
    </nav>
  );
}
