import { CalculatorOutlined } from '../../components/icons';
import { errorMessage } from '../../components/failureDialog';
import { Alert, AutoComplete, Button, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { GBT_2589_2020 } from '../../../shared/energy/coefficients';
import type { EnergySettings } from '../../../shared/energy/ledger';
import { BASE_UNITS } from '../../../shared/energy/units';
import { nonNegativeNumberRule } from '../../components/fieldRules';
import {
  checkCoefficientForm, checkDensityForm, coefficientFromHeatingValueField, coefficientTypeChoices, densityTypeChoices,
  initialCoefficientValues, initialDensityValues, type CoefficientFormValues, type DensityFormValues,
} from './coefficientSettingsFlow';
import { passesFieldRules } from './formRules';

/*
 * The two entry dialogs of 折标系数 (CoefficientSettings.tsx): a company's coefficient and an oil
 * density. Each checks through coefficientSettingsFlow.ts and hands the new settings to onSave;
 * a refusal stays beside its field, a failed save inside the dialog.
 */

/** 添加折标系数 / 编辑…折标系数: a measured coefficient, typed or computed from the lower heating value. */
export function CoefficientModal({ settings, index, onClose, onSave }: {
  readonly settings: EnergySettings;
  readonly index: number | null;
  readonly onClose: () => void;
  readonly onSave: (next: EnergySettings) => Promise<void>;
}) {
  const [form] = Form.useForm<CoefficientFormValues>();
  const [error, setError] = useState<string | null>(null);
  const current = index === null ? null : settings.coefficients[index] ?? null;
  const energyType = Form.useWatch('energyType', form) ?? current?.energyType ?? '';
  const typeOptions = coefficientTypeChoices(settings).map((t) => ({ value: t }));

  const submit = async () => {
    if (!(await passesFieldRules(form))) return;
    const check = checkCoefficientForm(settings, index, form.getFieldsValue(true) as CoefficientFormValues);
    if (!check.ok) {
      form.setFields(check.fields.map(({ name, errors }) => ({ name, errors: [...errors] })));
      return;
    }
    try {
      await onSave(check.settings);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const fromHeatingValue = () => {
    const computed = coefficientFromHeatingValueField(form.getFieldValue('heatingValue') as number | null);
    if (!computed.ok) {
      form.setFields([{ name: 'heatingValue', errors: [computed.message] }]);
      return;
    }
    form.setFieldValue('value', computed.value);
    form.setFields([{ name: 'value', errors: [] }]);
  };

  return (
    <Modal open title={current ? `编辑${current.energyType}折标系数` : '添加折标系数'} okText="保存" cancelText="取消" width={600} onOk={() => void submit()} onCancel={onClose}>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title="保存失败" description={error} />}
      <Form<CoefficientFormValues>
        form={form}
        layout="vertical"
        initialValues={initialCoefficientValues(current)}
        onValuesChange={(changed: Partial<CoefficientFormValues>) => form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof CoefficientFormValues, errors: [] })))}
      >
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item name="energyType" label="能源品种（可输入新品种，如液化石油气）" style={{ flex: 1 }} rules={[{ required: true, whitespace: true, message: '请填写能源品种' }]}>
            <AutoComplete options={typeOptions} />
          </Form.Item>
          <Form.Item name="perUnit" label="按何单位计" style={{ width: 140 }}>
            <Select options={BASE_UNITS.map((u) => ({ value: u, label: `kgce/${u}` }))} />
          </Form.Item>
        </div>
        {energyType.trim() === '电力' && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="电力只能填写等价值系数" description="电力当量值为 GB/T 2589-2020 规定的 0.1229 kgce/kWh（3 600 kJ/kWh），不能改为实测值；此处填写的系数仅在电力折标口径选“等价值”时使用。" />
        )}
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-end' }}>
          <Form.Item name="value" label="折标系数（kgce/单位）" style={{ flex: 1 }} rules={[nonNegativeNumberRule('折标系数')]}>
            <InputNumber aria-label="折标系数（kgce/单位）" step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="heatingValue" label="或由低位发热量计算（kJ/单位）" style={{ flex: 1 }} rules={[nonNegativeNumberRule('低位发热量')]}>
            <InputNumber aria-label="或由低位发热量计算（kJ/单位）" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item>
            <Button icon={<CalculatorOutlined />} onClick={fromHeatingValue}>计算</Button>
          </Form.Item>
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>折标系数 = 低位发热量 ÷ 29 307 kJ/kgce（{GBT_2589_2020.standard.code} 标准煤定义）。</Typography.Paragraph>
        <Form.Item name="source" label="来源">
          <Radio.Group options={[{ value: '企业实测', label: '企业实测' }, { value: '其他依据', label: '其他依据' }]} />
        </Form.Item>
        <Form.Item name="reference" label="依据（必填）">
          <Input maxLength={300} placeholder="如：供气单位 2021 年热值单，低位发热量 34 500 kJ/m³" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 添加油品密度 / 编辑…密度: used when oil is entered by the litre. */
export function DensityModal({ settings, index, onClose, onSave }: {
  readonly settings: EnergySettings;
  readonly index: number | null;
  readonly onClose: () => void;
  readonly onSave: (next: EnergySettings) => Promise<void>;
}) {
  const [form] = Form.useForm<DensityFormValues>();
  const [error, setError] = useState<string | null>(null);
  const current = index === null ? null : settings.densities[index] ?? null;

  const submit = async () => {
    if (!(await passesFieldRules(form))) return;
    const check = checkDensityForm(settings, index, form.getFieldsValue(true) as DensityFormValues);
    if (!check.ok) {
      form.setFields(check.fields.map(({ name, errors }) => ({ name, errors: [...errors] })));
      return;
    }
    try {
      await onSave(check.settings);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal open title={current ? `编辑${current.energyType}密度` : '添加油品密度'} okText="保存" cancelText="取消" onOk={() => void submit()} onCancel={onClose}>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title="保存失败" description={error} />}
      <Form<DensityFormValues>
        form={form}
        layout="vertical"
        initialValues={initialDensityValues(current)}
        onValuesChange={(changed: Partial<DensityFormValues>) => form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof DensityFormValues, errors: [] })))}
      >
        <Form.Item name="energyType" label="能源品种">
          <AutoComplete options={densityTypeChoices(settings).map((t) => ({ value: t }))} />
        </Form.Item>
        <Form.Item name="kgPerL" label="密度（kg/L）" rules={[nonNegativeNumberRule('密度')]}>
          <InputNumber aria-label="密度（kg/L）" step={0.01} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reference" label="依据（必填）">
          <Input maxLength={300} placeholder="如：油品检验单 0.84 kg/L" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
