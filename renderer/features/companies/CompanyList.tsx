import { DeleteOutlined, DownloadOutlined, EditOutlined, ExperimentOutlined, PlusOutlined, UploadOutlined } from '../../components/icons';
import { App, Button, Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Company } from '../../../shared/domain/company';
import { checkUscc } from '../../../shared/validation/uscc';
import { useCurrentCompany } from '../../app/currentCompany';
import { navigate, useHashParam } from '../../app/hashLocation';
import { deleteCompany } from '../../storage/companyRepository';
import { appDb } from '../../storage/database';
import { useCompanies, useCompanyCounts } from '../../storage/hooks';
import { useWorkspaceActions } from '../workspace/WorkspaceTransferProvider';
import { CompanyFormModal } from './CompanyFormModal';

export function CompanyList() {
  const companies = useCompanies();
  const counts = useCompanyCounts();
  const { selectCompany } = useCurrentCompany();
  const [editor, setEditor] = useHashParam('edit');
  const { modal, message } = App.useApp();
  const transfer = useWorkspaceActions();

  const confirmDelete = (company: Company) => {
    const count = counts?.get(company.id);
    modal.confirm({
      title: `删除企业“${company.name}”？`,
      content: count
        ? `将同时删除其 ${count.people} 名人员、${count.licences} 个许可证、${count.vehicles} 辆车辆、${count.stores} 处门店与场所和 ${count.events} 条事件记录，且无法恢复。建议先导出工作区备份。`
        : '删除后无法恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        await deleteCompany(appDb, company.id);
        void message.success(`已删除“${company.name}”`);
      },
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
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor('new')}>新建企业</Button>
          </Space>
        }
      >
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
          <Table<Company>
            rowKey="id"
            loading={companies === undefined}
            dataSource={companies ?? []}
            pagination={false}
            onRow={(company) => ({ onDoubleClick: () => open(company) })}
            columns={[
              {
                title: '企业名称',
                dataIndex: 'name',
                render: (_: unknown, company) => (
                  <Typography.Link href={`#/companies/${encodeURIComponent(company.id)}`} onClick={() => selectCompany(company.id)}>
                    {company.name}
                  </Typography.Link>
                ),
              },
              {
                title: '统一社会信用代码',
                dataIndex: 'uscc',
                width: 220,
                render: (_: unknown, company) => <UsccCell uscc={company.uscc} />,
              },
              { title: '所在区', dataIndex: 'district', width: 110, render: (_: unknown, c) => c.district ?? '—' },
              { title: '行业', dataIndex: 'industryName', render: (_: unknown, c) => [c.industryCode, c.industryName].filter(Boolean).join(' ') || '—' },
              { title: '人员', width: 70, align: 'right', render: (_: unknown, c) => counts?.get(c.id)?.people ?? '…' },
              { title: '许可证', width: 80, align: 'right', render: (_: unknown, c) => counts?.get(c.id)?.licences ?? '…' },
              { title: '车辆', width: 70, align: 'right', render: (_: unknown, c) => counts?.get(c.id)?.vehicles ?? '…' },
              { title: '门店与场所', width: 100, align: 'right', render: (_: unknown, c) => counts?.get(c.id)?.stores ?? '…' },
              {
                title: '操作',
                width: 110,
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
