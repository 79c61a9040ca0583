import { CalculatorOutlined, DeleteOutlined, EditOutlined, PlusOutlined, SyncOutlined } from '../../components/icons';
import { errorMessage } from '../../components/failureDialog';
import { Alert, App, AutoComplete, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Store } from '../../../shared/domain/company';
import { coefficientFromHeatingValue, GBT_2589_2020 } from '../../../shared/energy/coefficients';
import { BUILTIN_ENERGY_TYPES } from '../../../shared/energy/energyTypes';
import {
  coefficientOverrideSchema, customEnergyTypes, densitySchema, type CoefficientOverride, type Density, type EnergyReading, type EnergySettings,
} from '../../../shared/energy/ledger';
import { planRecompute } from '../../../shared/energy/readingConversion';
import { BASE_UNITS } from '../../../shared/energy/units';
import { useRepositories } from '../../storage/repositories';
import { nonNegativeNumberRule } from '../../components/fieldRules';
import { formatAmount, formatTce, siteLabel } from './energyModel';
import { passesFieldRules } from './formRules';

/**
 * 折标系数: the GB/T 2589-2020 defaults, the company's measured coefficients and densities.
 * Saving here changes only what NEW entries get; stored months keep their snapshot until the
 * user runs 重新计算历史月份 and confirms the before/after list.
 */
