import { DeleteOutlined } from '../../components/icons';
import { errorMessage } from '../../components/failureDialog';
import { Alert, App, Button, Checkbox, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import { checkReadingEntry, READING_FIELD_LABELS, type EntryIssue, type OutlierFlag, type ReadingField } from '../../../shared/energy/checks';
import { resolveConversion } from '../../../shared/energy/coefficients';
import { BUILTIN_ENERGY_TYPES, isBuiltinEnergyType, UNITS_BY_ENERGY_TYPE } from '../../../shared/energy/energyTypes';
import {
  computeTce, customEnergyTypes, type CoefficientSnapshot, type ConversionSnapshot, type EnergyReading, type EnergySettings,
} from '../../../shared/energy/ledger';
import { ENERGY_UNITS, isEnergyUnit, parseEnergyUnit, unitLabel } from '../../../shared/energy/units';
import { useRepositories } from '../../storage/repositories';
import { EnergyStorageError } from '../../storage/energyRepository';
import { newId } from '../../storage/newId';
import { currentLedgerMonth, COMPANY_WIDE_KEY, COMPANY_WIDE_LABEL, formatAmount, formatTce } from './energyModel';
import { EvidenceField, NO_EVIDENCE, type EvidenceValue } from './EvidenceField';
import { MonthInput } from './MonthInput';

export interface ReadingFormValues {
  readonly siteKey: string;
  readonly month: string;
  readonly energyType: string;
  readonly unit: string;
  /** Text as typed, so "12吨" reaches the check and is refused with a message instead of vanishing. */
  readonly amount: string;
  readonly isItEquipment: boolean;
  readonly note: string;
}

const FORM_FIELD: Readonly<Record<ReadingField, keyof ReadingFormValues>> = {
  siteId: 'siteKey', month: 'month', energyType: 'energyType', amount: 'amount', unit: 'unit', isItEquipment: 'isItEquipment', note: 'note',
};

export interface ReadingFormProps {
  readonly record: CompanyRecord;
  readonly settings: EnergySettings;
  /** The stored reading being edited, or null for a new one. */
  readonly editing: EnergyReading | null;
  /** Prefill of a new entry (the page's site and the clicked month). */
  readonly defaults?: Partial<Pick<ReadingFormValues, 'siteKey' | 'month' | 'energyType' | 'unit' | 'isItEquipment'>>;
  /** The user's local date: months after the current one are refused. */
  readonly today: IsoDate;
  readonly onClose: () => void;
}

function unitsFor(energyType: string): readonly string[] {
  return isBuiltinEnergyType(energyType) ? UNITS_BY_ENERGY_TYPE[energyType] : ENERGY_UNITS;
}

function describeCoefficient(c: CoefficientSnapshot): string {
  // The standard's references already name it; a measured value's says what it rests on.
  const origin = c.reference.startsWith(c.source) ? c.reference : `${c.source}：${c.reference}`;
  return `${c.value} ${c.unit}${c.basis ? `（${c.basis}）` : ''}，${origin}`;
}

function isSameEntry(reading: EnergyReading, v: ReadingFormValues): boolean {
  return (reading.siteId ?? COMPANY_WIDE_KEY) === v.siteKey && reading.month === v.month && reading.energyType === v.energyType &&
    reading.unit === v.unit && Number(v.amount.replace(/[,，\s]/g, '')) === reading.amount;
}

/** What the preview shows under the amount: how the entry converts to tce. */
function ConversionPreview({ values, settings, editing }: { readonly values: Partial<ReadingFormValues>; readonly settings: EnergySettings; readonly editing: EnergyReading | null }) {
  const energyType = values.energyType ?? '';
  const unitText = values.unit ?? '';
  if (energyType === '' || unitText === '') return <Typography.Text type="secondary">选择能源品种和单位后显示折标系数。</Typography.Text>;
  const unit = isEnergyUnit(unitText) ? unitText : parseEnergyUnit(unitText);
  if (unit === null) return null;
  const keepsSnapshot = editing !== null && editing.energyType === energyType && editing.unit === unit;
  const resolved = resolveConversion(energyType, unit, settings);
  let conversion: ConversionSnapshot;
  let coefficient: CoefficientSnapshot;
  if (keepsSnapshot) {
    conversion = editing.conversion;
    coefficient = editing.coefficient;
  } else if (resolved.ok) {
    conversion = resolved.value.conversion;
    coefficient = resolved.value.coefficient;
  } else {
    return <Alert type="warning" showIcon title="无法折算为吨标准煤" description={resolved.error.message} />;
  }
  const amount = Number((values.amount ?? '').replace(/[,，\s]/g, ''));
  const hasAmount = (values.amount ?? '').trim() !== '' && Number.isFinite(amount) && amount >= 0;
  const isDifferentNow = keepsSnapshot && resolved.ok && resolved.value.coefficient.value !== coefficient.value;
  return (
    <Descriptions size="small" column={1} bordered aria-label="折算预览" styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}>
      <Descriptions.Item label="折标系数">{describeCoefficient(coefficient)}</Descriptions.Item>
      <Descriptions.Item label="单位换算">{conversion.reference}</Descriptions.Item>
      <Descriptions.Item label="折标准煤">
        {hasAmount ? `${formatTce(computeTce(amount, conversion, coefficient))} tce` : '—'}
        {values.isItEquipment && <Typography.Text type="secondary">（IT 设备用电只用于 PUE，不计入综合能耗）</Typography.Text>}
      </Descriptions.Item>
      {keepsSnapshot && (
        <Descriptions.Item label="说明">
          沿用该记录保存时的系数，修改用量不会改用新系数。
          {isDifferentNow && resolved.ok && `当前设置的系数为 ${resolved.value.coefficient.value} ${resolved.value.coefficient.unit}，如需改用，请在“折标系数”中执行“重新计算历史月份”。`}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/**
 * Entry and correction of one monthly reading. Every check is the domain's (checkReadingEntry):
 * refused fields get their Chinese message beside them, a duplicate month is refused on the month
 * field, and an amount ten times off its neighbours asks for confirmation before it is stored.
 */
export function ReadingFormModal({ record, settings, editing, defaults, today, onClose }: ReadingFormProps) {
  const repositories = useRepositories();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<ReadingFormValues>();
  const values = Form.useWatch([], form) as Partial<ReadingFormValues> | undefined;
  const [isSaving, setIsSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [evidence, setEvidence] = useState<EvidenceValue>(editing ? { documentId: editing.documentId, pending: null } : NO_EVIDENCE);
  const companyId = record.company.id;
  const currentMonth = currentLedgerMonth(today);

  const initialValues = useMemo<ReadingFormValues>(() => {
    if (editing) {
      return {
        siteKey: editing.siteId ?? COMPANY_WIDE_KEY, month: editing.month, energyType: editing.energyType, unit: editing.unit,
        amount: String(editing.amount), isItEquipment: editing.isItEquipment, note: editing.note,
      };
    }
    const energyType = defaults?.energyType ?? '电力';
    return {
      siteKey: defaults?.siteKey ?? COMPANY_WIDE_KEY, month: defaults?.month ?? '', energyType,
      unit: defaults?.unit ?? unitsFor(energyType)[0] ?? '', amount: '', isItEquipment: defaults?.isItEquipment ?? false, note: '',
    };
  }, [editing, defaults]);

  const typeOptions = useMemo(() => {
    const custom = customEnergyTypes(settings, BUILTIN_ENERGY_TYPES);
    const types = [...BUILTIN_ENERGY_TYPES, ...custom];
    if (editing && !types.includes(editing.energyType)) types.push(editing.energyType);
    return types.map((t) => ({ value: t, label: t }));
  }, [settings, editing]);

  const siteKey = values?.siteKey ?? initialValues.siteKey;
  const energyType = values?.energyType ?? initialValues.energyType;
  const site = record.stores.find((s) => s.id === siteKey);
  const canBeIt = site?.kind === '数据中心' && energyType === '电力';

  const showIssues = (issues: readonly EntryIssue[]) => {
    const byField = new Map<keyof ReadingFormValues, string[]>();
    for (const i of issues) byField.set(FORM_FIELD[i.field], [...(byField.get(FORM_FIELD[i.field]) ?? []), i.message]);
    form.setFields([...byField.entries()].map(([name, errors]) => ({ name, errors })));
  };

  const store = async (reading: EnergyReading) => {
    setIsSaving(true);
    setSaveError(null);
    try {
      await repositories.saveEnergyReading(reading, evidence.pending);
      void message.success(`已保存 ${reading.month} ${reading.energyType}${reading.isItEquipment ? '（IT 设备）' : ''}：${formatAmount(reading.amount)} ${reading.unit}`);
      onClose();
    } catch (e) {
      const text = errorMessage(e);
      // Another window may have stored the month meanwhile: the same refusal, in the same place.
      if (e instanceof EnergyStorageError && text.includes('不能重复录入')) form.setFields([{ name: 'month', errors: [`${READING_FIELD_LABELS.month}：${text}`] }]);
      else setSaveError(text);
    } finally {
      setIsSaving(false);
    }
  };

  const confirmOutliers = (reading: EnergyReading, outliers: readonly OutlierFlag[]) => {
    modal.confirm({
      title: '用量与相邻月份相差 10 倍以上',
      width: 560,
      content: (
        <Space orientation="vertical">
          {outliers.map((o) => <Typography.Text key={`${o.neighbourReadingId}`}>{o.message}</Typography.Text>)}
          <Typography.Text type="secondary">常见原因：单位选错（kWh 与 万kWh）、小数点位置、抄表周期跨月。确认无误的异常值会被标记，不再提示。</Typography.Text>
        </Space>
      ),
      okText: '确认无误，保存',
      cancelText: '返回修改',
      onOk: () => store({ ...reading, confirmedOutlier: true }),
      onCancel: () => form.setFields([{ name: 'amount', errors: outliers.map((o) => o.message) }]),
    });
  };

  const submit = () => {
    const v = { ...initialValues, ...form.getFieldsValue(true) } as ReadingFormValues;
    const check = checkReadingEntry(
      {
        id: editing?.id ?? null,
        siteId: v.siteKey === COMPANY_WIDE_KEY ? null : v.siteKey,
        month: v.month,
        energyType: v.energyType,
        amount: v.amount,
        unit: v.unit,
        isItEquipment: canBeIt && v.isItEquipment,
        documentId: evidence.documentId,
        note: v.note,
        // A confirmed exception stays confirmed while the values it was confirmed for are unchanged.
        confirmedOutlier: editing !== null && editing.confirmedOutlier && isSameEntry(editing, v),
      },
      {
        companyId, stores: record.stores, existing: record.energyReadings ?? [], settings, newId,
        entryMethod: editing?.entryMethod ?? '手工录入', currentMonth,
      },
    );
    if (check.status === 'refused') {
      showIssues(check.issues);
      return;
    }
    let reading = check.reading;
    // A correction keeps the coefficient the month was computed with (see ConversionPreview).
    if (editing && editing.energyType === reading.energyType && editing.unit === reading.unit) {
      reading = { ...reading, conversion: editing.conversion, coefficient: editing.coefficient, tce: computeTce(reading.amount, editing.conversion, editing.coefficient) };
    }
    if (check.status === 'needsConfirmation') confirmOutliers(reading, check.outliers);
    else void store(reading);
  };

  const remove = async () => {
    if (!editing) return;
    await repositories.deleteEnergyReading(editing.id);
    void message.success(`已删除 ${editing.month} ${editing.energyType}`);
    onClose();
  };

  return (
    <Modal
      open
      title={editing ? `编辑 ${editing.month} ${editing.energyType}${editing.isItEquipment ? '（IT 设备）' : ''}` : '录入月度用量'}
      width={680}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>
            {editing && (
              <Popconfirm title="删除这条台账记录？" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => { void remove().catch((e: unknown) => setSaveError(errorMessage(e))); }}>
                <Button danger icon={<DeleteOutlined />}>删除</Button>
              </Popconfirm>
            )}
          </span>
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={isSaving} onClick={submit}>保存</Button>
          </Space>
        </Space>
      }
    >
      {saveError !== null && <Alert style={{ marginBottom: 16 }} type="error" showIcon title="保存失败" description={saveError} />}
      {editing?.entryMethod === '表格导入' && <Alert style={{ marginBottom: 16 }} type="info" showIcon title="该记录由表格导入" />}
      <Form<ReadingFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={(changed: Partial<ReadingFormValues>) => {
          // A message belongs to the value it judged: clear it once that value changes.
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof ReadingFormValues, errors: [] })));
          if (changed.energyType !== undefined) {
            const allowed = unitsFor(changed.energyType);
            if (!allowed.includes(form.getFieldValue('unit') as string)) form.setFieldValue('unit', allowed[0] ?? '');
          }
          setSaveError(null);
        }}
      >
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item name="siteKey" label="场所" style={{ flex: 1 }}>
            <Select
              options={[{ value: COMPANY_WIDE_KEY, label: COMPANY_WIDE_LABEL }, ...record.stores.map((s) => ({ value: s.id, label: `${s.name}（${s.kind}）` }))]}
            />
          </Form.Item>
          <Form.Item name="month" label="月份" style={{ width: 200 }}>
            <MonthInput maxMonth={currentMonth} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item name="energyType" label="能源品种" style={{ width: 200 }}>
            <Select options={typeOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="amount" label="用量" style={{ flex: 1 }}>
            <Input inputMode="decimal" autoComplete="off" placeholder="如 12345.6" />
          </Form.Item>
          <Form.Item name="unit" label="单位" style={{ width: 180 }}>
            <Select options={unitsFor(energyType).map((u) => ({ value: u, label: isEnergyUnit(u) ? unitLabel(u) : u }))} />
          </Form.Item>
        </div>
        {canBeIt && (
          <Form.Item name="isItEquipment" valuePropName="checked" extra="数据中心 UPS/PDU 输出侧分表的读数：已包含在总用电中，只用于计算 PUE，不重复计入综合能耗。">
            <Checkbox>IT 设备用电</Checkbox>
          </Form.Item>
        )}
        <Form.Item label="折算">
          <ConversionPreview values={{ ...initialValues, ...values, isItEquipment: canBeIt && (values?.isItEquipment ?? false) }} settings={settings} editing={editing} />
        </Form.Item>
        <Form.Item label="凭证（账单或电表照片）">
          <EvidenceField companyId={companyId} value={evidence} onChange={setEvidence} label="添加凭证" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
