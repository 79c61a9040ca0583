import { DeleteOutlined, FileSearchOutlined, PlusOutlined } from '../../components/icons';
import { Alert, App, Button, Card, Checkbox, Col, Divider, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Person } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { CERTIFICATE_FIELD_LABELS, DOMAIN_FIELD_LABELS } from '../../../shared/domain/fieldLabels';
import { CERTIFICATE_KINDS, PERSON_ROLES } from '../../../shared/domain/vocabulary';
import { FormDateInput } from '../../components/DateInput';
import { dateAfterFieldRule, idNumberRules, notAfterTodayRule, phoneRule, requiredRule, validDateRule } from '../../components/fieldRules';
import { FormModal } from '../../components/FormModal';
import { useRepositories } from '../../storage/repositories';
import { childDraftKey } from './editorParam';
import { RecognizeScanDialog } from '../recognition/RecognizeScanDialog';
import { PERSON_TARGETS, personFormPatch, personSourceView, type PersonScanKind } from '../recognition/personRecognition';
import { changeSourceFor, type SourceNote } from '../recognition/recognitionReview';

const LABELS = DOMAIN_FIELD_LABELS.people;

type PersonFormValues = Omit<Person, 'id' | 'companyId'>;

const EMPTY_PERSON: PersonFormValues = {
  name: '', idNumber: '', roles: [], phone: '', storeId: null, practiceStoreId: null, certificates: [],
  contractStart: null, contractEnd: null, isContractOpenEnded: false, note: '',
};

export function PersonFormModal({ record, editing, onClose }: { readonly record: CompanyRecord; readonly editing: string; readonly onClose: () => void }) {
  const existing = editing === 'new' ? undefined : record.people.find((p) => p.id === editing);
  if (editing !== 'new' && !existing) return null;
  return <PersonForm record={record} existing={existing} editing={editing} onClose={onClose} />;
}

