import { DeleteOutlined, EditOutlined, FileExcelOutlined, FileSearchOutlined, PlusOutlined, SearchOutlined } from '../../components/icons';
import { Button, Checkbox, Col, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Table, Tag, Typography, type FormRule } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import type { Vehicle } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { DOMAIN_FIELD_LABELS } from '../../../shared/domain/fieldLabels';
import { localIsoDate } from '../../../shared/domain/isoDate';
import { VEHICLE_FILING_STATUSES, VEHICLE_TYPES, VEHICLE_USAGE_NATURES, type VehicleFilingStatus, type VehicleUsageNature } from '../../../shared/domain/vocabulary';
import { isPlausiblePlate, normalizePlate, type Finding } from '../../../shared/validation/recordFindings';
import { FormDateInput } from '../../components/DateInput';
import { describeSpan, orDash } from '../../components/display';
import { dateAfterFieldRule, integerRangeRule, notAfterTodayRule, requiredRule, validDateRule } from '../../components/fieldRules';
import { FindingTags } from '../../components/FindingTags';
import { FormModal } from '../../components/FormModal';
import { PrintButton, PrintHeading, usePrinting } from '../../components/printing';
import { useRepositories } from '../../storage/repositories';
import { FleetImportDialog } from '../deadlines/fleetImport/FleetImportDialog';
import { HistoryButton } from '../history/HistoryButton';
import { useHistoryDrawer } from '../history/useHistoryDrawer';
import { childDraftKey, useEditorParam } from './editorParam';
import { useDeleteChild } from './useDeleteChild';

const LABELS = DOMAIN_FIELD_LABELS.vehicles;

const FILING_COLORS: Record<VehicleFilingStatus, string> = { 未备案: 'warning', 已备案: 'success', 已移出备案: 'default' };

