import { FilePdfOutlined, FileImageOutlined } from '../../components/icons';
import { errorMessage } from '../../components/failureDialog';
import { Alert, App, Button, Card, Col, Descriptions, Progress, Row, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import {
  companyIntensity, intensity, monthOverMonth, siteScope, targetProgress, yearOverYear, COMPANY_SCOPE,
} from '../../../shared/energy/comparisons';
import { DATA_CENTRE_REALTIME_DUTY } from '../../../shared/energy/duties';
import { buildEnergyChartOption, buildEnergyChartSvg, energyChartInput } from '../../../shared/energy/energyChart';
import { yearFigures, type EnergySettings } from '../../../shared/energy/ledger';
import { annualPue, monthlyPue, PUE_ISSUE_MESSAGES } from '../../../shared/energy/pue';
import { platform } from '../../platform/platform';
import { EnergyChartView } from './EnergyChartView';
import {
  ALL_SITES_KEY, formatAmount, formatPercent, formatPue, formatTce, isDataCentreSite, monthLabel, scopeLabel, scopeOf, siteIdOfScope, type ScopeKey,
} from './energyModel';

const CHART_WIDTH = 960;
const CHART_HEIGHT = 480;

interface ComparisonRow {
  readonly month: string;
  readonly tce: number | null;
  readonly previousMonth: number | null;
  readonly mom: number | null;
  readonly lastYear: number | null;
  readonly yoy: number | null;
  readonly cumulative: number;
  readonly shareOfTarget: number | null;
  readonly totalKwh: number | null;
  readonly itKwh: number | null;
  readonly pue: number | null;
  readonly pueNote: string | null;
}

/**
 * The year in charts and numbers: monthly 综合能耗 by energy type against last year (and PUE for a
 * data centre) as the domain's ECharts option, with the same numbers in a table under it; 环比, 同比, running total
 * against the company's target and intensity per revenue or floor area.
 */
export function AnalysisPanel({ record, settings, year, scopeKey }: {
  readonly record: CompanyRecord;
  readonly settings: EnergySettings;
  readonly year: number;
  readonly scopeKey: ScopeKey;
}) {
  const { message } = App.useApp();
  const [isExporting, setIsExporting] = useState(false);
  const readings = useMemo(() => record.energyReadings ?? [], [record.energyReadings]);
  const scope = useMemo(() => scopeOf(scopeKey), [scopeKey]);
  const siteId = siteIdOfScope(scopeKey);
  const isCompany = scopeKey === ALL_SITES_KEY;
  const isDataCentre = !isCompany && isDataCentreSite(siteId, record.stores);
  const store = record.stores.find((s) => s.id === siteId) ?? null;
  const figures = yearFigures(settings, year);
  const label = scopeLabel(scopeKey, record.stores);
  const title = `${record.company.name} ${label} ${year} 年月度综合能耗${isDataCentre ? '与 PUE' : ''}`;

  const model = useMemo(() => {
    const target = isCompany ? (figures?.targetTce ?? null) : null;
    const chart = energyChartInput(readings, year, scope, { title, isDataCentre, width: CHART_WIDTH, height: CHART_HEIGHT });
    const mom = monthOverMonth(readings, year, scope);
    const yoy = yearOverYear(readings, year, scope);
    const progress = targetProgress(readings, year, target, isCompany ? COMPANY_SCOPE : scope);
    const pueMonths = isDataCentre && siteId ? monthlyPue(readings, siteId, year) : null;
    const pueYear = isDataCentre && siteId ? annualPue(readings, siteId, year) : null;
    const rows: ComparisonRow[] = mom.map((m, i) => {
      const p = pueMonths?.[i];
      return {
        month: m.month, tce: m.tce, previousMonth: m.compareTce, mom: m.changePercent, lastYear: yoy[i]?.compareTce ?? null,
        yoy: yoy[i]?.changePercent ?? null, cumulative: progress.months[i]?.cumulativeTce ?? 0, shareOfTarget: progress.months[i]?.shareOfTarget ?? null,
        totalKwh: p?.totalKwh ?? null, itKwh: p?.itKwh ?? null, pue: p?.pue ?? null,
        pueNote: p?.issue && p.issue !== 'noData' ? PUE_ISSUE_MESSAGES[p.issue] : null,
      };
    });
    const intensityOfYear = isCompany
      ? companyIntensity(readings, year, figures)
      : intensity(readings, year, siteScope(siteId), { revenueWanYuan: null, floorAreaSqm: store?.floorAreaSqm ?? null });
    return { chart, option: buildEnergyChartOption(chart, { withTitle: false }), rows, progress, pueYear, intensityOfYear, hasData: chart.tce.some((t) => t !== null) };
  }, [readings, year, scope, isCompany, isDataCentre, siteId, store, figures, title]);

  const exportChart = (kind: 'png' | 'pdf') => {
    setIsExporting(true);
    void (async () => {
      try {
        const fileBase = `${record.company.name}-${label}-${year}年能耗图表`.replace(/[\\/:*?"<>|]/g, '_');
        // The same option rendered by ECharts' server-side SVG renderer: the export is what is on screen.
        const svg = buildEnergyChartSvg(model.chart);
        // Loaded on the first export: the PDF needs pdf-lib, which the page does not load to show itself.
        const { chartPdfBytes, chartPngBytes } = await import('./chartExport');
        const isSaved = kind === 'png'
          ? await platform.saveFile(`${fileBase}.png`, await chartPngBytes(svg, CHART_WIDTH, CHART_HEIGHT), [{ name: 'PNG 图片', extensions: ['png'] }])
          : await platform.saveFile(`${fileBase}.pdf`, await chartPdfBytes(svg, CHART_WIDTH, CHART_HEIGHT, title), [{ name: 'PDF 文件', extensions: ['pdf'] }]);
        if (isSaved) void message.success(`已导出图表（${kind.toUpperCase()}）`);
      } catch (e) {
        void message.error(errorMessage(e, { lead: '导出失败' }));
      } finally {
        setIsExporting(false);
      }
    })();
  };

  const { progress, pueYear, intensityOfYear } = model;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {isDataCentre && (
        <Alert
          type="info"
          showIcon
          title={DATA_CENTRE_REALTIME_DUTY.title}
          description={`${DATA_CENTRE_REALTIME_DUTY.appliesTo}。${DATA_CENTRE_REALTIME_DUTY.note}`}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={`月度综合能耗图 · ${label} ${year} 年`}
            extra={
              <Space>
                <Button size="small" icon={<FileImageOutlined />} loading={isExporting} disabled={!model.hasData} onClick={() => exportChart('png')}>导出 PNG</Button>
                <Button size="small" icon={<FilePdfOutlined />} loading={isExporting} disabled={!model.hasData} onClick={() => exportChart('pdf')}>导出 PDF</Button>
              </Space>
            }
          >
            <EnergyChartView option={model.option} title={title} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>悬停查看当月各能源品种折标煤、PUE 与上年同月；点击图例可显示或隐藏该系列。</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={`${year} 年概况 · ${label}`} style={{ height: '100%' }}>
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <Statistic title="全年综合能耗（tce，不含 IT 分表）" value={formatTce(progress.totalTce)} />
              {isCompany && (
                progress.targetTce === null ? (
                  <Typography.Text type="secondary">未设定 {year} 年能耗目标（在“目标与强度”中设置）。</Typography.Text>
                ) : (
                  <div>
                    <Typography.Text>年度目标 {formatTce(progress.targetTce)} tce，已用</Typography.Text>
                    <Progress
                      percent={Math.round((progress.shareOfTarget ?? 0) * 1000) / 10}
                      status={progress.isOverTarget ? 'exception' : 'normal'}
                      aria-label="年度目标完成比例"
                    />
                    <Typography.Text type={progress.isOverTarget ? 'danger' : 'secondary'}>
                      {progress.isOverTarget ? `已超出目标 ${formatTce(-(progress.remainingTce ?? 0))} tce` : `剩余 ${formatTce(progress.remainingTce)} tce`}
                    </Typography.Text>
                  </div>
                )
              )}
              {pueYear && (
                <div aria-label="年度 PUE">
                  <Statistic title={`年度 PUE（${pueYear.monthsCounted.length} 个月，全年总用电 ÷ 全年 IT 用电）`} value={formatPue(pueYear.pue)} />
                  {pueYear.monthsIncomplete.length > 0 && (
                    <Typography.Text type="warning">{pueYear.monthsIncomplete.join('、')} 只有一块表的读数，未计入年度 PUE。</Typography.Text>
                  )}
                  {pueYear.hasOtherEnergy && <div><Typography.Text type="secondary">PUE 只按电力计算，柴油等其他能源不计入。</Typography.Text></div>}
                </div>
              )}
              <Descriptions size="small" column={1}>
                {isCompany && (
                  <Descriptions.Item label="万元营业收入能耗">
                    {intensityOfYear.tcePerWanYuan === null ? '未填写营业收入' : `${intensityOfYear.tcePerWanYuan.toFixed(4)} tce/万元`}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label="单位面积能耗">
                  {intensityOfYear.kgcePerSqm === null ? '未填写建筑面积' : `${intensityOfYear.kgcePerSqm.toFixed(2)} kgce/m²（${formatAmount(intensityOfYear.floorAreaSqm ?? 0)} m²）`}
                </Descriptions.Item>
              </Descriptions>
            </Space>
          </Card>
        </Col>
      </Row>
      <Card size="small" title="逐月对比（tce）">
        <Table<ComparisonRow>
          size="small"
          rowKey="month"
          aria-label="逐月对比"
          pagination={false}
          dataSource={model.rows}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '月份', dataIndex: 'month', width: 70, render: (m: string) => monthLabel(m) },
            { title: '本月', dataIndex: 'tce', align: 'right', render: (v: number | null) => (v === null ? <Typography.Text type="secondary">未录入</Typography.Text> : formatTce(v)) },
            { title: '上月', dataIndex: 'previousMonth', align: 'right', render: (v: number | null) => formatTce(v) },
            { title: '环比', dataIndex: 'mom', align: 'right', render: (v: number | null) => formatPercent(v) },
            { title: '上年同月', dataIndex: 'lastYear', align: 'right', render: (v: number | null) => formatTce(v) },
            { title: '同比', dataIndex: 'yoy', align: 'right', render: (v: number | null) => formatPercent(v) },
            { title: '累计', dataIndex: 'cumulative', align: 'right', render: (v: number) => formatTce(v) },
            ...(isCompany ? [{ title: '占年度目标', dataIndex: 'shareOfTarget', align: 'right' as const, render: (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`) }] : []),
            ...(isDataCentre
              ? [
                  { title: '总用电（kWh）', dataIndex: 'totalKwh', align: 'right' as const, render: (v: number | null) => (v === null ? '—' : formatAmount(v)) },
                  { title: 'IT 用电（kWh）', dataIndex: 'itKwh', align: 'right' as const, render: (v: number | null) => (v === null ? '—' : formatAmount(v)) },
                  {
                    title: 'PUE', dataIndex: 'pue', align: 'right' as const,
                    render: (v: number | null, r: ComparisonRow) => (r.pueNote ? <Typography.Text type="warning" title={r.pueNote}>{formatPue(v)}（{r.pueNote}）</Typography.Text> : formatPue(v)),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
