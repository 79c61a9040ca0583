import { Card, Select, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/company';
import type { TemplateValues } from '../../../shared/pdf/formTemplates';
import { RequireCompany } from '../../app/RequireCompany';
import { KnowledgeBaseProvider, useKnowledgeBase } from '../policies/KnowledgeBaseProvider';
import { ChecklistTab } from './ChecklistTab';
import { applicationItems } from './filingsData';
import { FormsTab } from './FormsTab';
import { PacketTab } from './PacketTab';
import { useChecklist } from './useChecklist';
import { VaultTab } from './VaultTab';

function FilingsWorkspace({ record }: { readonly record: CompanyRecord }) {
  const { kb } = useKnowledgeBase();
  const applications = useMemo(() => applicationItems(kb), [kb]);
  const [itemId, setItemId] = useState<string | null>(null);
  const [formValues, setFormValues] = useState<Record<string, TemplateValues>>({});
  const item = applications.find((a) => a.item.id === itemId)?.item ?? null;
  const context = useChecklist(record, item);
  const picker = (
    <Space wrap style={{ marginBottom: 12 }}>
      <Typography.Text>申请事项：</Typography.Text>
      <Select
        aria-label="申请事项" showSearch optionFilterProp="label" placeholder="选择知识库中的申请事项" style={{ width: 560 }} value={itemId}
        onChange={setItemId}
        options={applications.map(({ item: i, documentTitle }) => ({ value: i.id, label: `${i.title}（${documentTitle}）` }))}
      />
    </Space>
  );
  return (
    <Tabs
      items={[
        { key: 'vault', label: '文件库', children: <VaultTab record={record} /> },
        { key: 'checklist', label: '申报清单', children: <>{picker}<ChecklistTab record={record} context={context} /></> },
        {
          key: 'forms', label: '表单', children: (
            <>{picker}<FormsTab record={record} templates={context.templates} item={item} values={formValues}
              onValues={(templateId, values) => setFormValues((all) => ({ ...all, [templateId]: values }))} /></>
          ),
        },
        { key: 'packet', label: '申报材料包', children: <>{picker}<PacketTab record={record} context={context} formValues={formValues} /></> },
      ]}
    />
  );
}

export function FilingsPage() {
  return (
    <Card title="材料与申报" variant="borderless">
      <KnowledgeBaseProvider>
        <RequireCompany>{(record) => <FilingsWorkspace record={record} />}</RequireCompany>
      </KnowledgeBaseProvider>
    </Card>
  );
}
