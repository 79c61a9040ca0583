import { DeleteOutlined, DownloadOutlined, EditOutlined, ExperimentOutlined, PlusOutlined, UploadOutlined } from '../../components/icons';
import { App, Button, Card, Empty, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Company } from '../../../shared/domain/company';
import { checkUscc } from '../../../shared/validation/uscc';
import { useCurrentCompany } from '../../app/currentCompany';
import { navigate, useHashParam } from '../../app/hashLocation';
import { PrintButton, PrintHeading } from '../../components/printing';
import { useUndoableDelete } from '../../components/useUndoableDelete';
import { useRepositories } from '../../storage/repositories';
import { useCompanies, useCompanyCounts } from '../../storage/hooks';
import { useWorkspaceActions } from '../workspace/WorkspaceTransferProvider';
import { CompanyFormModal } from './CompanyFormModal';
import {
  applyCompanyQuery, DEFAULT_COMPANY_QUERY, isFiltered, parseCompanyQuery, SORT_LABELS,
  type CompanyListQuery, type CompanySortKey,
} from './companyListQuery';

/** Where the list's search, filters and sort are kept, so going to a company and back keeps them. */
const QUERY_KEY = 'companyList.query';

function useCompanyListQuery(): [CompanyListQuery, (change: Partial<CompanyListQuery> | null) => void] {
  const [query, setQuery] = useState<CompanyListQuery>(() => parseCompanyQuery(window.sessionStorage.getItem(QUERY_KEY)));
  const update = (change: Partial<CompanyListQuery> | null) => {
    const next = change === null ? { ...DEFAULT_COMPANY_QUERY, sortKey: query.sortKey, sortOrder: query.sortOrder } : { ...query, ...change };
    setQuery(next);
    window.sessionStorage.setItem(QUERY_KEY, JSON.stringify(next));
  };
  return [query, update];
}

