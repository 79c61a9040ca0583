import { DeleteOutlined, EditOutlined, PlusOutlined } from '../../components/icons';
import { Button, Col, Form, Input, Popconfirm, Row, Select, Space, Table, Typography } from 'antd';
import type { CompanyEvent } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { DOMAIN_FIELD_LABELS } from '../../../shared/domain/fieldLabels';
import { EVENT_KINDS, EVENT_KIND_KEYS, type EventKind } from '../../../shared/domain/vocabulary';
import { FormDateInput } from '../../components/DateInput';
import { validDateRule } from '../../components/fieldRules';
import { orDash } from '../../components/display';
import { FormModal } from '../../components/FormModal';
import { useRepositories } from '../../storage/repositories';
import { HistoryButton } from '../history/HistoryButton';
import { useHistoryDrawer } from '../history/useHistoryDrawer';
import { childDraftKey, useEditorParam } from './editorParam';
import { useDeleteChild } from './useDeleteChild';
import { licenceLabel } from './LicencesTab';

const LABELS = DOMAIN_FIELD_LABELS.events;

/** Everything an event can be about, labelled for a picker. */
function subjectOptions(record: CompanyRecord) {
  return [
    { label: '门店与场所', options: record.stores.map((s) => ({ value: s.id, label: s.name })) },
    { label: '许可证', options: record.licences.map((l) => ({ value: l.id, label: `${licenceLabel(l)} ${l.number}`.trim() })) },
    { label: '人员', options: record.people.map((p) => ({ value: p.id, label: p.name })) },
    { label: '车辆', options: record.vehicles.map((v) => ({ value: v.id, label: v.plate })) },
  ].filter((group) => group.options.length > 0);
}

export function EventsTab({ record }: { readonly record: CompanyRecord }) {
  const editor = useEditorParam('event');
  const removeChild = useDeleteChild();
  const history = useHistoryDrawer(record);
  const subjectName = (id: string | null): string => {
    if (id === null) return '—';
    const all = subjectOptions(record).flatMap((g) => g.options);
    return all.find((o) => o.value === id)?.label ?? '（已删除）';
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.open('new')}>记录事件</Button>
        <Typography.Text type="secondary">开业、备案、变更、申请等日期会用于计算办理期限。</Typography.Text>
      </Space>
      <Table<CompanyEvent>
        rowKey="id"
        size="middle"
        dataSource={[...record.events].sort((a, b) => b.date.localeCompare(a.date))}
        pagination={record.events.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
        locale={{ emptyText: '尚未记录事件' }}
        columns={[
          { title: LABELS.date, dataIndex: 'date', width: 120 },
          { title: LABELS.kind, dataIndex: 'kind', width: 180, render: (_: unknown, e) => <Typography.Text strong>{EVENT_KINDS[e.kind]}</Typography.Text> },
          { title: LABELS.subjectId, width: 200, render: (_: unknown, e) => subjectName(e.subjectId) },
          { title: LABELS.note, render: (_: unknown, e) => orDash(e.note) },
          {
            title: '操作',
            width: 132,
            render: (_: unknown, e) => (
              <Space size={0}>
                <Button type="text" aria-label={`编辑${e.date}${EVENT_KINDS[e.kind]}`} icon={<EditOutlined />} onClick={() => editor.open(e.id)} />
                <HistoryButton name={`${e.date}${EVENT_KINDS[e.kind]}`} onClick={() => history.open({ kind: 'record', table: 'events', entityId: e.id, title: `修改记录：${e.date} ${EVENT_KINDS[e.kind]}` })} />
                <Popconfirm title="删除这条事件记录？" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => removeChild('events', e.id, '这条事件记录')}>
                  <Button type="text" danger aria-label={`删除${e.date}${EVENT_KINDS[e.kind]}`} icon={<DeleteOutlined />} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editor.editing !== null && <EventFormModal record={record} editing={editor.editing} onClose={editor.close} />}
      {history.drawer}
    </>
  );
}

interface EventFormValues {
  kind: EventKind | null;
  date: CompanyEvent['date'] | null;
  subjectId: string | null;
  note: string;
}

function EventFormModal({ record, editing, onClose }: { readonly record: CompanyRecord; readonly editing: string; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const existing = editing === 'new' ? undefined : record.events.find((e) => e.id === editing);
  if (editing !== 'new' && !existing) return null;
  const initial: EventFormValues = existing
    ? { kind: existing.kind, date: existing.date, subjectId: existing.subjectId, note: existing.note }
    : { kind: null, date: null, subjectId: null, note: '' };

  const submit = async (values: EventFormValues) => {
    if (values.kind === null || values.date === null) throw new Error('请填写事件类型和日期');
    await repositories.saveEvent({ kind: values.kind, date: values.date, subjectId: values.subjectId ?? null, note: values.note.trim(), id: existing?.id, companyId: record.company.id });
  };

  return (
    <FormModal<EventFormValues>
      title={existing ? '编辑事件' : '记录事件'}
      draftKey={childDraftKey('event', record.company.id, editing)}
      initialValues={initial}
      width={640}
      onSubmit={submit}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item name="kind" label={LABELS.kind} rules={[{ required: true, message: '请选择事件类型' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={EVENT_KIND_KEYS.map((k) => ({ value: k, label: EVENT_KINDS[k] }))} placeholder="请选择" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="date" label={LABELS.date} rules={[{ required: true, message: '请填写日期' }, validDateRule('日期')]}>
            <FormDateInput aria-label={`事件${LABELS.date}`} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="subjectId" label={`${LABELS.subjectId}的门店、许可证、人员或车辆`}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="整个企业" options={subjectOptions(record)} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="note" label={LABELS.note} tooltip="如主管部门告知的办理时限、文号">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
