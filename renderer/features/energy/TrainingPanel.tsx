import { DeleteOutlined, EditOutlined, PlusOutlined, UserOutlined } from '../../components/icons';
import { errorMessage } from '../../components/failureDialog';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { energyDutyFindings, ENERGY_POLICY_DOCUMENT_TITLE, ENERGY_TRAINING_DUTY } from '../../../shared/energy/duties';
import { energyTrainingSchema, type EnergyTraining } from '../../../shared/energy/ledger';
import { FormDateInput } from '../../components/DateInput';
import { nonNegativeNumberRule, validDateRule } from '../../components/fieldRules';
import { useRepositories } from '../../storage/repositories';
import { newId } from '../../storage/newId';
import { EvidenceField, EvidenceLink, NO_EVIDENCE, type EvidenceValue } from './EvidenceField';
import { passesFieldRules } from './formRules';

export const ENERGY_MANAGER_ROLE = '能源管理负责人';

/** The person's record on the company page, with its editor open. */
function personHref(companyId: string, personId: string): string {
  return `#/companies/${encodeURIComponent(companyId)}?tab=people&edit=${encodeURIComponent(`person:${personId}`)}`;
}

/**
 * 能源管理负责人 and their 节能培训 records (方案 八、). The text sets no hours or frequency, so
 * nothing is judged but presence: a manager on file, a training in the year.
 */
