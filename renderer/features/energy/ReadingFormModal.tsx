import { DeleteOutlined } from '../../components/icons';
import { errorMessage } from '../../components/failureDialog';
import { Alert, App, Button, Checkbox, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import type { OutlierFlag } from '../../../shared/energy/checks';
import type { EnergyReading, EnergySettings } from '../../../shared/energy/ledger';
import { isEnergyUnit, unitLabel } from '../../../shared/energy/units';
import { useRepositories } from '../../storage/repositories';
import { currentLedgerMonth, COMPANY_WIDE_KEY, COMPANY_WIDE_LABEL } from './energyModel';
import { EvidenceField, NO_EVIDENCE, type EvidenceValue } from './EvidenceField';
import { MonthInput } from './MonthInput';
import {
  canBeItEquipment, checkReadingForm, deleteReading, energyTypeChoices, initialReadingValues, monthClashMessage, previewConversion,
  readingFormTitle, storeReading, unitAfterTypeChange, unitsFor, type ReadingFormDefaults, type ReadingFormValues,
} from './readingFormFlow';

export interface ReadingFormProps {
  readonly record: CompanyRecord;
  readonly settings: EnergySettings;
  /** The stored reading being edited, or null for a new one. */
  readonly editing: EnergyReading | null;
  /** Prefill of a new entry (the page's site and the clicked month). */
  readonly defaults?: ReadingFormDefaults;
  /** The user's local date: months after the current one are refused. */
  readonly today: IsoDate;
  readonly onClose: () => void;
}

/** What the preview shows under the amount: how the entry converts to tce. */
function ConversionPreview({ values, settings, editing }: { readonly values: Partial<ReadingFormValues>; readonly settings: EnergySettings; readonly editing: EnergyReading | null }) {
  const preview = previewConversion(values, settings, editing);
  switch (preview.kind) {
    case 'incomplete':
      return <Typography.Text type="secondary">选择能源品种和单位后显示折标系数。</Typography.Text>;
    case 'unknownUnit':
      return null;
    case 'unconvertible':
      return <Alert type="warning" showIcon title="无法折算为吨标准煤" description={preview.message} />;
    case 'converted':
      return (
        <Descriptions size="small" column={1} bordered aria-label="折算预览" styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="折标系数">{preview.coefficient}</Descriptions.Item>
          <Descriptions.Item label="单位换算">{preview.conversion}</Descriptions.Item>
          <Descriptions.Item label="折标准煤">
            {preview.tce}
            {values.isItEquipment && <Typography.Text type="secondary">（IT 设备用电只用于 PUE，不计入综合能耗）</Typography.Text>}
          </Descriptions.Item>
          {preview.keepsSnapshot && (
            <Descriptions.Item label="说明">
              沿用该记录保存时的系数，修改用量不会改用新系数。
              {preview.currentCoefficientNote}
            </Descriptions.Item>
          )}
        </Descriptions>
      );
  }
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

  const initialValues = useMemo(() => initialReadingValues(editing, defaults), [editing, defaults]);
  const typeOptions = useMemo(() => energyTypeChoices(settings, editing).map((t) => ({ value: t, label: t })), [settings, editing]);

  const energyType = values?.energyType ?? initialValues.energyType;
  const canBeIt = canBeItEquipment(record, values?.siteKey ?? initialValues.siteKey, energyType);

  const store = async (reading: EnergyReading) => {
    setIsSaving(true);
    setSaveError(null);
    try {
      void message.success(await storeReading(repositories, reading, evidence.pending));
      onClose();
    } catch (e) {
      const text = errorMessage(e);
      const monthClash = monthClashMessage(e, text);
      if (monthClash !== null) form.setFields([{ name: 'month', errors: [monthClash] }]);
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
    const check = checkReadingForm({
      values: { ...initialValues, ...form.getFieldsValue(true) } as ReadingFormValues,
      record, settings, editing, evidenceDocumentId: evidence.documentId, today,
    });
    if (check.status === 'refused') form.setFields(check.fields.map(({ name, errors }) => ({ name, errors: [...errors] })));
    else if (check.status === 'needsConfirmation') confirmOutliers(check.reading, check.outliers);
    else void store(check.reading);
  };

  const remove = async () => {
    if (!editing) return;
    void message.success(await deleteReading(repositories, editing));
    onClose();
  };

  return (
    <Modal
      open
      title={readingFormTitle(editing)}
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
            const unit = unitAfterTypeChange(changed.energyType, form.getFieldValue('unit') as string);
            if (unit !== null) form.setFieldValue('unit', unit);
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