export function VehiclesTab({ record, findings }: { readonly record: CompanyRecord; readonly findings: ReadonlyMap<string, Finding[]> }) {
  const editor = useEditorParam('vehicle');
  const removeChild = useDeleteChild();
  const history = useHistoryDrawer(record);
  const [search, setSearch] = useState('');
  const [usage, setUsage] = useState<VehicleUsageNature | null>(null);
  const [filing, setFiling] = useState<VehicleFilingStatus | null>(null);
  const [isImporting, setIsImporting] = useState<'excel' | 'scans' | null>(null);
  // Typing stays responsive with thousands of rows: filtering runs on a deferred value.
  const deferredSearch = useDeferredValue(search);
  const today = localIsoDate(new Date());
  // Paper has no scrolling: while printing, every row is rendered (see printing.tsx).
  const isPrinting = usePrinting();

  const rows = useMemo(() => {
    const needle = normalizePlate(deferredSearch);
    return record.vehicles
      .filter((v) => (usage === null || v.usageNature === usage) && (filing === null || v.filingStatus === filing) && (needle === '' || normalizePlate(v.plate).includes(needle)))
      .sort((a, b) => a.plate.localeCompare(b.plate, 'zh-CN'));
  }, [record.vehicles, deferredSearch, usage, filing]);

  const byUsage = useMemo(() => {
    const counts = new Map<VehicleUsageNature, number>();
    for (const v of record.vehicles) counts.set(v.usageNature, (counts.get(v.usageNature) ?? 0) + 1);
    return counts;
  }, [record.vehicles]);

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.open('new')}>添加车辆</Button>
        <Button icon={<FileExcelOutlined />} onClick={() => setIsImporting('excel')}>从 Excel 导入</Button>
        <Button icon={<FileSearchOutlined />} onClick={() => setIsImporting('scans')}>识别行驶证</Button>
        <PrintButton />
        <Input prefix={<SearchOutlined />} aria-label="按号牌搜索" placeholder="按号牌搜索" allowClear style={{ width: 200 }} value={search} onChange={(e) => setSearch(e.target.value)} />
        <Select<VehicleUsageNature>
          aria-label="使用性质筛选"
          allowClear
          placeholder="使用性质：全部"
          style={{ width: 160 }}
          value={usage ?? undefined}
          onChange={(v) => setUsage(v ?? null)}
          options={VEHICLE_USAGE_NATURES.map((u) => ({ value: u, label: `${u}（${byUsage.get(u) ?? 0}）` }))}
        />
        <Select<VehicleFilingStatus>
          aria-label="备案状态筛选"
          allowClear
          placeholder="备案状态：全部"
          style={{ width: 160 }}
          value={filing ?? undefined}
          onChange={(v) => setFiling(v ?? null)}
          options={VEHICLE_FILING_STATUSES.map((s) => ({ value: s, label: s }))}
        />
        <Typography.Text type="secondary" aria-live="polite">
          显示 {rows.length} / 共 {record.vehicles.length} 辆
        </Typography.Text>
      </Space>
      <PrintHeading title="车辆" companyName={record.company.name} detail={`${rows.length} 辆`} />
      <Table<Vehicle>
        rowKey="id"
        size="small"
        virtual={!isPrinting}
        scroll={isPrinting ? undefined : { x: 1292, y: 520 }}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: record.vehicles.length === 0 ? '尚未添加车辆' : '没有符合条件的车辆' }}
        columns={[
          {
            title: LABELS.plate,
            dataIndex: 'plate',
            width: 140,
            fixed: 'left',
            render: (_: unknown, v) => (
              <Space size={4}>
                <Typography.Text strong style={{ fontFamily: 'monospace' }}>{v.plate}</Typography.Text>
                <FindingTags findings={findings.get(v.id)} />
              </Space>
            ),
          },
          { title: LABELS.usageNature, dataIndex: 'usageNature', width: 90, render: (_: unknown, v) => <Tag color={v.usageNature === '租赁' ? 'blue' : v.usageNature === '非营运' ? 'orange' : 'purple'}>{v.usageNature}</Tag> },
          { title: LABELS.isTimeShare, dataIndex: 'isTimeShare', width: 110, render: (_: unknown, v) => (v.isTimeShare ? '是' : '否') },
          { title: LABELS.filingStatus, dataIndex: 'filingStatus', width: 100, render: (_: unknown, v) => <Tag color={FILING_COLORS[v.filingStatus]}>{v.filingStatus}</Tag> },
          {
            title: LABELS.registeredOn,
            dataIndex: 'registeredOn',
            width: 190,
            sorter: (a, b) => (a.registeredOn ?? '').localeCompare(b.registeredOn ?? ''),
            render: (_: unknown, v) => (v.registeredOn ? `${v.registeredOn}（${v.registeredOn <= today ? describeSpan(v.registeredOn, today) : '未来日期'}）` : '—'),
          },
          { title: LABELS.inServiceOn, dataIndex: 'inServiceOn', width: 120, render: (_: unknown, v) => orDash(v.inServiceOn) },
          { title: LABELS.model, dataIndex: 'model', width: 160, render: (_: unknown, v) => orDash(v.model) },
          { title: LABELS.vehicleType, dataIndex: 'vehicleType', width: 90, render: (_: unknown, v) => orDash(v.vehicleType) },
          { title: LABELS.seats, dataIndex: 'seats', width: 110, align: 'right', render: (_: unknown, v) => orDash(v.seats) },
          { title: LABELS.vin, dataIndex: 'vin', width: 190, render: (_: unknown, v) => <Typography.Text style={{ fontFamily: 'monospace' }}>{orDash(v.vin)}</Typography.Text> },
          {
            title: '操作',
            width: 128,
            fixed: 'right',
            render: (_: unknown, v) => (
              <Space size={0}>
                <Button type="text" size="small" aria-label={`编辑${v.plate}`} icon={<EditOutlined />} onClick={() => editor.open(v.id)} />
                <HistoryButton name={v.plate} size="small" onClick={() => history.open({ kind: 'record', table: 'vehicles', entityId: v.id, title: `修改记录：${v.plate}` })} />
                <Popconfirm title={`删除车辆“${v.plate}”？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => removeChild('vehicles', v.id, `车辆“${v.plate}”`)}>
                  <Button type="text" size="small" danger aria-label={`删除${v.plate}`} icon={<DeleteOutlined />} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editor.editing !== null && <VehicleFormModal record={record} editing={editor.editing} onClose={editor.close} />}
      {isImporting !== null && <FleetImportDialog record={record} source={isImporting} onClose={() => setIsImporting(null)} />}
      {history.drawer}
    </>
  );
}

type VehicleFormValues = Omit<Vehicle, 'id' | 'companyId'>;

const EMPTY_VEHICLE: VehicleFormValues = {
  plate: '', usageNature: '租赁', registeredOn: null, inServiceOn: null, filingStatus: '未备案', leftFilingOn: null,
  model: '', vin: '', vehicleType: null, seats: null, isTimeShare: false, note: '',
};

function VehicleFormModal({ record, editing, onClose }: { readonly record: CompanyRecord; readonly editing: string; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const existing = editing === 'new' ? undefined : record.vehicles.find((v) => v.id === editing);
  if (editing !== 'new' && !existing) return null;
  const initial: VehicleFormValues = existing ? { ...EMPTY_VEHICLE, ...withoutKeys(existing) } : EMPTY_VEHICLE;

  const plateRules: FormRule[] = [
    requiredRule('请填写号牌号码'),
    {
      validator: (_rule, value: unknown) => {
        const plate = normalizePlate(typeof value === 'string' ? value : '');
        const duplicate = record.vehicles.find((v) => v.id !== existing?.id && normalizePlate(v.plate) === plate);
        return duplicate ? Promise.reject(new Error(`号牌“${duplicate.plate}”已登记在本企业`)) : Promise.resolve();
      },
    },
    {
      warningOnly: true,
      validator: (_rule, value: unknown) =>
        typeof value === 'string' && value.trim() !== '' && !isPlausiblePlate(value)
          ? Promise.reject(new Error('号牌格式不符合常见的机动车号牌格式，请核对'))
          : Promise.resolve(),
    },
  ];

  const submit = async (values: VehicleFormValues) => {
    await repositories.saveVehicle({
      ...EMPTY_VEHICLE,
      ...values,
      plate: normalizePlate(values.plate),
      vin: values.vin.trim().toUpperCase(),
      model: values.model.trim(),
      leftFilingOn: values.filingStatus === '已移出备案' ? values.leftFilingOn : null,
      id: existing?.id,
      companyId: record.company.id,
    });
  };

  return (
    <FormModal<VehicleFormValues>
      title={existing ? `编辑车辆：${existing.plate}` : '添加车辆'}
      draftKey={childDraftKey('vehicle', record.company.id, editing)}
      initialValues={initial}
      onSubmit={submit}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="plate" label={LABELS.plate} rules={plateRules} normalize={(v: string) => v.toUpperCase()}>
            <Input maxLength={16} placeholder="如 京A12345" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="usageNature" label={`${LABELS.usageNature}（行驶证）`} rules={[{ required: true, message: '请选择使用性质' }]}>
            <Select options={VEHICLE_USAGE_NATURES.map((u) => ({ value: u, label: u }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="filingStatus" label={LABELS.filingStatus} rules={[{ required: true, message: '请选择备案状态' }]}>
            <Select options={VEHICLE_FILING_STATUSES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="registeredOn" label={LABELS.registeredOn} rules={[validDateRule('注册日期'), notAfterTodayRule('注册日期')]}>
            <FormDateInput aria-label={LABELS.registeredOn} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="inServiceOn"
            label={LABELS.inServiceOn}
            dependencies={['registeredOn']}
            rules={[validDateRule('投入经营日期'), dateAfterFieldRule('registeredOn', '投入经营日期不应早于注册日期', { isSameDayAllowed: true })]}
          >
            <FormDateInput aria-label={LABELS.inServiceOn} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item noStyle dependencies={['filingStatus']}>
            {({ getFieldValue }) =>
              getFieldValue('filingStatus') === '已移出备案' ? (
                <Form.Item
                  name="leftFilingOn"
                  label={LABELS.leftFilingOn}
                  dependencies={['registeredOn', 'inServiceOn']}
                  rules={[
                    validDateRule('移出备案日期'),
                    notAfterTodayRule('移出备案日期'),
                    dateAfterFieldRule('registeredOn', '移出备案日期不应早于注册日期', { isSameDayAllowed: true }),
                    dateAfterFieldRule('inServiceOn', '移出备案日期不应早于投入经营日期', { isSameDayAllowed: true }),
                  ]}
                >
                  <FormDateInput aria-label={LABELS.leftFilingOn} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="model" label={LABELS.model}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="vin" label={`${LABELS.vin}（VIN）`} rules={[{ pattern: /^[A-HJ-NPR-Za-hj-npr-z0-9]{0,17}$/, message: '车辆识别代号为 17 位字母或数字（不含 I、O、Q）' }]}>
            <Input maxLength={17} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="vehicleType" label={LABELS.vehicleType} extra="小型、微型客车属于小微型客车租赁">
            <Select allowClear placeholder="未填写" aria-label={LABELS.vehicleType} options={VEHICLE_TYPES.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="seats" label={LABELS.seats} extra="9 座及以下为小微型客车" rules={[integerRangeRule('核定载客', 1, 300)]}>
            <InputNumber aria-label={LABELS.seats} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="isTimeShare" valuePropName="checked">
            <Checkbox>{LABELS.isTimeShare}</Checkbox>
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="note" label={LABELS.note}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

function withoutKeys(vehicle: Vehicle): VehicleFormValues {
  const { id: _id, companyId: _c, ...rest } = vehicle;
  return rest;
}
