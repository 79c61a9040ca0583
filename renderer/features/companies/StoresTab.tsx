import { DeleteOutlined, EditOutlined, PlusOutlined } from '../../components/icons';
import { Button, Col, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Table, Typography } from 'antd';
import type { Store } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { DOMAIN_FIELD_LABELS } from '../../../shared/domain/fieldLabels';
import { localIsoDate } from '../../../shared/domain/isoDate';
import { DISTRICTS, STORE_KINDS } from '../../../shared/domain/vocabulary';
import { FormDateInput } from '../../components/DateInput';
import { describeSpan, orDash } from '../../components/display';
import { nonNegativeNumberRule, notAfterTodayRule, requiredRule, validDateRule } from '../../components/fieldRules';
import { FormModal } from '../../components/FormModal';
import { useRepositories } from '../../storage/repositories';
import { HistoryButton } from '../history/HistoryButton';
import { useHistoryDrawer } from '../history/useHistoryDrawer';
import { childDraftKey, useEditorParam } from './editorParam';
import { useDeleteChild } from './useDeleteChild';

const LABELS = DOMAIN_FIELD_LABELS.stores;

export function StoresTab({ record }: { readonly record: CompanyRecord }) {
  const editor = useEditorParam('store');
  const removeChild = useDeleteChild();
  const history = useHistoryDrawer(record);
  const today = localIsoDate(new Date());
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.open('new')}>添加门店/场所</Button>
      </Space>
      <Table<Store>
        rowKey="id"
        size="middle"
        dataSource={[...record.stores]}
        pagination={false}
        locale={{ emptyText: '尚未添加门店或经营场所' }}
        columns={[
          { title: LABELS.name, render: (_: unknown, s) => <Typography.Text strong>{s.name}</Typography.Text> },
          { title: LABELS.kind, dataIndex: 'kind', width: 100 },
          { title: LABELS.address, render: (_: unknown, s) => orDash(s.address) },
          { title: LABELS.district, width: 110, render: (_: unknown, s) => orDash(s.district) },
          {
            title: LABELS.operatingSince,
            width: 200,
            render: (_: unknown, s) => (s.operatingSince ? `${s.operatingSince}${s.operatingSince <= today ? `（${describeSpan(s.operatingSince, today)}）` : ''}` : '—'),
          },
          { title: LABELS.floorAreaSqm, width: 120, align: 'right', render: (_: unknown, s) => orDash(s.floorAreaSqm) },
          {
            title: '操作',
            width: 132,
            render: (_: unknown, s) => (
              <Space size={0}>
                <Button type="text" aria-label={`编辑${s.name}`} icon={<EditOutlined />} onClick={() => editor.open(s.id)} />
                <HistoryButton name={s.name} onClick={() => history.open({ kind: 'record', table: 'stores', entityId: s.id, title: `修改记录：${s.name}` })} />
                <Popconfirm
                  title={`删除“${s.name}”？`}
                  description="引用此门店的人员、许可证和事件将不再关联门店。"
                  okText="删除"
                  cancelText="取消"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => removeChild('stores', s.id, `门店与场所“${s.name}”`)}
                >
                  <Button type="text" danger aria-label={`删除${s.name}`} icon={<DeleteOutlined />} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editor.editing !== null && <StoreFormModal record={record} editing={editor.editing} onClose={editor.close} />}
      {history.drawer}
    </>
  );
}

type StoreFormValues = Omit<Store, 'id' | 'companyId'>;

function StoreFormModal({ record, editing, onClose }: { readonly record: CompanyRecord; readonly editing: string; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const existing = editing === 'new' ? undefined : record.stores.find((s) => s.id === editing);
  if (editing !== 'new' && !existing) return null;
  const initial: StoreFormValues = existing
    ? { name: existing.name, kind: existing.kind, address: existing.address, district: existing.district, operatingSince: existing.operatingSince, floorAreaSqm: existing.floorAreaSqm, note: existing.note }
    : { name: '', kind: '门店', address: '', district: record.company.district, operatingSince: null, floorAreaSqm: null, note: '' };

  const submit = async (values: StoreFormValues) => {
    await repositories.saveStore({ ...values, name: values.name.trim(), address: values.address.trim(), id: existing?.id, companyId: record.company.id });
  };

  return (
    <FormModal<StoreFormValues>
      title={existing ? `编辑：${existing.name}` : '添加门店/场所'}
      draftKey={childDraftKey('store', record.company.id, editing)}
      initialValues={initial}
      onSubmit={submit}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item name="name" label={LABELS.name} rules={[requiredRule('请填写名称')]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="kind" label={LABELS.kind} rules={[{ required: true, message: '请选择类型' }]}>
            <Select options={STORE_KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="address" label={LABELS.address}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="district" label={LABELS.district}>
            <Select allowClear options={DISTRICTS.map((d) => ({ value: d, label: d }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="operatingSince" label={LABELS.operatingSince} rules={[validDateRule('开始经营日期'), notAfterTodayRule('开始经营日期')]}>
            <FormDateInput />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="floorAreaSqm" label={LABELS.floorAreaSqm} rules={[nonNegativeNumberRule('面积')]}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="note" label={LABELS.note}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
