import { DeleteOutlined, EditOutlined, PlusOutlined } from '../../components/icons';
import { errorMessage } from '../../components/failureDialog';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { Store } from '../../../shared/domain/company';
import { COMPANY_SCOPE, yearTotal } from '../../../shared/energy/comparisons';
import { energyYearFiguresSchema, type EnergyReading, type EnergySettings, type EnergyYearFigures } from '../../../shared/energy/ledger';
import { useRepositories } from '../../storage/repositories';
import { nonNegativeNumberRule } from '../../components/fieldRules';
import { formatAmount, formatTce } from './energyModel';
import { passesFieldRules } from './formRules';

/**
 * 目标与强度: the company's yearly target (年度能耗总量目标) and the denominators of intensity
 * (营业收入, 建筑面积). None of these comes from the policy text; the company enters what it set or
 * was given. Sites use their own floor area from the store record.
 */
export function YearFiguresPanel({ companyId, settings, readings, stores, year }: {
  readonly companyId: string;
  readonly settings: EnergySettings;
  readonly readings: readonly EnergyReading[];
  readonly stores: readonly Store[];
  readonly year: number;
}) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<number | null>(null);
  const rows = [...settings.years].sort((a, b) => b.year - a.year);
  const hasSelectedYear = rows.some((r) => r.year === year);

  const remove = async (target: number) => {
    await repositories.saveEnergySettings(companyId, { ...settings, years: settings.years.filter((y) => y.year !== target) });
    void message.success(`已删除 ${target} 年的目标与强度数据`);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title="年度目标与强度分母"
        extra={<Button size="small" type="primary" icon={hasSelectedYear ? <EditOutlined /> : <PlusOutlined />} onClick={() => setEditing(year)}>{hasSelectedYear ? `编辑 ${year} 年` : `填写 ${year} 年`}</Button>}
      >
        <Table<EnergyYearFigures>
          size="small"
          rowKey="year"
          pagination={false}
          aria-label="年度目标与强度"
          locale={{ emptyText: '尚未填写任何年度的目标、营业收入或建筑面积' }}
          dataSource={rows}
          columns={[
            { title: '年度', dataIndex: 'year', width: 80 },
            { title: '能耗目标（tce）', dataIndex: 'targetTce', align: 'right', render: (v: number | null) => (v === null ? '未设定' : formatTce(v)) },
            { title: '实际（tce）', align: 'right', render: (_: unknown, r) => formatTce(yearTotal(readings, r.year, COMPANY_SCOPE)) },
            { title: '营业收入（万元）', dataIndex: 'revenueWanYuan', align: 'right', render: (v: number | null) => (v === null ? '—' : formatAmount(v)) },
            { title: '建筑面积（m²）', dataIndex: 'floorAreaSqm', align: 'right', render: (v: number | null) => (v === null ? '—' : formatAmount(v)) },
            { title: '备注', dataIndex: 'note' },
            {
              title: '操作', width: 96, render: (_: unknown, r) => (
                <Space size={0}>
                  <Button type="text" aria-label={`编辑${r.year}年`} icon={<EditOutlined />} onClick={() => setEditing(r.year)} />
                  <Popconfirm title={`删除 ${r.year} 年的数据？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => { void remove(r.year).catch((e: unknown) => message.error(errorMessage(e))); }}>
                    <Button type="text" danger aria-label={`删除${r.year}年`} icon={<DeleteOutlined />} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          目标与营业收入、建筑面积由企业自行填写（政策原文未规定具体数值）。场所的单位面积能耗使用“门店与场所”中登记的建筑面积：
          {stores.length === 0 ? '尚未登记场所。' : stores.map((s) => `${s.name} ${s.floorAreaSqm === null ? '未填写' : `${formatAmount(s.floorAreaSqm)} m²`}`).join('；')}
        </Typography.Paragraph>
      </Card>
      {editing !== null && <YearFiguresModal companyId={companyId} settings={settings} year={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

interface FiguresFormValues {
  readonly targetTce: number | null;
  readonly revenueWanYuan: number | null;
  readonly floorAreaSqm: number | null;
  readonly note: string;
}

function YearFiguresModal({ companyId, settings, year, onClose }: { readonly companyId: string; readonly settings: EnergySettings; readonly year: number; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [form] = Form.useForm<FiguresFormValues>();
  const [error, setError] = useState<string | null>(null);
  const current = settings.years.find((y) => y.year === year);

  const submit = async () => {
    if (!(await passesFieldRules(form))) return;
    const v = form.getFieldsValue(true) as FiguresFormValues;
    const parsed = energyYearFiguresSchema.safeParse({ year, ...v, note: v.note.trim() });
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0]) as keyof FiguresFormValues, errors: [`应为大于 0 的数值（${i.message}）`] })));
      return;
    }
    try {
      await repositories.saveEnergySettings(companyId, { ...settings, years: [...settings.years.filter((y) => y.year !== year), parsed.data] });
      void message.success(`已保存 ${year} 年的目标与强度数据`);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal open title={`${year} 年目标与强度分母`} okText="保存" cancelText="取消" onOk={() => void submit()} onCancel={onClose}>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title="保存失败" description={error} />}
      <Form<FiguresFormValues>
        form={form}
        layout="vertical"
        initialValues={{ targetTce: current?.targetTce ?? null, revenueWanYuan: current?.revenueWanYuan ?? null, floorAreaSqm: current?.floorAreaSqm ?? null, note: current?.note ?? '' }}
      >
        <Form.Item name="targetTce" label="年度能耗总量目标（tce，企业设定或主管部门下达）" rules={[nonNegativeNumberRule('能耗目标')]}>
          <InputNumber aria-label="年度能耗总量目标（tce）" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="revenueWanYuan" label="营业收入（万元）" rules={[nonNegativeNumberRule('营业收入')]}>
          <InputNumber aria-label="营业收入（万元）" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="floorAreaSqm" label="企业建筑面积（m²）" rules={[nonNegativeNumberRule('建筑面积')]}>
          <InputNumber aria-label="企业建筑面积（m²）" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="备注（如目标来源）">
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
