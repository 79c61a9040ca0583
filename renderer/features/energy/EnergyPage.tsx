import { DownloadOutlined, FileExcelOutlined, FormOutlined, PlusOutlined, ThunderboltOutlined } from '../../components/icons';
import { errorMessage } from '../../components/failureDialog';
import { Alert, App, Button, Card, Empty, Popconfirm, Select, Space, Spin, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { localIsoDate } from '../../../shared/domain/isoDate';
import { findLedgerOutliers } from '../../../shared/energy/checks';
import { monthlyTotals } from '../../../shared/energy/comparisons';
import type { EnergyReading, EnergySettings, LedgerMonth } from '../../../shared/energy/ledger';
import { annualPue, monthlyPue } from '../../../shared/energy/pue';
import { RequireCompany } from '../../app/RequireCompany';
import { useHashParam } from '../../app/hashLocation';
import { useRepositories } from '../../storage/repositories';
import { AnalysisPanel } from './AnalysisPanel';
import { CoefficientSettings } from './CoefficientSettings';
import { useEnergySettings } from './energyHooks';
import {
  ALL_SITES_KEY, COMPANY_WIDE_KEY, COMPANY_WIDE_LABEL, currentLedgerMonth, defaultYear, isDataCentreSite, ledgerRows, orphanReadings, scopeOf,
  siteIdOfScope, yearOptions, type ScopeKey,
} from './energyModel';
import { exportLedgerWorkbook } from './exportLedger';
import { LedgerYearTable } from './LedgerYearTable';
import { MeterImportModal } from './MeterImportModal';
import { ReadingFormModal, type ReadingFormProps } from './ReadingFormModal';
import { ReadingGridModal } from './ReadingGridModal';
import { SubmissionStrip } from './SubmissionStrip';
import { TrainingPanel } from './TrainingPanel';
import { YearFiguresPanel } from './YearFiguresPanel';

const TAB_KEYS = ['ledger', 'analysis', 'coefficients', 'targets', 'people'] as const;
type TabKey = (typeof TAB_KEYS)[number];

/** 能源: the monthly energy ledger of the company selected in the header (issue 8). */
export function EnergyPage() {
  return <RequireCompany>{(record) => <EnergyWorkspace key={record.company.id} record={record} />}</RequireCompany>;
}

function EnergyWorkspace({ record }: { readonly record: CompanyRecord }) {
  const settings = useEnergySettings(record.company.id);
  if (settings === undefined) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  return <EnergyLedger record={record} settings={settings} />;
}

type ReadingEditor = Pick<ReadingFormProps, 'editing' | 'defaults'>;

function EnergyLedger({ record, settings }: { readonly record: CompanyRecord; readonly settings: EnergySettings }) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [today] = useState(() => localIsoDate(new Date()));
  const currentYear = Number(today.slice(0, 4));
  const currentMonth = currentLedgerMonth(today);
  const readings = useMemo(() => record.energyReadings ?? [], [record.energyReadings]);
  const [siteParam, setSiteParam] = useHashParam('site');
  const [yearParam, setYearParam] = useHashParam('year');
  const [tabParam, setTabParam] = useHashParam('tab');
  const [personParam, setPersonParam] = useHashParam('person');
  const [editor, setEditor] = useState<ReadingEditor | null>(null);
  const [isImporting, setIsImporting] = useState(false);
  const [isGridOpen, setIsGridOpen] = useState(false);
  const [isExporting, setIsExporting] = useState(false);

  const scopeKey: ScopeKey = siteParam === COMPANY_WIDE_KEY || record.stores.some((s) => s.id === siteParam) ? (siteParam ?? ALL_SITES_KEY) : ALL_SITES_KEY;
  const years = yearOptions(readings, currentYear);
  const year = yearParam !== null && /^\d{4}$/.test(yearParam) && years.includes(Number(yearParam)) ? Number(yearParam) : defaultYear(readings, currentYear);
  const tab: TabKey = TAB_KEYS.find((k) => k === tabParam) ?? 'ledger';
  const siteId = siteIdOfScope(scopeKey);
  const isDataCentre = scopeKey !== ALL_SITES_KEY && isDataCentreSite(siteId, record.stores);

  const rows = useMemo(() => ledgerRows(readings, year, scopeKey, record.stores), [readings, year, scopeKey, record.stores]);
  const totals = useMemo(() => monthlyTotals(readings, year, scopeOf(scopeKey)), [readings, year, scopeKey]);
  const pue = useMemo(() => (isDataCentre && siteId ? monthlyPue(readings, siteId, year) : null), [isDataCentre, siteId, readings, year]);
  const pueOfYear = useMemo(() => (isDataCentre && siteId ? annualPue(readings, siteId, year).pue : null), [isDataCentre, siteId, readings, year]);
  const orphans = useMemo(() => orphanReadings(readings, record.stores), [readings, record.stores]);
  const outliers = useMemo(() => findLedgerOutliers(readings.filter((r) => r.month.startsWith(`${year}-`))), [readings, year]);

  const openNew = (prefill?: { readonly month: LedgerMonth; readonly energyType: string; readonly unit: string; readonly isItEquipment: boolean; readonly siteId: string | null }) => {
    const site = prefill ? prefill.siteId : siteId;
    setEditor({
      editing: null,
      defaults: {
        siteKey: site === null ? COMPANY_WIDE_KEY : site,
        ...(prefill ? { month: prefill.month, energyType: prefill.energyType, unit: prefill.unit, isItEquipment: prefill.isItEquipment } : {}),
      },
    });
  };

  const exportYear = () => {
    setIsExporting(true);
    void exportLedgerWorkbook(record, settings, year)
      .then((isSaved) => { if (isSaved) void message.success(`已导出 ${year} 年能源消费台账（企业内部台账）`); })
      .catch((e: unknown) => message.error(errorMessage(e, { lead: '导出失败' })))
      .finally(() => setIsExporting(false));
  };

  const fixOrphans = (action: 'reassign' | 'delete') => {
    const ids = orphans.map((r) => r.id);
    const job = action === 'reassign'
      ? repositories.reassignReadingsToCompanyWide(ids)
      : repositories.deleteEnergyReadings(ids);
    void job.then(() => message.success(action === 'reassign' ? '已改为企业整体' : '已删除')).catch((e: unknown) => message.error(errorMessage(e)));
  };

  const scopeOptions = [
    { value: ALL_SITES_KEY, label: '全部场所合计' },
    { value: COMPANY_WIDE_KEY, label: COMPANY_WIDE_LABEL },
    ...record.stores.map((s) => ({ value: s.id, label: `${s.name}（${s.kind}）` })),
  ];

  const ledgerTab = (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openNew()}>录入用量</Button>
          <Button icon={<FormOutlined />} onClick={() => setIsGridOpen(true)}>按年录入（12 个月）</Button>
          <Button icon={<FileExcelOutlined />} onClick={() => setIsImporting(true)}>从表格导入</Button>
          <Button icon={<DownloadOutlined />} loading={isExporting} disabled={!readings.some((r) => r.month.startsWith(`${year}-`))} onClick={exportYear}>导出年度台账（.xlsx）</Button>
        </Space>
        <Typography.Text type="secondary">导出的是企业内部台账（含公式），非北京市节能监测服务平台规定格式。</Typography.Text>
      </Space>
      {orphans.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`${orphans.length} 条记录所属的场所已被删除`}
          description={orphans.map((r) => `${r.month} ${r.energyType}`).join('、')}
          action={
            <Space orientation="vertical">
              <Button size="small" onClick={() => fixOrphans('reassign')}>改为企业整体</Button>
              <Popconfirm title={`删除这 ${orphans.length} 条记录？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => fixOrphans('delete')}>
                <Button size="small" danger>删除</Button>
              </Popconfirm>
            </Space>
          }
        />
      )}
      {outliers.length > 0 && (
        <Alert type="warning" showIcon title="以下记录与相邻月份相差 10 倍以上，尚未确认" description={outliers.map((o) => o.message).join('；')} />
      )}
      {rows.length === 0 && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={`${year} 年${scopeKey === ALL_SITES_KEY ? '' : '该场所'}尚无能源记录：可逐月录入，或从电表、账单导出的表格导入。`}
        />
      )}
      <LedgerYearTable
        year={year}
        scopeKey={scopeKey}
        stores={record.stores}
        rows={rows}
        totals={totals}
        pue={pue}
        annualPue={pueOfYear}
        currentMonth={currentMonth}
        onOpen={(reading: EnergyReading) => setEditor({ editing: reading })}
        onAdd={({ month, row }) => {
          const template = row.months.find((r) => r !== null);
          openNew({ month, energyType: row.energyType, unit: template?.unit ?? '', isItEquipment: row.isItEquipment, siteId: row.siteId });
        }}
      />
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<Space><ThunderboltOutlined /><Typography.Title level={4} style={{ margin: 0 }}>能源台账</Typography.Title><Typography.Text type="secondary">{record.company.name}</Typography.Text></Space>}
        extra={
          <Space wrap>
            <Select aria-label="场所" style={{ width: 260 }} value={scopeKey} options={scopeOptions} onChange={(v: string) => setSiteParam(v === ALL_SITES_KEY ? null : v)} />
            <Select aria-label="年份" style={{ width: 110 }} value={year} options={years.map((y) => ({ value: y, label: `${y} 年` }))} onChange={(y: number) => setYearParam(String(y))} />
          </Space>
        }
        styles={{ body: { paddingTop: 12 } }}
      >
        <SubmissionStrip record={record} settings={settings} year={year} today={today} />
        <Tabs
          activeKey={tab}
          onChange={(key) => setTabParam(key === 'ledger' ? null : key)}
          destroyOnHidden
          items={[
            { key: 'ledger', label: '月度台账', children: ledgerTab },
            { key: 'analysis', label: isDataCentre ? '分析与 PUE' : '分析与图表', children: <AnalysisPanel record={record} settings={settings} year={year} scopeKey={scopeKey} /> },
            { key: 'coefficients', label: '折标系数', children: <CoefficientSettings companyId={record.company.id} settings={settings} readings={readings} stores={record.stores} year={year} /> },
            { key: 'targets', label: '目标与强度', children: <YearFiguresPanel companyId={record.company.id} settings={settings} readings={readings} stores={record.stores} year={year} /> },
            { key: 'people', label: '能源管理负责人与培训', children: <TrainingPanel record={record} year={year} personFilter={personParam} onPersonFilter={setPersonParam} /> },
          ]}
        />
      </Card>
      {editor && (
        <ReadingFormModal record={record} settings={settings} editing={editor.editing} defaults={editor.defaults} today={today} onClose={() => setEditor(null)} />
      )}
      {isGridOpen && (
        <ReadingGridModal record={record} settings={settings} year={year} defaultSiteKey={siteId ?? COMPANY_WIDE_KEY} today={today} onClose={() => setIsGridOpen(false)} />
      )}
      {isImporting && (
        <MeterImportModal record={record} settings={settings} defaultSiteKey={siteId ?? COMPANY_WIDE_KEY} today={today} onClose={() => setIsImporting(false)} />
      )}
    </Space>
  );
}
