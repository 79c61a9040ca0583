import { DeleteOutlined, EditOutlined, PlusOutlined } from '../../components/icons';
import { Button, Col, Form, Input, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { Licence } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { DOMAIN_FIELD_LABELS } from '../../../shared/domain/fieldLabels';
import { daysBetween, localIsoDate } from '../../../shared/domain/isoDate';
import { LICENCE_KINDS } from '../../../shared/domain/vocabulary';
import type { Finding } from '../../../shared/validation/recordFindings';
import { FormDateInput } from '../../components/DateInput';
import { orDash } from '../../components/display';
import { dateAfterFieldRule, requiredRule, validDateRule } from '../../components/fieldRules';
import { FindingTags } from '../../components/FindingTags';
import { FormModal } from '../../components/FormModal';
import { useRepositories } from '../../storage/repositories';
import { HistoryButton } from '../history/HistoryButton';
import { useHistoryDrawer } from '../history/useHistoryDrawer';
import { childDraftKey, useEditorParam } from './editorParam';
import { useDeleteChild } from './useDeleteChild';

const LABELS = DOMAIN_FIELD_LABELS.licences;

function LicenceStatus({ licence, today }: { readonly licence: Licence; readonly today: ReturnType<typeof localIsoDate> }) {
  if (licence.validTo === null) return <Tag>长期/未填到期日</Tag>;
  const days = daysBetween(today, licence.validTo);
  if (days < 0) return <Tag color="error">已过期 {-days} 天</Tag>;
  if (licence.validFrom !== null && daysBetween(today, licence.validFrom) > 0) return <Tag color="default">尚未生效</Tag>;
  return <Tag color="success">有效（剩 {days} 天）</Tag>;
}

export function licenceLabel(licence: Licence): string {
  return licence.kind === '其他' && licence.kindOther ? licence.kindOther : licence.kind;
}

export function LicencesTab({ record, findings }: { readonly record: CompanyRecord; readonly findings: ReadonlyMap<string, Finding[]> }) {
  const editor = useEditorParam('licence');
  const removeChild = useDeleteChild();
  const history = useHistoryDrawer(record);
  const today = localIsoDate(new Date());
  const storeName = (id: string | null) => (id === null ? '—' : (record.stores.find((s) => s.id === id)?.name ?? '—'));
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.open('new')}>添加许可证</Button>
      </Space>
      <Table<Licence>
        rowKey="id"
        size="middle"
        dataSource={[...record.licences].sort((a, b) => a.kind.localeCompare(b.kind, 'zh-CN'))}
        pagination={false}
        locale={{ emptyText: '尚未添加许可证或备案' }}
        columns={[
          {
            title: LABELS.kind,
            render: (_: unknown, l) => (
              <Space size={4}>
                <Typography.Text strong>{licenceLabel(l)}</Typography.Text>
                <FindingTags findings={findings.get(l.id)} />
              </Space>
            ),
          },
          { title: LABELS.number, dataIndex: 'number', render: (_: unknown, l) => <Typography.Text style={{ fontFamily: 'monospace' }}>{orDash(l.number)}</Typography.Text> },
          { title: LABELS.issuer, dataIndex: 'issuer', render: (_: unknown, l) => orDash(l.issuer) },
          { title: '有效期', width: 220, render: (_: unknown, l) => `${l.validFrom ?? '?'} 至 ${l.validTo ?? '长期'}` },
          { title: '状态', width: 150, render: (_: unknown, l) => <LicenceStatus licence={l} today={today} /> },
          { title: LABELS.storeId, width: 140, render: (_: unknown, l) => storeName(l.storeId) },
          {
            title: '操作',
            width: 132,
            render: (_: unknown, l) => (
              <Space size={0}>
                <Button type="text" aria-label={`编辑${licenceLabel(l)}`} icon={<EditOutlined />} onClick={() => editor.open(l.id)} />
                <HistoryButton name={licenceLabel(l)} onClick={() => history.open({ kind: 'record', table: 'licences', entityId: l.id, title: `修改记录：${licenceLabel(l)} ${l.number}`.trim() })} />
                <Popconfirm title={`删除“${licenceLabel(l)}”？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => removeChild('licences', l.id, `证照“${licenceLabel(l)}”`)}>
                  <Button type="text" danger aria-label={`删除${licenceLabel(l)}`} icon={<DeleteOutlined />} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editor.editing !== null && <LicenceFormModal record={record} editing={editor.editing} onClose={editor.close} />}
      {history.drawer}
    </>
  );
}

type LicenceFormValues = Omit<Licence, 'id' | 'companyId' | 'kind'> & { kind: Licence['kind'] | null };

const EMPTY_LICENCE: LicenceFormValues = { kind: null, kindOther: '', number: '', issuer: '', validFrom: null, validTo: null, storeId: null, note: '' };

function LicenceFormModal({ record, editing, onClose }: { readonly record: CompanyRecord; readonly editing: string; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const existing = editing === 'new' ? undefined : record.licences.find((l) => l.id === editing);
  if (editing !== 'new' && !existing) return null;
  const initial: LicenceFormValues = existing
    ? { kind: existing.kind, kindOther: existing.kindOther, number: existing.number, issuer: existing.issuer, validFrom: existing.validFrom, validTo: existing.validTo, storeId: existing.storeId, note: existing.note }
    : EMPTY_LICENCE;

  const submit = async (values: LicenceFormValues) => {
    if (values.kind === null) throw new Error('请选择许可证类型');
    await repositories.saveLicence({
      ...EMPTY_LICENCE,
      ...values,
      kind: values.kind,
      kindOther: values.kind === '其他' ? values.kindOther.trim() : '',
      number: values.number.trim(),
      issuer: values.issuer.trim(),
      id: existing?.id,
      companyId: record.company.id,
    });
  };

  return (
    <FormModal<LicenceFormValues>
      title={existing ? `编辑许可证：${licenceLabel(existing)}` : '添加许可证/备案'}
      draftKey={childDraftKey('licence', record.company.id, editing)}
      initialValues={initial}
      onSubmit={submit}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="kind" label={LABELS.kind} rules={[{ required: true, message: '请选择许可证类型' }]}>
            <Select showSearch options={LICENCE_KINDS.map((k) => ({ value: k, label: k }))} placeholder="请选择" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item noStyle dependencies={['kind']}>
            {({ getFieldValue }) =>
              getFieldValue('kind') === '其他' ? (
                <Form.Item name="kindOther" label={LABELS.kindOther} rules={[requiredRule('请填写许可证名称')]}>
                  <Input maxLength={100} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="number" label={LABELS.number}>
            <Input maxLength={100} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="issuer" label={LABELS.issuer}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="validFrom" label={LABELS.validFrom} rules={[validDateRule('有效期起')]}>
            <FormDateInput aria-label={LABELS.validFrom} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="validTo" label={LABELS.validTo} dependencies={['validFrom']} rules={[validDateRule('有效期止'), dateAfterFieldRule('validFrom', '有效期止应晚于有效期起')]}>
            <FormDateInput aria-label={LABELS.validTo} placeholder="长期有效可不填" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="storeId" label={LABELS.storeId}>
            <Select allowClear placeholder="企业整体" options={record.stores.map((s) => ({ value: s.id, label: s.name }))} />
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