export function CoefficientSettings({ companyId, settings, readings, stores, year }: {
  readonly companyId: string;
  readonly settings: EnergySettings;
  readonly readings: readonly EnergyReading[];
  readonly stores: readonly Store[];
  readonly year: number;
}) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [editingCoefficient, setEditingCoefficient] = useState<{ readonly index: number | null } | null>(null);
  const [editingDensity, setEditingDensity] = useState<{ readonly index: number | null } | null>(null);
  const [isRecomputing, setIsRecomputing] = useState(false);

  const save = async (next: EnergySettings, done: string) => {
    await repositories.saveEnergySettings(companyId, next);
    void message.success(`${done}；已录入的月份仍使用原系数，如需更新请“重新计算历史月份”`);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="电力折标口径">
        <Radio.Group
          aria-label="电力折标口径"
          value={settings.electricityBasis}
          onChange={(e) => void save({ ...settings, electricityBasis: e.target.value as EnergySettings['electricityBasis'] }, '已更改电力折标口径').catch((err: unknown) => message.error(errorMessage(err)))}
          options={[
            { value: '当量值', label: '当量值（0.1229 kgce/kWh，GB/T 2589-2020）' },
            { value: '等价值', label: '等价值（须在下方填写企业采用的系数及依据）' },
          ]}
        />
      </Card>

      <Card
        size="small"
        title="企业实测或有依据的折标系数"
        extra={<Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditingCoefficient({ index: null })}>添加系数</Button>}
      >
        <Table<CoefficientOverride & { readonly index: number }>
          size="small"
          rowKey="index"
          pagination={false}
          aria-label="企业折标系数"
          locale={{ emptyText: '尚未填写；新录入的月份使用下表的国家标准参考系数' }}
          dataSource={settings.coefficients.map((c, index) => ({ ...c, index }))}
          columns={[
            { title: '能源品种', dataIndex: 'energyType', render: (t: string) => <>{t}{!(BUILTIN_ENERGY_TYPES as readonly string[]).includes(t) && <Tag style={{ marginLeft: 4 }}>自定义</Tag>}</> },
            { title: '折标系数', dataIndex: 'value', align: 'right', render: (v: number, c) => `${v} kgce/${c.perUnit}` },
            { title: '口径', dataIndex: 'basis', render: (b: string | null) => b ?? '—' },
            { title: '来源', dataIndex: 'source' },
            { title: '依据', dataIndex: 'reference' },
            {
              title: '操作', width: 96, render: (_: unknown, c) => (
                <Space size={0}>
                  <Button type="text" aria-label={`编辑${c.energyType}系数`} icon={<EditOutlined />} onClick={() => setEditingCoefficient({ index: c.index })} />
                  <Popconfirm title={`删除${c.energyType}的系数？`} description="已录入的月份不受影响。" okText="删除" cancelText="取消" okButtonProps={{ danger: true }}
                    onConfirm={() => { void save({ ...settings, coefficients: settings.coefficients.filter((_, i) => i !== c.index) }, '已删除系数').catch((e: unknown) => message.error(errorMessage(e))); }}>
                    <Button type="text" danger aria-label={`删除${c.energyType}系数`} icon={<DeleteOutlined />} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title="油品密度（按升录入时使用）"
        extra={<Button size="small" icon={<PlusOutlined />} onClick={() => setEditingDensity({ index: null })}>添加密度</Button>}
      >
        <Table<Density & { readonly index: number }>
          size="small"
          rowKey="index"
          pagination={false}
          aria-label="油品密度"
          locale={{ emptyText: '尚未填写；汽油、柴油请按吨录入，或在此填写密度后按升录入' }}
          dataSource={settings.densities.map((d, index) => ({ ...d, index }))}
          columns={[
            { title: '能源品种', dataIndex: 'energyType' },
            { title: '密度', dataIndex: 'kgPerL', align: 'right', render: (v: number) => `${v} kg/L` },
            { title: '依据', dataIndex: 'reference' },
            {
              title: '操作', width: 96, render: (_: unknown, d) => (
                <Space size={0}>
                  <Button type="text" aria-label={`编辑${d.energyType}密度`} icon={<EditOutlined />} onClick={() => setEditingDensity({ index: d.index })} />
                  <Popconfirm title={`删除${d.energyType}的密度？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }}
                    onConfirm={() => { void save({ ...settings, densities: settings.densities.filter((_, i) => i !== d.index) }, '已删除密度').catch((e: unknown) => message.error(errorMessage(e))); }}>
                    <Button type="text" danger aria-label={`删除${d.energyType}密度`} icon={<DeleteOutlined />} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card size="small" title="重新计算历史月份" extra={<Button size="small" icon={<SyncOutlined />} onClick={() => setIsRecomputing(true)}>重新计算历史月份…</Button>}>
        <Typography.Text type="secondary">
          每条台账记录保存了录入时使用的折标系数。修改系数后，已录入的月份不会自动改变；如需改用新系数，请在此预览每条记录的前后差异并确认。
        </Typography.Text>
      </Card>

      <Card size="small" title={`国家标准参考系数（${GBT_2589_2020.standard.code}《${GBT_2589_2020.standard.title}》${GBT_2589_2020.tableRef}）`}>
        <Table
          size="small"
          rowKey={(e) => `${e.energyType}-${e.basis ?? ''}-${e.perUnit}`}
          pagination={false}
          aria-label="国家标准参考系数"
          dataSource={[...GBT_2589_2020.entries]}
          columns={[
            { title: '能源品种', dataIndex: 'energyType', render: (t: string, e) => `${t}${e.basis ? `（${e.basis}）` : ''}` },
            { title: '折标系数', dataIndex: 'value', align: 'right', render: (v: number, e) => `${v} kgce/${e.perUnit}` },
            { title: '平均低位发热量', dataIndex: 'heatValueText' },
            { title: '出处', dataIndex: 'reference' },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 4 }}>{GBT_2589_2020.scopeNote.replace(/，?见 withoutDefault/, '，见下')}</Typography.Paragraph>
        {GBT_2589_2020.withoutDefault.map((w) => (
          <Typography.Paragraph key={`${w.energyType}-${w.basis ?? ''}-${w.perUnit}`} type="secondary" style={{ marginBottom: 4 }}>
            <Typography.Text strong>{w.energyType}{w.basis ? `（${w.basis}）` : ''}（kgce/{w.perUnit}）无默认值：</Typography.Text>{w.note}
          </Typography.Paragraph>
        ))}
      </Card>

      {editingCoefficient && (
        <CoefficientModal settings={settings} index={editingCoefficient.index} onClose={() => setEditingCoefficient(null)} onSave={(next) => save(next, '已保存系数')} />
      )}
      {editingDensity && (
        <DensityModal settings={settings} index={editingDensity.index} onClose={() => setEditingDensity(null)} onSave={(next) => save(next, '已保存密度')} />
      )}
      {isRecomputing && <RecomputeModal readings={readings} settings={settings} stores={stores} year={year} onClose={() => setIsRecomputing(false)} />}
    </Space>
  );
}

interface CoefficientFormValues {
  readonly energyType: string;
  readonly perUnit: string;
  readonly value: number | null;
  readonly heatingValue: number | null;
  readonly basis: string | null;
  readonly source: string;
  readonly reference: string;
}

function CoefficientModal({ settings, index, onClose, onSave }: {
  readonly settings: EnergySettings;
  readonly index: number | null;
  readonly onClose: () => void;
  readonly onSave: (next: EnergySettings) => Promise<void>;
}) {
  const [form] = Form.useForm<CoefficientFormValues>();
  const [error, setError] = useState<string | null>(null);
  const current = index === null ? null : settings.coefficients[index] ?? null;
  const energyType = Form.useWatch('energyType', form) ?? current?.energyType ?? '';
  const typeOptions = [...BUILTIN_ENERGY_TYPES, ...customEnergyTypes(settings, BUILTIN_ENERGY_TYPES)].map((t) => ({ value: t }));

  const submit = async () => {
    if (!(await passesFieldRules(form))) return;
    const v = form.getFieldsValue(true) as CoefficientFormValues;
    const candidate = {
      energyType: v.energyType.trim(), perUnit: v.perUnit, value: v.value ?? undefined, basis: v.energyType.trim() === '电力' ? '等价值' : null,
      source: v.source, reference: v.reference.trim(),
    };
    const parsed = coefficientOverrideSchema.safeParse(candidate);
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0]) as keyof CoefficientFormValues, errors: [i.path[0] === 'value' && candidate.value === undefined ? '请填写折标系数' : i.message] })));
      return;
    }
    const next = parsed.data;
    const clash = settings.coefficients.findIndex((c, i) => i !== index && c.energyType === next.energyType && c.perUnit === next.perUnit && c.basis === next.basis);
    if (clash !== -1) {
      form.setFields([{ name: 'energyType', errors: [`${next.energyType}（kgce/${next.perUnit}）已有系数，请编辑原系数`] }]);
      return;
    }
    const coefficients = index === null ? [...settings.coefficients, next] : settings.coefficients.map((c, i) => (i === index ? next : c));
    try {
      await onSave({ ...settings, coefficients });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const fromHeatingValue = () => {
    const kj = form.getFieldValue('heatingValue') as number | null;
    if (kj === null || !(kj > 0)) {
      form.setFields([{ name: 'heatingValue', errors: ['请填写正数的低位发热量'] }]);
      return;
    }
    form.setFieldValue('value', coefficientFromHeatingValue(kj));
    form.setFields([{ name: 'value', errors: [] }]);
  };

  return (
    <Modal open title={current ? `编辑${current.energyType}折标系数` : '添加折标系数'} okText="保存" cancelText="取消" width={600} onOk={() => void submit()} onCancel={onClose}>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title="保存失败" description={error} />}
      <Form<CoefficientFormValues>
        form={form}
        layout="vertical"
        initialValues={{
          energyType: current?.energyType ?? '', perUnit: current?.perUnit ?? 'm³', value: current?.value ?? null, heatingValue: null,
          basis: current?.basis ?? null, source: current?.source ?? '企业实测', reference: current?.reference ?? '',
        }}
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

interface DensityFormValues {
  readonly energyType: string;
  readonly kgPerL: number | null;
  readonly reference: string;
}

function DensityModal({ settings, index, onClose, onSave }: {
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
    const v = form.getFieldsValue(true) as DensityFormValues;
    const parsed = densitySchema.safeParse({ energyType: v.energyType.trim(), kgPerL: v.kgPerL ?? undefined, reference: v.reference.trim() });
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0]) as keyof DensityFormValues, errors: [i.path[0] === 'kgPerL' && v.kgPerL === null ? '请填写密度' : i.message] })));
      return;
    }
    if (settings.densities.some((d, i) => i !== index && d.energyType === parsed.data.energyType)) {
      form.setFields([{ name: 'energyType', errors: [`${parsed.data.energyType}已有密度，请编辑原记录`] }]);
      return;
    }
    const densities = index === null ? [...settings.densities, parsed.data] : settings.densities.map((d, i) => (i === index ? parsed.data : d));
    try {
      await onSave({ ...settings, densities });
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
        initialValues={{ energyType: current?.energyType ?? '柴油', kgPerL: current?.kgPerL ?? null, reference: current?.reference ?? '' }}
        onValuesChange={(changed: Partial<DensityFormValues>) => form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof DensityFormValues, errors: [] })))}
      >
        <Form.Item name="energyType" label="能源品种">
          <AutoComplete options={['汽油', '柴油', ...customEnergyTypes(settings, BUILTIN_ENERGY_TYPES)].map((t) => ({ value: t }))} />
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

interface RecomputeRow {
  readonly key: string;
  readonly before: EnergyReading;
  readonly after: EnergyReading;
}

function RecomputeModal({ readings, settings, stores, year, onClose }: {
  readonly readings: readonly EnergyReading[];
  readonly settings: EnergySettings;
  readonly stores: readonly Store[];
  readonly year: number;
  readonly onClose: () => void;
}) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [range, setRange] = useState<'year' | 'all'>('year');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const plan = useMemo(
    () => planRecompute(range === 'all' ? readings : readings.filter((r) => r.month.startsWith(`${year}-`)), settings),
    [range, readings, settings, year],
  );
  const rows: RecomputeRow[] = plan.changes.filter((c) => c.isChanged).map((c) => ({ key: c.reading.id, before: c.reading, after: c.updated }));
  const delta = rows.reduce((sum, r) => sum + r.after.tce - r.before.tce, 0);

  const apply = async () => {
    setIsSaving(true);
    try {
      const count = await repositories.replaceRecomputedReadings(rows.map((r) => ({ before: r.before, after: r.after })));
      void message.success(`已按当前系数重新计算 ${count} 条记录`);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open
      title="按当前系数重新计算历史月份"
      width={1000}
      okText={rows.length === 0 ? '无需更新' : `确认更新 ${rows.length} 条记录`}
      okButtonProps={{ disabled: rows.length === 0 }}
      confirmLoading={isSaving}
      cancelText="取消"
      onOk={() => void apply()}
      onCancel={onClose}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group value={range} onChange={(e) => setRange(e.target.value as 'year' | 'all')} options={[{ value: 'year', label: `${year} 年` }, { value: 'all', label: '全部年份' }]} />
        {error && <Alert type="error" showIcon title="更新失败" description={error} />}
        {plan.failures.length > 0 && (
          <Alert type="warning" showIcon title={`${plan.failures.length} 条记录无法按当前设置计算，将保持不变`} description={plan.failures.map((f) => f.message).join('；')} />
        )}
        <Typography.Text>
          {rows.length === 0
            ? '所选范围内的记录均已使用当前系数，没有需要更新的记录。'
            : `以下 ${rows.length} 条记录的系数将更新，折标准煤合计变化 ${delta >= 0 ? '+' : ''}${formatTce(Math.round(delta * 1e6) / 1e6)} tce。确认前不会写入任何数据。`}
        </Typography.Text>
        <Table<RecomputeRow>
          size="small"
          rowKey="key"
          aria-label="重新计算前后对比"
          dataSource={rows}
          pagination={rows.length > 12 ? { pageSize: 12 } : false}
          columns={[
            { title: '月份', render: (_: unknown, r) => r.before.month, width: 80 },
            { title: '场所', render: (_: unknown, r) => siteLabel(r.before.siteId, stores) },
            { title: '能源品种', render: (_: unknown, r) => `${r.before.energyType}${r.before.isItEquipment ? '（IT）' : ''}` },
            { title: '用量', align: 'right', render: (_: unknown, r) => `${formatAmount(r.before.amount)} ${r.before.unit}` },
            { title: '原系数', render: (_: unknown, r) => `${r.before.coefficient.value} ${r.before.coefficient.unit}` },
            { title: '新系数', render: (_: unknown, r) => <span title={r.after.coefficient.reference}>{r.after.coefficient.value} {r.after.coefficient.unit}</span> },
            { title: '原 tce', align: 'right', render: (_: unknown, r) => formatTce(r.before.tce) },
            { title: '新 tce', align: 'right', render: (_: unknown, r) => <Typography.Text strong>{formatTce(r.after.tce)}</Typography.Text> },
          ]}
        />
      </Space>
    </Modal>
  );
}
