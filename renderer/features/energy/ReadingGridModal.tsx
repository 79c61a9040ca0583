import { Alert, App, Button, Checkbox, Input, Modal, Select, Space, Typography, type InputRef } from 'antd';
import { errorMessage } from '../../components/failureDialog';
import { useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import { BUILTIN_ENERGY_TYPES, isBuiltinEnergyType, UNITS_BY_ENERGY_TYPE } from '../../../shared/energy/energyTypes';
import { checkGrid, initialGridRows, seriesKey, seriesLabel, type GridCellCheck, type GridRow } from '../../../shared/energy/gridEntry';
import { isBlockPaste, pasteIntoGrid, readGridCell } from '../../../shared/energy/gridPaste';
import { customEnergyTypes, monthsOfYear, type EnergySettings } from '../../../shared/energy/ledger';
import { ENERGY_UNITS } from '../../../shared/energy/units';
import { useRepositories } from '../../storage/repositories';
import { newId } from '../../storage/newId';
import { COMPANY_WIDE_KEY, COMPANY_WIDE_LABEL, currentLedgerMonth, formatAmount, formatTce } from './energyModel';

function unitsFor(energyType: string): readonly string[] {
  return isBuiltinEnergyType(energyType) ? UNITS_BY_ENERGY_TYPE[energyType] : ENERGY_UNITS;
}

export interface ReadingGridModalProps {
  readonly record: CompanyRecord;
  readonly settings: EnergySettings;
  readonly year: number;
  /** The page's site, or COMPANY_WIDE_KEY. */
  readonly defaultSiteKey: string;
  readonly today: IsoDate;
  readonly onClose: () => void;
}

const CELL_BACKGROUND: Partial<Record<GridCellCheck['status'], string>> = { valid: '#e6f4ff' };

/**
 * A year of one site at once: one row per energy type (and IT flag and unit), twelve month cells.
 * Cells are typed or pasted from Excel (a row of 12 values or a block of rows); each changed cell
 * is checked as the single-month dialog checks it and its Chinese reason shown under it. Nothing
 * is stored until the officer confirms; then all valid months go in one transaction.
 */
export function ReadingGridModal({ record, settings, year, defaultSiteKey, today, onClose }: ReadingGridModalProps) {
  const repositories = useRepositories();
  const { modal, message } = App.useApp();
  const companyId = record.company.id;
  const readings = useMemo(() => record.energyReadings ?? [], [record.energyReadings]);
  const currentMonth = currentLedgerMonth(today);
  const months = monthsOfYear(year);
  const [siteKey, setSiteKey] = useState(defaultSiteKey);
  const siteId = siteKey === COMPANY_WIDE_KEY ? null : siteKey;
  const [rows, setRows] = useState<GridRow[]>(() => initialGridRows({ companyId, siteId, year, existing: readings }, unitsFor('电力')[0] ?? 'kWh'));
  const [notice, setNotice] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [newType, setNewType] = useState('电力');
  const [newUnit, setNewUnit] = useState(unitsFor('电力')[0] ?? 'kWh');
  const [newIsIt, setNewIsIt] = useState(false);
  const inputs = useRef(new Map<string, InputRef>());

  const site = record.stores.find((s) => s.id === siteId);
  const isDataCentre = site?.kind === '数据中心';
  const typeOptions = useMemo(() => [...BUILTIN_ENERGY_TYPES, ...customEnergyTypes(settings, BUILTIN_ENERGY_TYPES)].map((t) => ({ value: t, label: t })), [settings]);

  // New ids on every check: a check is used whole (cells, outlier flags and the months to save together).
  const check = useMemo(
    () => checkGrid(rows, { companyId, siteId, year, stores: record.stores, existing: readings, settings, currentMonth, newId }),
    [rows, companyId, siteId, year, record.stores, readings, settings, currentMonth],
  );
  const isDirty = check.cells.flat().some((c) => c.status === 'valid' || c.status === 'refused');

  const changeSite = (key: string) => {
    setSiteKey(key);
    setRows(initialGridRows({ companyId, siteId: key === COMPANY_WIDE_KEY ? null : key, year, existing: readings }, unitsFor('电力')[0] ?? 'kWh'));
    setNotice(null);
    setSaveError(null);
  };

  const setCell = (r: number, m: number, text: string) => {
    setRows((current) => current.map((row, i) => (i === r ? { ...row, cells: row.cells.map((c, j) => (j === m ? text : c)) } : row)));
    setSaveError(null);
  };

  const focusCell = (r: number, m: number) => {
    const target = inputs.current.get(`${r}:${m}`);
    if (!target) return;
    target.focus();
    target.select();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, r: number, m: number) => {
    const input = event.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    let target: [number, number] | null = null;
    if (event.key === 'ArrowUp') target = [r - 1, m];
    else if (event.key === 'ArrowDown' || event.key === 'Enter') target = [r + 1, m];
    else if (event.key === 'ArrowLeft' && atStart) target = [r, m - 1];
    else if (event.key === 'ArrowRight' && atEnd) target = [r, m + 1];
    if (!target) return;
    event.preventDefault();
    const [tr, tm] = target;
    if (tr >= 0 && tr < rows.length && tm >= 0 && tm < 12) focusCell(tr, tm);
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>, r: number, m: number) => {
    const text = event.clipboardData.getData('text/plain');
    if (!isBlockPaste(text)) return;
    event.preventDefault();
    const result = pasteIntoGrid(rows.map((row) => row.cells), r, m, text);
    setRows(rows.map((row, i) => ({ ...row, cells: result.cells[i] ?? row.cells })));
    setNotice(`已粘贴 ${result.written.length} 个单元格${result.cutOff > 0 ? `；另有 ${result.cutOff} 个超出表格范围（多于 12 个月或多于现有行数），未粘贴` : ''}。尚未保存，请核对后点击“保存”。`);
    setSaveError(null);
  };

  const addRow = () => {
    const series = { energyType: newType, unit: newUnit, isItEquipment: isDataCentre && newType === '电力' && newIsIt };
    if (rows.some((row) => seriesKey(row.series) === seriesKey(series))) {
      setNotice(`${seriesLabel(series)}已在表中。`);
      return;
    }
    setRows([...rows, { series, cells: months.map(() => '') }]);
    setNotice(null);
  };

  const removeRow = (r: number) => setRows(rows.filter((_, i) => i !== r));

  const save = () => {
    const outliers = check.cells.flat().flatMap((c) => (c.status === 'valid' ? c.outliers : []));
    const corrections = check.cells.flat().filter((c) => c.status === 'valid' && c.stored !== null).length;
    modal.confirm({
      title: `保存 ${check.valid.length} 个月的用量？`,
      width: 600,
      content: (
        <Space orientation="vertical">
          <Typography.Text>
            {site ? site.name : COMPANY_WIDE_LABEL} {year} 年：新增 {check.valid.length - corrections} 个月{corrections > 0 ? `，更正已有记录 ${corrections} 个月` : ''}，一次写入。
          </Typography.Text>
          {check.refusedCount > 0 && <Typography.Text type="danger">另有 {check.refusedCount} 个单元格有误，不会保存，仍留在表中待修改。</Typography.Text>}
          {outliers.length > 0 && (
            <>
              <Typography.Text type="warning">以下月份与相邻月份相差 10 倍以上：</Typography.Text>
              {outliers.map((o) => <Typography.Text key={`${o.readingId}-${o.neighbourMonth}`}>{o.message}</Typography.Text>)}
              <Typography.Text type="secondary">确认无误的异常值会被标记，不再提示。</Typography.Text>
            </>
          )}
        </Space>
      ),
      okText: outliers.length > 0 ? '确认无误，保存' : '保存',
      cancelText: '返回修改',
      onOk: async () => {
        const flagged = new Set(outliers.map((o) => o.readingId));
        const toSave = check.valid.map((r) => (flagged.has(r.id) ? { ...r, confirmedOutlier: true } : r));
        setIsSaving(true);
        try {
          await repositories.saveEnergyReadings(toSave);
          void message.success(`已保存 ${toSave.length} 个月的用量`);
          setNotice(null);
          if (check.refusedCount === 0) onClose();
        } catch (e) {
          setSaveError(errorMessage(e));
        } finally {
          setIsSaving(false);
        }
      },
    });
  };

  const close = () => {
    if (!isDirty) {
      onClose();
      return;
    }
    modal.confirm({ title: '放弃未保存的修改？', content: '表中已填写但未保存的用量将不会保存。', okText: '放弃', okButtonProps: { danger: true }, cancelText: '继续填写', onOk: onClose });
  };

  const rowTotal = (row: GridRow) => row.cells.reduce((sum, text) => {
    const value = readGridCell(text);
    return value.kind === 'number' ? sum + value.value : sum;
  }, 0);

  return (
    <Modal
      open
      title={`按年录入（12 个月）· ${year} 年`}
      width="min(1560px, 96vw)"
      onCancel={close}
      mask={{ closable: false }}
      footer={
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Text aria-live="polite">
            待保存 {check.valid.length} 个月
            {check.refusedCount > 0 && <Typography.Text type="danger" style={{ marginLeft: 12 }}>有误 {check.refusedCount} 处</Typography.Text>}
            {check.outlierCount > 0 && <Typography.Text type="warning" style={{ marginLeft: 12 }}>需确认 {check.outlierCount} 处</Typography.Text>}
          </Typography.Text>
          <Space>
            <Button onClick={close}>取消</Button>
            <Button type="primary" loading={isSaving} disabled={check.valid.length === 0} onClick={save}>保存</Button>
          </Space>
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>场所</Typography.Text>
          <Select
            aria-label="录入场所"
            style={{ width: 280 }}
            value={siteKey}
            onChange={changeSite}
            options={[{ value: COMPANY_WIDE_KEY, label: COMPANY_WIDE_LABEL }, ...record.stores.map((s) => ({ value: s.id, label: `${s.name}（${s.kind}）` }))]}
          />
          <Typography.Text type="secondary">可直接粘贴从 Excel 复制的一行 12 个月（或多行）数据；方向键、回车在单元格间移动。空单元格表示不录入。</Typography.Text>
        </Space>
        {notice && <Alert type="info" showIcon title={notice} />}
        {saveError && <Alert type="error" showIcon title="保存失败，未写入任何月份" description={saveError} />}
        <div style={{ overflowX: 'auto' }}>
          <table className="energy-grid" aria-label={`${year} 年逐月用量`} style={{ borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed', minWidth: 1100 }}>
            <colgroup>
              <col style={{ width: 150 }} />
              {months.map((m) => <col key={m} />)}
              <col style={{ width: 96 }} />
            </colgroup>
            <thead>
              <tr>
                <th scope="col" style={{ textAlign: 'left', padding: 4 }}>能源品种（单位）</th>
                {months.map((m) => <th scope="col" key={m} style={{ padding: 4, fontWeight: 500 }}>{Number(m.slice(5))}月</th>)}
                <th scope="col" style={{ textAlign: 'right', padding: 4 }}>合计</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => {
                const label = seriesLabel(row.series);
                const hasStored = check.cells[r]?.some((c) => c.status === 'unchanged' || (c.status === 'valid' && c.stored !== null)) ?? false;
                const tce = check.cells[r]?.reduce((sum, c) => sum + (c.status === 'valid' ? c.reading.tce : c.status === 'unchanged' ? c.stored.tce : 0), 0) ?? 0;
                return (
                  <tr key={seriesKey(row.series) + String(r)} style={{ verticalAlign: 'top' }}>
                    <th scope="row" style={{ textAlign: 'left', padding: 4, fontWeight: 500 }}>
                      <div>{label}</div>
                      {row.series.isItEquipment && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>仅用于 PUE</Typography.Text></div>}
                      {/* Only an empty row can go: typed or pasted figures are never dropped by a click. */}
                      {!hasStored && rows.length > 1 && row.cells.every((c) => c.trim() === '') && <div><Button type="link" size="small" style={{ padding: 0 }} onClick={() => removeRow(r)}>移除此行</Button></div>}
                    </th>
                    {months.map((month, m) => {
                      const cell = check.cells[r]?.[m] ?? { status: 'empty' as const };
                      const messages = cell.status === 'refused' ? cell.messages : cell.status === 'valid' ? cell.outliers.map((o) => o.message) : [];
                      const messageId = `energy-grid-${r}-${m}`;
                      return (
                        <td key={month} style={{ padding: 2 }}>
                          <Input
                            ref={(el) => { if (el) inputs.current.set(`${r}:${m}`, el); else inputs.current.delete(`${r}:${m}`); }}
                            size="small"
                            inputMode="decimal"
                            autoComplete="off"
                            aria-label={`${month} ${label}`}
                            aria-invalid={cell.status === 'refused'}
                            aria-describedby={messages.length > 0 ? messageId : undefined}
                            status={cell.status === 'refused' ? 'error' : messages.length > 0 ? 'warning' : undefined}
                            placeholder={month > currentMonth ? '未到' : ''}
                            value={row.cells[m] ?? ''}
                            style={{ textAlign: 'right', background: CELL_BACKGROUND[cell.status] }}
                            onChange={(e) => setCell(r, m, e.target.value)}
                            onKeyDown={(e) => onKeyDown(e, r, m)}
                            onPaste={(e) => onPaste(e, r, m)}
                          />
                          {messages.length > 0 && (
                            <div id={messageId} style={{ fontSize: 12, lineHeight: 1.35, color: cell.status === 'refused' ? '#cf1322' : '#ad6800', marginTop: 2, wordBreak: 'break-all' }}>
                              {messages.join('；')}
                            </div>
                          )}
                        </td>
                      );
                    })}
                    <td style={{ textAlign: 'right', padding: 4, whiteSpace: 'nowrap' }}>
                      <div>{formatAmount(rowTotal(row))}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{row.series.isItEquipment ? '不计入' : `${formatTce(tce)} tce`}</Typography.Text>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <Space wrap>
          <Typography.Text>添加一行：</Typography.Text>
          <Select aria-label="新行能源品种" style={{ width: 140 }} value={newType} options={typeOptions} onChange={(t: string) => { setNewType(t); setNewUnit(unitsFor(t)[0] ?? ''); }} />
          <Select aria-label="新行单位" style={{ width: 120 }} value={newUnit} options={unitsFor(newType).map((u) => ({ value: u, label: u }))} onChange={setNewUnit} />
          {isDataCentre && newType === '电力' && <Checkbox checked={newIsIt} onChange={(e) => setNewIsIt(e.target.checked)}>IT 设备用电</Checkbox>}
          <Button onClick={addRow}>添加</Button>
        </Space>
      </Space>
    </Modal>
  );
}
