import { ExclamationCircleOutlined, PaperClipOutlined, PlusOutlined } from '../../components/icons';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Store } from '../../../shared/domain/company';
import type { MonthlyTotal } from '../../../shared/energy/comparisons';
import { monthsOfYear, type EnergyReading, type LedgerMonth } from '../../../shared/energy/ledger';
import type { MonthlyPue } from '../../../shared/energy/pue';
import { ALL_SITES_KEY, formatAmount, formatPue, formatTce, siteLabel, type LedgerRow, type ScopeKey } from './energyModel';

type TableRow =
  | { readonly kind: 'reading'; readonly key: string; readonly row: LedgerRow }
  | { readonly kind: 'total'; readonly key: string; readonly totals: readonly MonthlyTotal[] }
  | { readonly kind: 'pue'; readonly key: string; readonly pue: readonly MonthlyPue[] };

const ITEM_WIDTH = 160;
const MONTH_WIDTH = 108;
// Wide enough for "11,203.564 tce" on one line.
const YEAR_WIDTH = 140;

function rowTitle(row: LedgerRow, scopeKey: ScopeKey, stores: readonly Store[]): string {
  const type = `${row.energyType}${row.isItEquipment ? '（其中 IT 设备）' : ''}`;
  return scopeKey === ALL_SITES_KEY ? `${siteLabel(row.siteId, stores)} · ${type}` : type;
}

export interface LedgerYearTableProps {
  readonly year: number;
  readonly scopeKey: ScopeKey;
  readonly stores: readonly Store[];
  readonly rows: readonly LedgerRow[];
  readonly totals: readonly MonthlyTotal[];
  /** Monthly PUE when the scope is a data centre. */
  readonly pue: readonly MonthlyPue[] | null;
  /** The year's PUE (Σ total ÷ Σ IT), shown in the PUE row's 全年 cell. */
  readonly annualPue: number | null;
  /** Months after it are not offered for entry. */
  readonly currentMonth: LedgerMonth;
  readonly onOpen: (reading: EnergyReading) => void;
  readonly onAdd: (prefill: { readonly month: LedgerMonth; readonly row: LedgerRow }) => void;
}

/**
 * The year at a glance: one row per site, energy type and IT flag; one column per month.
 *
 * Twelve months of amounts with their unit and tce (a data centre's 1,049.935 tce, 854.3 万kWh)
 * cannot be read in the ~950 px a 1280×800 window leaves, so the table scrolls sideways on purpose:
 * 项目 (which row is which) is fixed on the left and 全年 on the right, so a scrolled month is never
 * read without its row and the year's total. At 1920 × 1080 every month is in view.
 */
export function LedgerYearTable({ year, scopeKey, stores, rows, totals, pue, annualPue, currentMonth, onOpen, onAdd }: LedgerYearTableProps) {
  const months = monthsOfYear(year);
  const data: TableRow[] = [
    ...rows.map((row): TableRow => ({ kind: 'reading', key: row.key, row })),
    { kind: 'total', key: 'total', totals },
    ...(pue ? [{ kind: 'pue', key: 'pue', pue } as const] : []),
  ];

  const cell = (row: LedgerRow, month: LedgerMonth, index: number) => {
    const reading = row.months[index] ?? null;
    const title = rowTitle(row, scopeKey, stores);
    if (!reading) {
      if (month > currentMonth) return null;
      return (
        <Button type="text" size="small" className="energy-add-cell" aria-label={`录入 ${month} ${title}`} icon={<PlusOutlined />} onClick={() => onAdd({ month, row })} />
      );
    }
    return (
      <Button
        type="text"
        size="small"
        style={{ height: 'auto', padding: '2px 4px', display: 'block', width: '100%', textAlign: 'right' }}
        aria-label={`${month} ${title}：${formatAmount(reading.amount)} ${reading.unit}`}
        onClick={() => onOpen(reading)}
      >
        <div style={{ whiteSpace: 'nowrap' }}>
          {reading.confirmedOutlier && (
            <Tooltip title="已确认的异常值（与相邻月份相差 10 倍以上）"><ExclamationCircleOutlined style={{ color: '#d48806', marginRight: 2 }} /></Tooltip>
          )}
          {reading.documentId && <PaperClipOutlined style={{ color: '#8c8c8c', marginRight: 2 }} />}
          {formatAmount(reading.amount)} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{reading.unit}</Typography.Text>
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {row.isItEquipment ? '不计入' : `${formatTce(reading.tce)} tce`}
        </Typography.Text>
      </Button>
    );
  };

  const columns: ColumnsType<TableRow> = [
    {
      title: '项目',
      key: 'item',
      fixed: 'left',
      width: ITEM_WIDTH,
      render: (_: unknown, r) => {
        if (r.kind === 'total') return <Typography.Text strong>综合能耗（tce）</Typography.Text>;
        if (r.kind === 'pue') return <Typography.Text strong>PUE（总用电 ÷ IT 用电）</Typography.Text>;
        return (
          <div>
            <Typography.Text>{rowTitle(r.row, scopeKey, stores)}</Typography.Text>
            {r.row.isItEquipment && <Tag style={{ marginLeft: 4 }}>仅用于 PUE</Tag>}
          </div>
        );
      },
    },
    ...months.map((month, i) => ({
      title: `${i + 1}月`,
      key: month,
      width: MONTH_WIDTH,
      align: 'right' as const,
      render: (_: unknown, r: TableRow) => {
        if (r.kind === 'reading') return cell(r.row, month, i);
        if (r.kind === 'total') {
          const t = r.totals[i];
          if (!t || t.tce === null) return <Typography.Text type="secondary" style={{ fontSize: 12 }}>{month > currentMonth ? '' : '未录入'}</Typography.Text>;
          return <Typography.Text strong>{formatTce(t.tce)}</Typography.Text>;
        }
        const p = r.pue[i];
        return p?.pue != null ? <Typography.Text strong>{formatPue(p.pue)}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>;
      },
    })),
    {
      title: '全年',
      key: 'year',
      width: YEAR_WIDTH,
      align: 'right',
      fixed: 'right',
      render: (_: unknown, r) => {
        if (r.kind === 'reading') return r.row.isItEquipment ? <Typography.Text type="secondary">不计入</Typography.Text> : `${formatTce(r.row.tce)} tce`;
        if (r.kind === 'total') {
          if (r.totals.every((t) => t.tce === null)) return <Typography.Text type="secondary">—</Typography.Text>;
          const sum = r.totals.reduce((s, t) => s + (t.tce ?? 0), 0);
          return <Typography.Text strong>{formatTce(Math.round(sum * 1_000_000) / 1_000_000)}</Typography.Text>;
        }
        return annualPue === null ? <Typography.Text type="secondary">—</Typography.Text> : <Typography.Text strong title="全年总用电 ÷ 全年 IT 用电">{formatPue(annualPue)}</Typography.Text>;
      },
    },
  ];

  return (
    <Table<TableRow>
      size="small"
      bordered
      rowKey="key"
      aria-label={`${year} 年月度台账`}
      pagination={false}
      dataSource={data}
      columns={columns}
      scroll={{ x: ITEM_WIDTH + 12 * MONTH_WIDTH + YEAR_WIDTH }}
      rowClassName={(r) => (r.kind === 'reading' ? '' : 'energy-summary-row')}
      locale={{ emptyText: '本年尚无记录' }}
    />
  );
}