export function TrainingPanel({ record, year, personFilter, onPersonFilter }: {
  readonly record: CompanyRecord;
  readonly year: number;
  readonly personFilter: string | null;
  readonly onPersonFilter: (personId: string | null) => void;
}) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<EnergyTraining | 'new' | null>(null);
  const trainings = record.energyTrainings ?? [];
  const managers = record.people.filter((p) => p.roles.includes(ENERGY_MANAGER_ROLE));
  const findings = energyDutyFindings(record, trainings, year);
  const shown = [...trainings].filter((t) => personFilter === null || t.personId === personFilter).sort((a, b) => b.date.localeCompare(a.date));
  const personName = (id: string) => record.people.find((p) => p.id === id)?.name ?? `（人员 ${id} 不存在）`;

  const remove = async (t: EnergyTraining) => {
    await repositories.deleteEnergyTraining(t.id);
    void message.success(`已删除培训记录“${t.course}”`);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={ENERGY_TRAINING_DUTY.title}>
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          《{ENERGY_POLICY_DOCUMENT_TITLE}》{ENERGY_TRAINING_DUTY.citation.ref}：“{ENERGY_TRAINING_DUTY.citation.quote}”
        </Typography.Paragraph>
        <Typography.Text type="secondary">{ENERGY_TRAINING_DUTY.note}</Typography.Text>
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>能源管理负责人：</Typography.Text>
          {managers.length === 0 ? (
            <Typography.Text type="warning">未登记（在企业的“人员”中为负责人勾选岗位“能源管理负责人”）</Typography.Text>
          ) : (
            <Space wrap>
              {managers.map((p) => (
                <Space key={p.id} size={4}>
                  <a href={personHref(record.company.id, p.id)} aria-label={`查看人员记录：${p.name}`}><UserOutlined /> {p.name}</a>
                  {p.phone && <Typography.Text type="secondary">{p.phone}</Typography.Text>}
                  <Tag>{trainings.filter((t) => t.personId === p.id).length} 条培训</Tag>
                  <Button size="small" type="link" onClick={() => onPersonFilter(p.id)}>只看其培训</Button>
                </Space>
              ))}
            </Space>
          )}
        </div>
      </Card>
      {findings.map((f) => (
        <Alert key={`${f.code}-${f.entityId ?? ''}`} type={f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info'} showIcon title={f.message} />
      ))}
      <Card
        size="small"
        title={personFilter ? `${personName(personFilter)}的节能培训记录` : '节能培训记录'}
        extra={
          <Space>
            {personFilter && <Button size="small" onClick={() => onPersonFilter(null)}>显示全部人员</Button>}
            <Button size="small" type="primary" icon={<PlusOutlined />} disabled={record.people.length === 0} onClick={() => setEditing('new')}>添加培训记录</Button>
          </Space>
        }
      >
        <Table<EnergyTraining>
          size="small"
          rowKey="id"
          aria-label="节能培训记录"
          pagination={shown.length > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: record.people.length === 0 ? '请先在企业的“人员”中登记人员' : '尚无培训记录' }}
          dataSource={shown}
          columns={[
            { title: '姓名', dataIndex: 'personId', render: (id: string) => (record.people.some((p) => p.id === id) ? <a href={personHref(record.company.id, id)}>{personName(id)}</a> : <Typography.Text type="danger">{personName(id)}</Typography.Text>) },
            { title: '培训日期', dataIndex: 'date', width: 110 },
            { title: '培训名称', dataIndex: 'course' },
            { title: '学时', dataIndex: 'hours', align: 'right', width: 70, render: (h: number | null) => h ?? '—' },
            { title: '组织单位', dataIndex: 'organizer', render: (o: string) => o || '—' },
            { title: '证书', dataIndex: 'certificateDocumentId', width: 80, render: (id: string | null) => (id ? <EvidenceLink documentId={id} text="查看" /> : '—') },
            {
              title: '操作', width: 96, render: (_: unknown, t) => (
                <Space size={0}>
                  <Button type="text" aria-label={`编辑培训${t.course}`} icon={<EditOutlined />} onClick={() => setEditing(t)} />
                  <Popconfirm title={`删除培训记录“${t.course}”？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => { void remove(t).catch((e: unknown) => message.error(errorMessage(e))); }}>
                    <Button type="text" danger aria-label={`删除培训${t.course}`} icon={<DeleteOutlined />} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing !== null && (
        <TrainingFormModal record={record} editing={editing === 'new' ? null : editing} defaultPersonId={personFilter ?? managers[0]?.id ?? null} onClose={() => setEditing(null)} />
      )}
    </Space>
  );
}

interface TrainingFormValues {
  readonly personId: string | null;
  readonly date: string | null;
  readonly course: string;
  readonly hours: number | null;
  readonly organizer: string;
  readonly note: string;
}

function TrainingFormModal({ record, editing, defaultPersonId, onClose }: {
  readonly record: CompanyRecord;
  readonly editing: EnergyTraining | null;
  readonly defaultPersonId: string | null;
  readonly onClose: () => void;
}) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [form] = Form.useForm<TrainingFormValues>();
  const [evidence, setEvidence] = useState<EvidenceValue>(editing ? { documentId: editing.certificateDocumentId, pending: null } : NO_EVIDENCE);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const people = [...record.people].sort((a, b) => Number(b.roles.includes(ENERGY_MANAGER_ROLE)) - Number(a.roles.includes(ENERGY_MANAGER_ROLE)));

  const submit = async () => {
    if (!(await passesFieldRules(form))) return;
    const v = form.getFieldsValue(true) as TrainingFormValues;
    const parsed = energyTrainingSchema.safeParse({
      id: editing?.id ?? newId(), companyId: record.company.id, personId: v.personId ?? '', date: v.date ?? '', course: v.course.trim(),
      hours: v.hours, organizer: v.organizer.trim(), certificateDocumentId: evidence.documentId, note: v.note.trim(),
    });
    if (!parsed.success) {
      const labels: Record<string, string> = { personId: '请选择人员', date: '请填写培训日期（YYYY-MM-DD）' };
      form.setFields(parsed.error.issues.map((i) => {
        const name = String(i.path[0]) as keyof TrainingFormValues;
        return { name, errors: [labels[name] ?? i.message] };
      }));
      return;
    }
    setIsSaving(true);
    try {
      await repositories.saveEnergyTraining(parsed.data, evidence.pending);
      void message.success(`已保存培训记录“${parsed.data.course}”`);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal open title={editing ? '编辑培训记录' : '添加培训记录'} okText="保存" cancelText="取消" confirmLoading={isSaving} width={600} onOk={() => void submit()} onCancel={onClose}>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title="保存失败" description={error} />}
      <Form<TrainingFormValues>
        form={form}
        layout="vertical"
        initialValues={{
          personId: editing?.personId ?? defaultPersonId, date: editing?.date ?? null, course: editing?.course ?? '', hours: editing?.hours ?? null,
          organizer: editing?.organizer ?? '', note: editing?.note ?? '',
        }}
        onValuesChange={(changed: Partial<TrainingFormValues>) => form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof TrainingFormValues, errors: [] })))}
      >
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item name="personId" label="人员" style={{ flex: 1 }}>
            <Select options={people.map((p) => ({ value: p.id, label: `${p.name}${p.roles.includes(ENERGY_MANAGER_ROLE) ? '（能源管理负责人）' : ''}` }))} />
          </Form.Item>
          <Form.Item name="date" label="培训日期" style={{ width: 200 }} rules={[validDateRule('培训日期')]}>
            <FormDateInput />
          </Form.Item>
        </div>
        <Form.Item name="course" label="培训名称">
          <Input maxLength={200} placeholder="如：重点用能单位能源管理负责人节能培训" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item name="hours" label="学时（可选）" style={{ width: 160 }} rules={[nonNegativeNumberRule('学时')]}>
            <InputNumber aria-label="学时（可选）" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="organizer" label="组织单位" style={{ flex: 1 }}>
            <Input maxLength={200} />
          </Form.Item>
        </div>
        <Form.Item label="培训证书或证明">
          <EvidenceField companyId={record.company.id} value={evidence} onChange={setEvidence} label="添加证书" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
