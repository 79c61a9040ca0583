import { Alert, App, Button, Col, Divider, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { useState } from 'react';
import type { Company } from '../../../shared/domain/company';
import { DOMAIN_FIELD_LABELS } from '../../../shared/domain/fieldLabels';
import { DISTRICTS, ENTITY_TYPES } from '../../../shared/domain/vocabulary';
import { FormDateInput } from '../../components/DateInput';
import { emailRule, nonNegativeNumberRule, notAfterTodayRule, phoneRule, requiredRule, usccRules, validDateRule } from '../../components/fieldRules';
import { FormModal } from '../../components/FormModal';
import { blankCompanyInput } from '../../storage/companyRepository';
import { useRepositories } from '../../storage/repositories';
import { FileSearchOutlined } from '../../components/icons';
import { RecognizeScanDialog } from '../recognition/RecognizeScanDialog';
import { changeSourceFor, COMPANY_TARGETS, type SourceNote } from '../recognition/recognitionReview';
import { companyToFormValues, emptyCompanyFormValues, formValuesToCompanyInput, type CompanyFormValues } from './companyForm';
import { companyFormPatch } from './companyRecognition';

const LABELS = DOMAIN_FIELD_LABELS.companies;

export interface CompanyFormModalProps {
  /** Absent: create a new company. */
  readonly company?: Company;
  readonly onClose: () => void;
  readonly onSaved?: (company: Company) => void;
}

function companyDraftKey(companyId: string | undefined): string {
  return `company:${companyId ?? 'new'}`;
}

export function CompanyFormModal({ company, onClose, onSaved }: CompanyFormModalProps) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [isRecognising, setIsRecognising] = useState(false);
  /** The 营业执照 the form was filled from: its history note is written with the company. */
  const [recognised, setRecognised] = useState<{ readonly note: SourceNote; readonly notes: readonly string[] } | null>(null);

  const submit = async (values: CompanyFormValues) => {
    if (company) {
      const { id: _id, createdAt: _c, updatedAt: _u, ...base } = company;
      const saved = await repositories.updateCompany({ ...company, ...formValuesToCompanyInput(values, base) });
      onSaved?.(saved);
    } else {
      const input = formValuesToCompanyInput(values, blankCompanyInput());
      const note = recognised?.note;
      const saved = note === undefined
        ? await repositories.createCompany(input)
        : await repositories.writeWithSource(['companies'], (table, row) => (table === 'companies' ? changeSourceFor(note, row) : null), () => repositories.createCompany(input));
      onSaved?.(saved);
    }
  };

  return (
    <FormModal<CompanyFormValues>
      title={company ? `编辑企业：${company.name}` : '新建企业'}
      draftKey={companyDraftKey(company?.id)}
      initialValues={company ? companyToFormValues(company) : emptyCompanyFormValues()}
      width={880}
      onSubmit={submit}
      onClose={onClose}
    >
      {(form) => (<>
      {!company && (
        <Alert
          style={{ marginBottom: 16 }}
          type={recognised === null ? 'info' : 'success'}
          showIcon
          title={recognised === null ? '可从营业执照扫描件识别登记信息，核对后填入下方表单' : `已按${recognised.note.text.replace(/^来源：/, '')}的结果填入，请核对后保存`}
          description={recognised !== null && recognised.notes.length > 0 ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{recognised.notes.map((n) => <li key={n}>{n}</li>)}</ul> : undefined}
          action={<Button size="small" icon={<FileSearchOutlined />} onClick={() => setIsRecognising(true)}>从营业执照识别</Button>}
        />
      )}
      {isRecognising && (
        <RecognizeScanDialog
          kind="营业执照"
          title="从营业执照识别"
          targets={COMPANY_TARGETS}
          onClose={() => setIsRecognising(false)}
          onConfirm={({ values, note }) => {
            const { patch, notes } = companyFormPatch(values);
            form.setFieldsValue(patch);
            setRecognised({ note, notes });
            void message.success('已填入识别结果，请核对后保存');
          }}
        />
      )}
      <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>登记信息（以营业执照为准）</Divider>
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item name="name" label={LABELS.name} rules={[requiredRule('请填写企业名称'), { max: 200, message: '企业名称不超过 200 字' }]}>
            <Input placeholder="营业执照上的全称" maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="uscc" label={LABELS.uscc} rules={usccRules} normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}>
            <Input placeholder="18 位" maxLength={32} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="legalRepresentative" label={LABELS.legalRepresentative}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="entityType" label={LABELS.entityType}>
            <Select allowClear placeholder="请选择" options={ENTITY_TYPES.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="establishedOn" label={LABELS.establishedOn} rules={[validDateRule('成立日期'), notAfterTodayRule('成立日期')]}>
            <FormDateInput aria-label={LABELS.establishedOn} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="registeredAddress" label={LABELS.registeredAddress}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="district" label={LABELS.district}>
            <Select allowClear showSearch placeholder="请选择" options={DISTRICTS.map((d) => ({ value: d, label: d }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="industryCode" label={LABELS.industryCode} tooltip="国民经济行业分类（GB/T 4754-2017），如 F5251" rules={[{ pattern: /^[A-Ta-t]?\d{0,4}$/, message: '行业代码应为门类字母加最多 4 位数字，如 F5251' }]}>
            <Input maxLength={10} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="industryName" label={LABELS.industryName}>
            <Input maxLength={100} placeholder="如 药品零售" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="businessScope" label={LABELS.businessScope}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} showCount />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="freeTradeZone" label={LABELS.isInFreeTradeZone}>
            <Radio.Group
              options={[
                { value: 'yes', label: '是' },
                { value: 'no', label: '否' },
                { value: 'unknown', label: '未知' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>经营规模（上一完整年度）</Divider>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="employeeCount" label={LABELS.employeeCount} rules={[nonNegativeNumberRule('从业人员', { isInteger: true })]}>
            <InputNumber aria-label={LABELS.employeeCount} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="annualRevenueWanYuan" label={LABELS.annualRevenueWanYuan} rules={[nonNegativeNumberRule('营业收入')]}>
            <InputNumber aria-label={LABELS.annualRevenueWanYuan} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="totalAssetsWanYuan" label={LABELS.totalAssetsWanYuan} rules={[nonNegativeNumberRule('资产总额')]}>
            <InputNumber aria-label={LABELS.totalAssetsWanYuan} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>联系方式</Divider>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="contactPerson" label={LABELS.contactPerson}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="contactPhone" label={LABELS.contactPhone} rules={[phoneRule]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="email" label={LABELS.email} rules={[emailRule]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="note" label={LABELS.note}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
          </Form.Item>
        </Col>
      </Row>
      </>)}
    </FormModal>
  );
}
