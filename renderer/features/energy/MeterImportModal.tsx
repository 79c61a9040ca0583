import { FileExcelOutlined } from '../../components/icons';
import { errorMessage, failureMessage } from '../../components/failureDialog';
import { Alert, App, Button, Checkbox, Form, InputNumber, Modal, Progress, Radio, Select, Space, Steps, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import { BUILTIN_ENERGY_TYPES } from '../../../shared/energy/energyTypes';
import { customEnergyTypes, type EnergySettings } from '../../../shared/energy/ledger';
import { initialMapping, type MeterMappingValues as MappingValues } from '../../../shared/energy/meterColumns';
import type { CellValue, ImportRowReport, ImportRowStatus, MeterImportResult, SheetRows } from '../../../shared/energy/meterImport';
import { ENERGY_UNITS } from '../../../shared/energy/units';
import { platform, type PickedFile } from '../../platform/platform';
import { useRepositories } from '../../storage/repositories';
import { newId } from '../../storage/newId';
import { integerRangeRule, nonNegativeNumberRule } from '../../components/fieldRules';
import { COMPANY_WIDE_KEY, COMPANY_WIDE_LABEL } from './energyModel';
import { passesFieldRules } from './formRules';
import { cellText, checkMeterRows, columnOptions as columnOptionsOf, missingColumn, openMeterFile, saveMeterImport } from './meterImportFlow';

const XLSX_FILTERS = [{ name: 'Excel 表格', extensions: ['xlsx'] }] as const;

type SourceKind = 'column' | 'fixed';

const STATUS_TAGS: Readonly<Record<ImportRowStatus, { readonly color: string; readonly label: string }>> = {
  ok: { color: 'success', label: '可导入' },
  skipped: { color: 'default', label: '已跳过' },
  error: { color: 'error', label: '错误' },
  outlier: { color: 'warning', label: '待确认' },
};

/**
 * Import of a meter or bill export (.xlsx): pick the file, map its columns (the domain suggests a
 * mapping from the header), check every row, then store all readings in one transaction, or none.
 * The file itself is kept as the readings' evidence. The steps are plain functions in
 * meterImportFlow.ts; this dialog shows them.
 */
export function MeterImportModal({ record, settings, defaultSiteKey, today, onClose }: {
  readonly record: CompanyRecord;
  readonly settings: EnergySettings;
  readonly defaultSiteKey: string;
  readonly today: IsoDate;
  readonly onClose: () => void;
}) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [form] = Form.useForm<MappingValues>();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<PickedFile | null>(null);
  const [sheets, setSheets] = useState<readonly SheetRows[] | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [isReading, setIsReading] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<MeterImportResult | null>(null);
  const [isOnlyProblems, setIsOnlyProblems] = useState(true);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [sourceId] = useState(newId);
  const values = Form.useWatch([], form) as MappingValues | undefined;

  const pickFile = () => {
    void (async () => {
      setReadError(null);
      let picked: PickedFile | undefined;
      try {
        [picked] = await platform.openFiles(XLSX_FILTERS);
      } catch (e) {
        setReadError(errorMessage(e));
        return;
      }
      if (!picked) return;
      setIsReading(true);
      const read = await openMeterFile(picked.bytes, defaultSiteKey);
      setIsReading(false);
      if (!read.ok) {
        setReadError(failureMessage(read.error));
        return;
      }
      setFile(picked);
      setSheets(read.value.sheets);
      form.setFieldsValue(read.value.initial);
      setStep(1);
    })();
  };

  const sheet = sheets?.[values?.sheetIndex ?? 0];
  const headerRow = values?.headerRow ?? 1;
  const columnOptions = useMemo(() => columnOptionsOf(sheet?.rows ?? [], headerRow), [sheet, headerRow]);
  const preview = (sheet?.rows ?? []).slice(headerRow, headerRow + 5);
  const siteOptions = [{ value: COMPANY_WIDE_KEY, label: COMPANY_WIDE_LABEL }, ...record.stores.map((s) => ({ value: s.id, label: `${s.name}（${s.kind}）` }))];
  const typeOptions = [...BUILTIN_ENERGY_TYPES, ...customEnergyTypes(settings, BUILTIN_ENERGY_TYPES)].map((t) => ({ value: t, label: t }));

  const runCheck = async (confirmOutliers: boolean): Promise<MeterImportResult | null> => {
    if (!(await passesFieldRules(form))) return null;
    const v = { ...form.getFieldsValue(true) } as MappingValues;
    const missing = missingColumn(v);
    if (missing !== null) {
      void message.error(`请选择${missing}`);
      return null;
    }
    setProgress(0);
    try {
      const checked = await checkMeterRows({
        sheets: sheets ?? [],
        values: v,
        record,
        settings,
        sourceId,
        today,
        confirmOutliers,
        onProgress: async (done, total) => {
          setProgress(Math.floor((done / Math.max(total, 1)) * 100));
          // Yield so the progress bar paints and the window stays responsive.
          await new Promise((resolve) => setTimeout(resolve, 0));
        },
      });
      return 'result' in checked ? checked.result : null;
    } finally {
      setProgress(null);
    }
  };

  const check = () => {
    void (async () => {
      const checked = await runCheck(false);
      if (!checked) return;
      setResult(checked);
      setIsOnlyProblems(checked.errorCount > 0 || checked.outliers.length > 0);
      setSaveError(null);
      setStep(2);
    })();
  };

  const commit = (confirmOutliers: boolean) => {
    void (async () => {
      setIsSaving(true);
      setSaveError(null);
      try {
        const final = confirmOutliers ? await runCheck(true) : result;
        if (!final || !final.isAccepted || !file) {
          setResult(final);
          return;
        }
        const count = await saveMeterImport(repositories, final, file, record.company.id, sourceId);
        void message.success(`已导入 ${count} 条台账记录（来源：${file.name}）`);
        onClose();
      } catch (e) {
        setSaveError(errorMessage(e, { lead: '导入失败，未写入任何数据' }));
      } finally {
        setIsSaving(false);
      }
    })();
  };

  const hasOnlyOutliers = result !== null && result.errorCount === 0 && result.rows.some((r) => r.status === 'outlier');
  const shownRows = result ? (isOnlyProblems ? result.rows.filter((r) => r.status === 'error' || r.status === 'outlier') : result.rows) : [];

  const footer = [
    <Button key="cancel" onClick={onClose} disabled={isSaving}>取消</Button>,
    ...(step === 1 ? [<Button key="check" type="primary" loading={progress !== null} onClick={check}>检查数据</Button>] : []),
    ...(step === 2 ? [<Button key="back" onClick={() => setStep(1)} disabled={isSaving}>返回修改对应关系</Button>] : []),
    ...(step === 2 && result?.isAccepted ? [<Button key="import" type="primary" loading={isSaving} onClick={() => commit(false)}>导入 {result.readings.length} 条</Button>] : []),
    ...(step === 2 && hasOnlyOutliers ? [<Button key="confirm" type="primary" danger loading={isSaving} onClick={() => commit(true)}>确认异常值并导入</Button>] : []),
  ];

  return (
    <Modal open title="从电表或账单表格导入" width={1040} onCancel={onClose} mask={{ closable: false }} footer={footer}>
      <Steps size="small" current={step} style={{ marginBottom: 16 }} items={[{ title: '选择文件' }, { title: '对应列' }, { title: '检查与导入' }]} />
      {step === 0 && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>
            选择电表、燃气表或账单系统导出的 .xlsx 表格。每行一个月份（或一天，可按月合计）；可用“用量”列，也可用“起码、止码、倍率”计算。整个文件检查无误后一次性导入，有任何一行出错则不导入任何数据。
          </Typography.Paragraph>
          <Button type="primary" icon={<FileExcelOutlined />} loading={isReading} onClick={pickFile}>选择 .xlsx 文件</Button>
          {isReading && <Typography.Text type="secondary">正在读取表格…</Typography.Text>}
          {readError && <Alert type="error" showIcon title="无法读取该文件" description={readError} />}
        </Space>
      )}
      {step === 1 && sheets && (
        <Form<MappingValues> form={form} layout="vertical" size="small">
          <Typography.Paragraph type="secondary">文件：{file?.name}。已按表头自动推荐对应关系，请核对后点击“检查数据”。</Typography.Paragraph>
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Form.Item name="sheetIndex" label="工作表" style={{ width: 220 }}>
              <Select options={sheets.map((s, i) => ({ value: i, label: `${s.name}（${s.rows.length} 行）` }))} onChange={(i: number) => form.setFieldsValue(initialMapping(sheets, i, defaultSiteKey))} />
            </Form.Item>
            <Form.Item name="headerRow" label="表头所在行" style={{ width: 120 }} rules={[{ required: true, message: '请填写表头所在行' }, integerRangeRule('表头所在行', 1, Math.max(1, sheet?.rows.length ?? 1))]}>
              <InputNumber aria-label="表头所在行" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="monthColumn" label="月份列" style={{ width: 220 }}>
              <Select options={columnOptions} placeholder="请选择" />
            </Form.Item>
            <Form.Item name="aggregateByMonth" label="逐日数据" valuePropName="checked">
              <Checkbox>按月合计</Checkbox>
            </Form.Item>
          </div>
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'flex-end' }}>
            <Form.Item name="amountKind" label="用量来源">
              <Radio.Group options={[{ value: 'consumption', label: '用量列' }, { value: 'meterDifference', label: '（止码 − 起码）× 倍率' }]} />
            </Form.Item>
            {values?.amountKind !== 'meterDifference' ? (
              <Form.Item name="amountColumn" label="用量列" style={{ width: 220 }}>
                <Select options={columnOptions} placeholder="请选择" />
              </Form.Item>
            ) : (
              <>
                <Form.Item name="startColumn" label="起码列" style={{ width: 180 }}><Select options={columnOptions} placeholder="请选择" /></Form.Item>
                <Form.Item name="endColumn" label="止码列" style={{ width: 180 }}><Select options={columnOptions} placeholder="请选择" /></Form.Item>
                <Form.Item name="multiplierKind" label="倍率">
                  <Radio.Group options={[{ value: 'fixed', label: '固定' }, { value: 'column', label: '取自列' }]} />
                </Form.Item>
                {values.multiplierKind === 'column'
                  ? <Form.Item name="multiplierColumn" label="倍率列" style={{ width: 180 }}><Select options={columnOptions} placeholder="请选择" /></Form.Item>
                  : <Form.Item name="multiplierValue" label="倍率值" style={{ width: 120 }} rules={[nonNegativeNumberRule('倍率')]}><InputNumber aria-label="倍率值" style={{ width: '100%' }} /></Form.Item>}
              </>
            )}
          </div>
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <SourcePicker label="单位" kindName="unitKind" columnName="unitColumn" valueName="unitValue" kind={values?.unitKind} columnOptions={columnOptions}
              fixedOptions={ENERGY_UNITS.map((u) => ({ value: u, label: u }))} />
            <SourcePicker label="能源品种" kindName="typeKind" columnName="typeColumn" valueName="typeValue" kind={values?.typeKind} columnOptions={columnOptions} fixedOptions={typeOptions} />
            <SourcePicker label="场所" kindName="siteKind" columnName="siteColumn" valueName="siteValue" kind={values?.siteKind} columnOptions={columnOptions} fixedOptions={siteOptions} />
            <Form.Item name="itKind" label="IT 设备用电">
              <Radio.Group options={[{ value: 'none', label: '否' }, { value: 'fixed', label: '全部是' }, { value: 'column', label: '取自列' }]} />
            </Form.Item>
            {values?.itKind === 'column' && <Form.Item name="itColumn" label="IT 标记列" style={{ width: 180 }}><Select options={columnOptions} placeholder="请选择" /></Form.Item>}
            <Form.Item name="noteColumn" label="备注列（可选）" style={{ width: 180 }}>
              <Select options={columnOptions} allowClear placeholder="无" />
            </Form.Item>
          </div>
          <Typography.Text strong>数据预览（表头下 5 行）</Typography.Text>
          <Table
            size="small"
            bordered
            pagination={false}
            scroll={{ x: true }}
            rowKey={(_, i) => String(i)}
            dataSource={preview.map((row) => ({ row }))}
            columns={columnOptions.map((c) => ({ title: c.label, key: String(c.value), render: (_: unknown, r: { row: readonly CellValue[] }) => cellText(r.row[c.value] ?? null) }))}
          />
        </Form>
      )}
      {progress !== null && <Progress percent={progress} status="active" aria-label="检查进度" style={{ marginTop: 12 }} />}
      {step === 2 && result && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type={result.isAccepted ? 'success' : result.errorCount > 0 ? 'error' : 'warning'}
            showIcon
            title={result.summary}
            description={result.isAccepted ? '确认后一次性写入台账，并将该表格作为这些记录的凭证保存。' : '未写入任何数据。'}
          />
          {saveError && <Alert type="error" showIcon title={saveError} />}
          <Space>
            <Switch checked={isOnlyProblems} onChange={setIsOnlyProblems} aria-label="只显示有问题的行" />
            <Typography.Text>只显示有问题的行</Typography.Text>
          </Space>
          <Table<ImportRowReport>
            size="small"
            rowKey="rowNumber"
            aria-label="逐行检查结果"
            dataSource={shownRows}
            pagination={shownRows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            locale={{ emptyText: '没有有问题的行' }}
            columns={[
              { title: '行号', dataIndex: 'rowNumber', width: 70 },
              { title: '结果', dataIndex: 'status', width: 90, render: (s: ImportRowStatus) => <Tag color={STATUS_TAGS[s].color}>{STATUS_TAGS[s].label}</Tag> },
              { title: '说明', dataIndex: 'messages', render: (m: readonly string[]) => (m.length === 0 ? '—' : <Space orientation="vertical" size={0}>{m.map((t, i) => <span key={i}>{t}</span>)}</Space>) },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}

function SourcePicker({ label, kindName, columnName, valueName, kind, columnOptions, fixedOptions }: {
  readonly label: string;
  readonly kindName: keyof MappingValues;
  readonly columnName: keyof MappingValues;
  readonly valueName: keyof MappingValues;
  readonly kind: SourceKind | undefined;
  readonly columnOptions: readonly { readonly value: number; readonly label: string }[];
  readonly fixedOptions: readonly { readonly value: string; readonly label: string }[];
}) {
  return (
    <Space.Compact>
      <Form.Item name={kindName} label={label}>
        <Select style={{ width: 100 }} options={[{ value: 'fixed', label: '统一为' }, { value: 'column', label: '取自列' }]} />
      </Form.Item>
      {kind === 'column' ? (
        <Form.Item name={columnName} label=" " style={{ width: 180 }}>
          <Select options={[...columnOptions]} placeholder="请选择" aria-label={`${label}列`} />
        </Form.Item>
      ) : (
        <Form.Item name={valueName} label=" " style={{ width: 200 }}>
          <Select options={[...fixedOptions]} aria-label={`${label}（统一）`} />
        </Form.Item>
      )}
    </Space.Compact>
  );
}