export function CompanyList() {
  const repositories = useRepositories();
  const companies = useCompanies();
  const counts = useCompanyCounts();
  const { selectCompany } = useCurrentCompany();
  const [editor, setEditor] = useHashParam('edit');
  const { modal, message } = App.useApp();
  const transfer = useWorkspaceActions();
  const removeWithUndo = useUndoableDelete();
  const [query, setQuery] = useCompanyListQuery();
  const shown = useMemo(() => (companies === undefined ? undefined : applyCompanyQuery(companies, query)), [companies, query]);
  const industryOptions = useMemo(
    () => [...new Set((companies ?? []).map((c) => c.industryName))].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((name) => ({ value: name, label: name || '未填写' })),
    [companies],
  );
  const districtOptions = useMemo(
    () => [...new Set((companies ?? []).flatMap((c) => (c.district === null ? [] : [c.district])))].map((d) => ({ value: d, label: d })),
    [companies],
  );
  const entityTypeOptions = useMemo(
    () => [...new Set((companies ?? []).flatMap((c) => (c.entityType === null ? [] : [c.entityType])))].map((t) => ({ value: t, label: t })),
    [companies],
  );

  const confirmDelete = (company: Company) => {
    const count = counts?.get(company.id);
    modal.confirm({
      title: `删除企业“${company.name}”？`,
      content: count
        ? `将同时删除其 ${count.people} 名人员、${count.licences} 个许可证、${count.vehicles} 辆车辆、${count.stores} 处门店与场所、${count.events} 条事件记录及其材料与办理记录。删除后 10 秒内可撤销。`
        : '删除后 10 秒内可撤销。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => removeWithUndo(() => repositories.deleteCompanyForUndo(company.id)),
    });
  };

  const open = (company: Company) => {
    selectCompany(company.id);
    navigate(`/companies/${encodeURIComponent(company.id)}`);
  };

  const isEmpty = companies !== undefined && companies.length === 0;

  return (
    <>
      <Card
        title="企业列表"
        extra={
          <Space wrap>
            <Button icon={<ExperimentOutlined />} loading={transfer.isBusy} onClick={transfer.loadSamples}>载入示例企业</Button>
            <Button icon={<UploadOutlined />} onClick={transfer.startImport}>导入工作区</Button>
            <Button icon={<DownloadOutlined />} disabled={isEmpty} onClick={transfer.exportWorkspace}>导出工作区</Button>
            <PrintButton />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor('new')}>新建企业</Button>
          </Space>
        }
      >
        <PrintHeading title="企业列表" detail={shown && companies && isFiltered(query) ? `筛选后 ${shown.length} 家（共 ${companies.length} 家）` : shown ? `共 ${shown.length} 家` : undefined} />
        {isEmpty ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Space orientation="vertical" size={4}>
                <Typography.Text strong>工作区中还没有企业</Typography.Text>
                <Typography.Text type="secondary">新建一家企业并录入营业执照信息，或载入示例企业先看看效果，或导入之前导出的工作区文件。</Typography.Text>
              </Space>
            }
          >
            <Space>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor('new')}>新建企业</Button>
              <Button icon={<ExperimentOutlined />} loading={transfer.isBusy} onClick={transfer.loadSamples}>载入示例企业</Button>
              <Button icon={<UploadOutlined />} onClick={transfer.startImport}>导入工作区</Button>
            </Space>
          </Empty>
        ) : (
          <>
          <Space wrap className="no-print" style={{ marginBottom: 16 }}>
            <Input.Search
              allowClear
              aria-label="搜索企业"
              placeholder="企业名称、信用代码或法定代表人"
              style={{ width: 250 }}
              value={query.search}
              onChange={(e) => setQuery({ search: e.target.value })}
            />
            <Select<string[]>
              mode="multiple" allowClear maxTagCount="responsive" aria-label="按所在区筛选" placeholder="所在区" style={{ width: 140 }}
              options={districtOptions} value={[...query.districts]} onChange={(districts) => setQuery({ districts })}
            />
            <Select<string[]>
              mode="multiple" allowClear maxTagCount="responsive" aria-label="按企业类型筛选" placeholder="企业类型" style={{ width: 160 }}
              options={entityTypeOptions} value={[...query.entityTypes]} onChange={(entityTypes) => setQuery({ entityTypes })}
            />
            <Select<string[]>
              mode="multiple" allowClear maxTagCount="responsive" aria-label="按行业筛选" placeholder="行业" style={{ width: 150 }}
              options={industryOptions} value={[...query.industries]} onChange={(industries) => setQuery({ industries })}
            />
            <Select<string>
              aria-label="排序方式" style={{ width: 186 }} popupMatchSelectWidth={false}
              value={`${query.sortKey}:${query.sortOrder}`}
              onChange={(value) => {
                const [sortKey, sortOrder] = value.split(':') as [CompanySortKey, 'asc' | 'desc'];
                setQuery({ sortKey, sortOrder });
              }}
              options={(Object.keys(SORT_LABELS) as CompanySortKey[]).flatMap((key) => [
                { value: `${key}:asc`, label: `${SORT_LABELS[key]}：${key === 'name' ? '拼音正序' : '从早到晚'}` },
                { value: `${key}:desc`, label: `${SORT_LABELS[key]}：${key === 'name' ? '拼音倒序' : '从晚到早'}` },
              ])}
            />
            {isFiltered(query) && (
              <>
                <Typography.Text type="secondary" role="status">显示 {shown?.length ?? 0} 家，共 {companies?.length ?? 0} 家</Typography.Text>
                <Button type="link" onClick={() => setQuery(null)}>清除筛选</Button>
              </>
            )}
          </Space>
          <Table<Company>
            rowKey="id"
            loading={companies === undefined}
            dataSource={shown ?? []}
            pagination={false}
            locale={{ emptyText: '没有符合条件的企业' }}
            onRow={(company) => ({ onDoubleClick: () => open(company) })}
            columns={[
              {
                title: '企业名称',
                dataIndex: 'name',
                minWidth: 190,
                className: 'print-nowrap',
                render: (_: unknown, company) => (
                  <Typography.Link href={`#/companies/${encodeURIComponent(company.id)}`} onClick={() => selectCompany(company.id)}>
                    {company.name}
                  </Typography.Link>
                ),
              },
              {
                title: '统一社会信用代码',
                dataIndex: 'uscc',
                width: 186,
                render: (_: unknown, company) => <UsccCell uscc={company.uscc} />,
              },
              { title: '所在区', dataIndex: 'district', width: 100, render: (_: unknown, c) => c.district ?? '—' },
              { title: '行业', dataIndex: 'industryName', minWidth: 120, render: (_: unknown, c) => [c.industryCode, c.industryName].filter(Boolean).join(' ') || '—' },
              { title: '人员', width: 56, align: 'right', render: (_: unknown, c) => counts?.get(c.id)?.people ?? '…' },
              { title: '许可证', width: 64, align: 'right', render: (_: unknown, c) => counts?.get(c.id)?.licences ?? '…' },
              { title: '车辆', width: 56, align: 'right', render: (_: unknown, c) => counts?.get(c.id)?.vehicles ?? '…' },
              { title: '门店与场所', width: 72, align: 'right', render: (_: unknown, c) => counts?.get(c.id)?.stores ?? '…' },
              {
                title: '操作',
                width: 96,
                className: 'no-print',
                render: (_: unknown, company) => (
                  <Space size={0}>
                    <Tooltip title="编辑基本信息">
                      <Button type="text" aria-label={`编辑${company.name}`} icon={<EditOutlined />} onClick={() => setEditor(`company:${company.id}`)} />
                    </Tooltip>
                    <Tooltip title="删除企业">
                      <Button type="text" danger aria-label={`删除${company.name}`} icon={<DeleteOutlined />} onClick={() => confirmDelete(company)} />
                    </Tooltip>
                  </Space>
                ),
              },
            ]}
          />
          </>
        )}
      </Card>
      {editor === 'new' && (
        <CompanyFormModal
          onClose={() => setEditor(null)}
          onSaved={(company) => {
            void message.success(`已新建“${company.name}”`);
            selectCompany(company.id);
          }}
        />
      )}
      {editor?.startsWith('company:') === true && (
        <EditCompanyModal companyId={editor.slice('company:'.length)} companies={companies} onClose={() => setEditor(null)} />
      )}
    </>
  );
}

function EditCompanyModal({ companyId, companies, onClose }: { readonly companyId: string; readonly companies: Company[] | undefined; readonly onClose: () => void }) {
  const company = companies?.find((c) => c.id === companyId);
  if (!company) return null;
  return <CompanyFormModal company={company} onClose={onClose} />;
}

export function UsccCell({ uscc }: { readonly uscc: string }) {
  const check = checkUscc(uscc);
  if (check.kind === 'empty') return <Typography.Text type="secondary">未填写</Typography.Text>;
  return (
    <Space size={4}>
      <Typography.Text style={{ fontFamily: 'monospace' }}>{uscc}</Typography.Text>
      {check.kind !== 'valid' && (
        <Tooltip title={check.message}>
          <Tag color={check.kind === 'malformed' ? 'error' : 'warning'}>待核对</Tag>
        </Tooltip>
      )}
    </Space>
  );
}
