import { App, Card, Select, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { localIsoDate } from '../../../shared/domain/isoDate';
import type { TemplateValues } from '../../../shared/pdf/formTemplates';
import { evaluateCompany } from '../../../shared/policy/evaluate';
import { RequireCompany } from '../../app/RequireCompany';
import { KnowledgeBaseProvider, useKnowledgeBase } from '../policies/KnowledgeBaseProvider';
import { APPLICATION_FIT_LABELS, applicationChoiceKey, initialApplication, rankApplications, type ApplicationFit } from './applicationChoice';
import { ChecklistTab } from './ChecklistTab';
import { applicationItems } from './filingsData';
import { FormsTab } from './FormsTab';
import { PacketTab } from './PacketTab';
import { useChecklist } from './useChecklist';
import { DocumentLibraryTab } from './DocumentLibraryTab';
import { errorMessage } from '../../components/failureDialog';
import { useRepositories, useStoredQuery } from '../../storage/repositories';

const FIT_GROUPS: readonly ApplicationFit[] = ['applies', 'mayApply', 'other'];

function FilingsWorkspace({ record }: { readonly record: CompanyRecord }) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const { kb } = useKnowledgeBase();
  const companyId = record.company.id;
  const today = localIsoDate(new Date());
  const ranked = useMemo(() => rankApplications(applicationItems(kb), evaluateCompany(kb, record, today)), [kb, record, today]);
  // null: nothing remembered; undefined: still reading.
  const remembered = useStoredQuery(async (repositories) => (await repositories.getSetting<string>(applicationChoiceKey(companyId))) ?? null, [companyId]);
  const storedDrafts = useStoredQuery((repositories) => repositories.getFormDrafts(companyId), [companyId]);
  // What was typed in this visit, shown at once while the draft is written behind it.
  const [typed, setTyped] = useState<Record<string, TemplateValues>>({});
  const itemId = remembered === undefined ? null : initialApplication(ranked, remembered);
  const item = ranked.find((a) => a.item.id === itemId)?.item ?? null;
  const context = useChecklist(record, item);
  const formValues = useMemo(() => ({ ...storedDrafts, ...typed }), [storedDrafts, typed]);

  const choose = (id: string) => {
    repositories.putSetting(applicationChoiceKey(companyId), id).catch((e: unknown) => void message.error(errorMessage(e, { lead: '未能记住所选申请事项' })));
  };
  const changeForm = (templateId: string, values: TemplateValues) => {
    setTyped((all) => ({ ...all, [templateId]: values }));
    repositories.saveFormDraft(companyId, templateId, values).catch((e: unknown) => void message.error(errorMessage(e, { lead: '表单内容未能保存' })));
  };

  const options = FIT_GROUPS.map((fit) => ({
    label: APPLICATION_FIT_LABELS[fit],
    title: APPLICATION_FIT_LABELS[fit],
    options: ranked.filter((r) => r.fit === fit).map(({ item: i, documentTitle }) => ({ value: i.id, label: `${i.title}（${documentTitle}）` })),
  })).filter((group) => group.options.length > 0);
  const picker = (
    <Space wrap role="group" aria-label="申请事项" style={{ marginBottom: 12 }}>
      <Typography.Text>申请事项：</Typography.Text>
      <Select
        aria-label="申请事项" showSearch={{ optionFilterProp: 'label' }} placeholder="选择知识库中的申请事项" style={{ width: 560, maxWidth: '100%' }} value={itemId}
        loading={remembered === undefined} onChange={choose} options={options}
      />
    </Space>
  );
  return (
    <Tabs
      items={[
        { key: 'library', label: '文件库', children: <DocumentLibraryTab record={record} /> },
        { key: 'checklist', label: '申报清单', children: <>{picker}<ChecklistTab record={record} context={context} /></> },
        {
          key: 'forms', label: '表单', children: (
            <>{picker}<FormsTab record={record} templates={context.templates} item={item} values={formValues} onValues={changeForm} /></>
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
        {/* Keyed by company: drafts typed for one company never show under another. */}
        <RequireCompany>{(record) => <FilingsWorkspace key={record.company.id} record={record} />}</RequireCompany>
      </KnowledgeBaseProvider>
    </Card>
  );
}