function PersonForm({ record, existing, editing, onClose }: { readonly record: CompanyRecord; readonly existing: Person | undefined; readonly editing: string; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [scanKind, setScanKind] = useState<PersonScanKind | null>(null);
  /** The scans the form was filled from: their history notes are written with the person. */
  const [recognised, setRecognised] = useState<readonly { readonly note: SourceNote; readonly notes: readonly string[] }[]>([]);
  const storeOptions = record.stores.map((s) => ({ value: s.id, label: `${s.name}（${s.kind}）` }));

  const submit = async (values: PersonFormValues) => {
    const save = () => repositories.savePerson({
      ...EMPTY_PERSON,
      ...values,
      name: values.name.trim(),
      idNumber: values.idNumber.trim().toUpperCase(),
      contractEnd: values.isContractOpenEnded ? null : values.contractEnd,
      certificates: values.certificates.map((c) => ({ ...c, number: c.number.trim(), issuer: c.issuer.trim() })),
      id: existing?.id,
      companyId: record.company.id,
    });
    const last = recognised.at(-1);
    if (last === undefined) {
      await save();
      return;
    }
    // One source per write: with two scans (ID card, then certificate) both notes are kept, the fields of each.
    await repositories.writeWithSource(['companies', 'people'], (table, row) => {
      if (table !== 'people') return null;
      const view = personSourceView(row);
      const sources = recognised.map((r) => changeSourceFor(r.note, view));
      return { text: sources.map((x) => x.text).join('；'), fields: sources.flatMap((x) => x.fields) };
    }, save);
  };

  const initial: PersonFormValues = existing ? { ...EMPTY_PERSON, ...withoutKeys(existing) } : EMPTY_PERSON;

  return (
    <FormModal<PersonFormValues>
      title={existing ? `编辑人员：${existing.name}` : '添加人员'}
      draftKey={childDraftKey('person', record.company.id, editing)}
      initialValues={initial}
      width={860}
      onSubmit={submit}
      onClose={onClose}
    >
      {(form) => (<>
      <Alert
        style={{ marginBottom: 16 }}
        type={recognised.length === 0 ? 'info' : 'success'}
        showIcon
        title={recognised.length === 0 ? '可从身份证或执业药师注册证扫描件识别，核对后填入表单' : `已按${recognised.map((r) => r.note.text.replace(/^来源：/, '')).join('、')}的结果填入，请核对后保存`}
        description={recognised.some((r) => r.notes.length > 0) ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{recognised.flatMap((r) => r.notes).map((n) => <li key={n}>{n}</li>)}</ul> : undefined}
        action={(
          <Space direction="vertical" size={4}>
            <Button size="small" icon={<FileSearchOutlined />} onClick={() => setScanKind('身份证')}>识别身份证</Button>
            <Button size="small" icon={<FileSearchOutlined />} onClick={() => setScanKind('执业药师注册证')}>识别执业药师注册证</Button>
          </Space>
        )}
      />
      {scanKind !== null && (
        <RecognizeScanDialog
          kind={scanKind}
          title={scanKind === '身份证' ? '识别身份证' : '识别执业药师注册证'}
          targets={PERSON_TARGETS[scanKind]}
          onClose={() => setScanKind(null)}
          onConfirm={({ values, note }) => {
            const current = (form.getFieldValue('certificates') as PersonFormValues['certificates'] | undefined) ?? [];
            const { patch, notes } = personFormPatch(values, current);
            form.setFieldsValue(patch);
            setRecognised((list) => [...list, { note, notes }]);
            void message.success('已填入识别结果，请核对后保存');
          }}
        />
      )}
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="name" label={LABELS.name} rules={[requiredRule('请填写姓名')]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="idNumber" label={LABELS.idNumber} rules={idNumberRules} normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}>
            <Input maxLength={32} style={{ fontFamily: 'monospace' }} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="phone" label={LABELS.phone} rules={[phoneRule]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="roles" label={`${LABELS.roles}（可多选）`}>
            <Select mode="multiple" allowClear placeholder="请选择岗位" options={PERSON_ROLES.map((r) => ({ value: r, label: r }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="storeId" label={LABELS.storeId}>
            <Select allowClear placeholder={storeOptions.length ? '请选择' : '请先在“门店与场所”中添加'} options={storeOptions} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="practiceStoreId" label={`${LABELS.practiceStoreId}（执业药师）`} tooltip="执业药师注册证上登记的执业单位，是本企业的哪个门店">
            <Select allowClear placeholder="未在本企业门店注册" options={storeOptions} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>劳动合同</Divider>
      <Row gutter={16} align="bottom">
        <Col span={8}>
          <Form.Item name="contractStart" label={LABELS.contractStart} rules={[validDateRule('合同起始日期')]}>
            <FormDateInput aria-label={LABELS.contractStart} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item noStyle dependencies={['isContractOpenEnded']}>
            {({ getFieldValue }) => (
              <Form.Item
                name="contractEnd"
                label={LABELS.contractEnd}
                dependencies={['contractStart']}
                rules={[validDateRule('合同终止日期'), dateAfterFieldRule('contractStart', '劳动合同终止日期应晚于起始日期')]}
              >
                <FormDateInput aria-label={LABELS.contractEnd} disabled={getFieldValue('isContractOpenEnded') === true} placeholder={getFieldValue('isContractOpenEnded') === true ? '无固定期限' : undefined} />
              </Form.Item>
            )}
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="isContractOpenEnded" valuePropName="checked">
            <Checkbox>{LABELS.isContractOpenEnded}</Checkbox>
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>资格证书</Divider>
      <Form.List name="certificates">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={<Typography.Text type="secondary">证书 {index + 1}</Typography.Text>}
                extra={<Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={`删除证书 ${index + 1}`} onClick={() => remove(field.name)} />}
              >
                <Row gutter={12}>
                  <Col span={10}>
                    <Form.Item name={[field.name, 'kind']} label={CERTIFICATE_FIELD_LABELS.kind} rules={[{ required: true, message: `请选择${CERTIFICATE_FIELD_LABELS.kind}` }]}>
                      <Select options={CERTIFICATE_KINDS.map((k) => ({ value: k, label: k }))} />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item name={[field.name, 'number']} label={CERTIFICATE_FIELD_LABELS.number}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item name={[field.name, 'issuer']} label={CERTIFICATE_FIELD_LABELS.issuer}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name={[field.name, 'issuedOn']} label={CERTIFICATE_FIELD_LABELS.issuedOn} rules={[validDateRule(CERTIFICATE_FIELD_LABELS.issuedOn), notAfterTodayRule(CERTIFICATE_FIELD_LABELS.issuedOn)]}>
                      <FormDateInput />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      name={[field.name, 'validTo']}
                      label={CERTIFICATE_FIELD_LABELS.validTo}
                      dependencies={[['certificates', field.name, 'issuedOn']]}
                      rules={[validDateRule('有效期'), dateAfterFieldRule(['certificates', field.name, 'issuedOn'], '有效期应晚于发证日期')]}
                    >
                      <FormDateInput placeholder="长期有效可不填" />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ kind: undefined, number: '', issuer: '', issuedOn: null, validTo: null })}>
              添加证书
            </Button>
          </>
        )}
      </Form.List>

      <Form.Item name="note" label={LABELS.note} style={{ marginTop: 16 }}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
      </Form.Item>
      </>)}
    </FormModal>
  );
}

function withoutKeys(person: Person): PersonFormValues {
  const { id: _id, companyId: _c, ...rest } = person;
  return rest;
}
