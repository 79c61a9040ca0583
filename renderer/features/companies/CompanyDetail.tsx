import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, HistoryOutlined } from '../../components/icons';
import { App, Button, Card, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect, useEffectEvent, useMemo } from 'react';
import { findRecordIssues } from '../../../shared/validation/recordFindings';
import { useCurrentCompany } from '../../app/currentCompany';
import { navigate, useHashParam } from '../../app/hashLocation';
import { groupFindingsByEntity } from '../../components/FindingTags';
import { useRepositories } from '../../storage/repositories';
import { useCompanyRecord } from '../../storage/hooks';
import { useHistoryDrawer } from '../history/useHistoryDrawer';
import { BasicInfoTab, FindingsSummary } from './BasicInfoTab';
import { CompanyFormModal } from './CompanyFormModal';
import { EventsTab } from './EventsTab';
import { LicencesTab } from './LicencesTab';
import { PeopleTab } from './PeopleTab';
import { StoresTab } from './StoresTab';
import { VehiclesTab } from './VehiclesTab';

const TAB_KEYS = ['basic', 'people', 'licences', 'vehicles', 'stores', 'events'] as const;
type TabKey = (typeof TAB_KEYS)[number];

function isTabKey(value: string | null): value is TabKey {
  return TAB_KEYS.some((k) => k === value);
}

export function CompanyDetail({ companyId }: { readonly companyId: string }) {
  const repositories = useRepositories();
  const record = useCompanyRecord(companyId);
  const { companyId: currentId, selectCompany } = useCurrentCompany();
  const [tabParam, setTab] = useHashParam('tab');
  const [edit, setEdit] = useHashParam('edit');
  const { modal, message } = App.useApp();
  const history = useHistoryDrawer(record ?? undefined);
  const tab: TabKey = isTabKey(tabParam) ? tabParam : 'basic';
  const findings = useMemo(() => (record ? findRecordIssues(record) : []), [record]);
  const byEntity = useMemo(() => groupFindingsByEntity(findings), [findings]);

  // Opening a company makes it the one every other page works on.
  // Only when the page opens or shows another company: the header's switcher navigates here itself.
  const exists = record !== undefined && record !== null;
  const selectShownCompany = useEffectEvent(() => {
    if (currentId !== companyId) selectCompany(companyId);
  });
  useEffect(() => {
    if (exists) selectShownCompany();
  }, [exists, companyId]);

  if (record === undefined) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (record === null) {
    return (
      <Result status="404" title="找不到该企业" subTitle="它可能已被删除。" extra={<Button onClick={() => navigate('/companies')}>返回企业列表</Button>} />
    );
  }
  const { company } = record;

  const confirmDelete = () => {
    modal.confirm({
      title: `删除企业“${company.name}”？`,
      content: `将同时删除其 ${record.people.length} 名人员、${record.licences.length} 个许可证、${record.vehicles.length} 辆车辆、${record.stores.length} 处门店与场所和 ${record.events.length} 条事件记录，且无法恢复。建议先导出工作区备份。`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        await repositories.deleteCompany(company.id);
        void message.success(`已删除“${company.name}”`);
        navigate('/companies');
      },
    });
  };

  const count = (n: number) => <Typography.Text type="secondary" style={{ marginLeft: 4 }}>{n}</Typography.Text>;

  return (
    <Card
      title={
        <Space size={8} wrap>
          <Button type="text" aria-label="返回企业列表" icon={<ArrowLeftOutlined />} onClick={() => navigate('/companies')} />
          <Typography.Title level={4} style={{ margin: 0 }}>{company.name}</Typography.Title>
          {company.district && <Tag>{company.district}</Tag>}
          {company.industryName && <Tag color="blue">{company.industryName}</Tag>}
        </Space>
      }
      extra={
        <Space>
          <Button icon={<EditOutlined />} onClick={() => setEdit(`company:${company.id}`)}>编辑基本信息</Button>
          <Button icon={<HistoryOutlined />} onClick={() => history.open({ kind: 'company', companyId: company.id, title: `修改记录：${company.name}` })}>修改记录</Button>
          <Button danger icon={<DeleteOutlined />} onClick={confirmDelete}>删除企业</Button>
        </Space>
      }
    >
      <FindingsSummary findings={findings} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key === 'basic' ? null : key)}
        items={[
          { key: 'basic', label: '基本信息', children: <BasicInfoTab company={company} findings={findings} /> },
          { key: 'people', label: <>人员{count(record.people.length)}</>, children: <PeopleTab record={record} findings={byEntity} /> },
          { key: 'licences', label: <>许可证{count(record.licences.length)}</>, children: <LicencesTab record={record} findings={byEntity} /> },
          { key: 'vehicles', label: <>车辆{count(record.vehicles.length)}</>, children: <VehiclesTab record={record} findings={byEntity} /> },
          { key: 'stores', label: <>门店与场所{count(record.stores.length)}</>, children: <StoresTab record={record} /> },
          { key: 'events', label: <>事件记录{count(record.events.length)}</>, children: <EventsTab record={record} /> },
        ]}
        destroyOnHidden
      />
      {edit === `company:${company.id}` && <CompanyFormModal company={company} onClose={() => setEdit(null)} />}
      {history.drawer}
    </Card>
  );
}
