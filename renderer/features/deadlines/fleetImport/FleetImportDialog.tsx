import { CheckCircleOutlined, DownloadOutlined, FileExcelOutlined, FileImageOutlined } from '../../../components/icons';
import { Alert, App, Button, Empty, Flex, InputNumber, Modal, Progress, Result, Select, Space, Steps, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { CompanyRecord } from '../../../../shared/domain/companyRecord';
import { localIsoDate } from '../../../../shared/domain/isoDate';
import {
  cellText, columnLetter, detectHeaderRow, headerTexts, REQUIRED_ROSTER_FIELDS, ROSTER_FIELD_LABELS, ROSTER_FIELDS,
  type AcceptedRow, type RejectedRow, type RosterField, type RosterMapping, type RosterValidation,
} from '../../../../shared/fleet/rosterImport';
import type { RosterReadProgress } from '../../../../shared/fleet/rosterWorkbook';
import { navigate } from '../../../app/hashLocation';
import { platform } from '../../../platform/platform';
import { useRepositories } from '../../../storage/repositories';
import { type FleetImportProgress } from '../../../storage/fleetRepository';
import { VIRTUAL_ROWS_FROM } from '../DutyTable';
import { checkRoster, mappingFor, openRoster, rejectedWorkbook, rejectedWorkbookName, type MappedRoster } from './fleetImportFlow';
import { errorMessage, failureMessage } from '../../../components/failureDialog';
import { normalizePlate } from '../../../../shared/validation/recordFindings';
import { recognizeScans, type RecognitionProgress } from '../../recognition/recognitionClient';
import { RecognitionReview } from '../../recognition/RecognitionReview';
import { SCAN_FILTERS } from '../../recognition/RecognizeScanDialog';
import { changeSourceFor, confirmBlockers } from '../../recognition/recognitionReview';
import {
  holdUndecided, notesByPlate, rosterFromScans, SCAN_IMPORT_NOTES, scanFlags, scanIndexOfRow, vehicleScanOf, withScanFacts,
  type FailedScan, type ScanBatch, type VehicleScan,
} from './scanRoster';

/*
 * 从 Excel 导入车辆: pick a roster .xlsx (read in a worker), match its columns to the vehicle
 * fields (suggested from the header names), check every row, show each rejected row with its
 * reasons, and only on confirmation write the accepted vehicles in one transaction. The steps
 * themselves are plain functions in fleetImportFlow.ts; this dialog shows them.
 */

type Mapped = MappedRoster;

type Step =
  | { readonly kind: 'pick'; readonly reading: RosterReadProgress | null; readonly error: string | null }
  /** 识别行驶证: the scans being recognised. */
  | { readonly kind: 'recognising'; readonly progress: RecognitionProgress }
  | ({ readonly kind: 'map'; readonly problems: readonly string[] } & Mapped)
  | ({ readonly kind: 'review'; readonly validation: RosterValidation } & Mapped)
  | { readonly kind: 'writing'; readonly progress: FleetImportProgress }
  | { readonly kind: 'done'; readonly count: number; readonly rejected: number };

const STEP_INDEX: Readonly<Record<Step['kind'], number>> = { pick: 0, recognising: 0, map: 1, review: 2, writing: 3, done: 3 };
const PREVIEW_ROWS = 5;

/**
 * `source` 'scans' (识别行驶证, issue 18): the rows come from recognised 行驶证 scans instead of a
 * roster; the same check, review table and write take them, and each vehicle's history entry
 * says which scan it was read from.
 */
/** The table's full width: the sum of its columns' widths (all given in pixels). */
function widthOf<T>(columns: TableColumnsType<T>): number {
  return columns.reduce((sum, column) => sum + (typeof column.width === 'number' ? column.width : 0), 0);
}

export function FleetImportDialog({ record, onClose, source = 'excel' }: { readonly record: CompanyRecord; readonly onClose: () => void; readonly source?: 'excel' | 'scans' }) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const isScans = source === 'scans';
  const [step, setStep] = useState<Step>({ kind: 'pick', reading: null, error: null });
  const [batch, setBatch] = useState<ScanBatch>({ scans: [], failed: [] });
  /** The scan whose values the officer is checking (its index in the batch). */
  const [checking, setChecking] = useState<{ readonly index: number; readonly scan: VehicleScan } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const today = useMemo(() => localIsoDate(new Date()), []);
  const existingPlates = useMemo(() => record.vehicles.map((v) => v.plate), [record.vehicles]);

  const pick = () => {
    void (async () => {
      let files;
      try {
        files = await platform.openFiles([{ name: 'Excel 工作簿', extensions: ['xlsx'] }]);
      } catch (e) {
        setStep({ kind: 'pick', reading: null, error: errorMessage(e, { reason: '无法读取所选文件' }) });
        return;
      }
      const file = files[0];
      if (file === undefined) return;
      setStep({ kind: 'pick', reading: { phase: 'opening', done: 0, total: 1 }, error: null });
      const opened = await openRoster(file.name, file.bytes, (progress) => setStep({ kind: 'pick', reading: progress, error: null }));
      if (opened.kind === 'unreadable') {
        setStep({ kind: 'pick', reading: null, error: failureMessage(opened.error, { lead: `无法导入“${file.name}”` }) });
        return;
      }
      if (opened.kind === 'empty') {
        setStep({ kind: 'pick', reading: null, error: `“${file.name}”中没有任何数据` });
        return;
      }
      setStep({ ...opened.mapped, kind: 'map', problems: [] });
    })();
  };

  const check = (mapped: Mapped) => {
    const checked = checkRoster(mapped, existingPlates, today);
    if (checked.kind === 'problems') {
      setStep({ ...mapped, kind: 'map', problems: checked.problems });
      return;
    }
    if (checked.kind === 'noSheet') return;
    setStep({ fileName: mapped.fileName, workbook: mapped.workbook, sheetIndex: mapped.sheetIndex, headerRowIndex: mapped.headerRowIndex, mapping: mapped.mapping, kind: 'review', validation: checked.validation });
  };

  const checkScans = (next: ScanBatch) => {
    setBatch(next);
    const mapped = rosterFromScans(next);
    const checked = checkRoster(mapped, existingPlates, today);
    if (checked.kind !== 'validated') return;
    const validation = { ...withScanFacts(holdUndecided(checked.validation, next), next), notes: SCAN_IMPORT_NOTES };
    setStep({ ...mapped, kind: 'review', validation });
  };

  const pickScans = () => {
    void (async () => {
      let files;
      try {
        files = await platform.openFiles(SCAN_FILTERS, { multiple: true });
      } catch (e) {
        setStep({ kind: 'pick', reading: null, error: errorMessage(e, { reason: '无法读取所选文件' }) });
        return;
      }
      if (files.length === 0) return;
      const controller = new AbortController();
      abort.current = controller;
      setStep({ kind: 'recognising', progress: { done: 0, total: files.length, current: files[0]?.name ?? null } });
      const results = await recognizeScans(files.map((f) => ({ name: f.name, bytes: f.bytes })), {
        kind: '行驶证',
        signal: controller.signal,
        onProgress: (progress) => { if (abort.current === controller) setStep({ kind: 'recognising', progress }); },
      });
      if (abort.current !== controller) return;
      abort.current = null;
      if (controller.signal.aborted) {
        setStep({ kind: 'pick', reading: null, error: null });
        return;
      }
      const scans: VehicleScan[] = [];
      const failed: FailedScan[] = [];
      results.forEach((result, i) => {
        const file = files[i];
        if (file === undefined) return;
        if (result.ok) scans.push(vehicleScanOf(file.name, file.bytes, result.value));
        else failed.push({ name: file.name, message: result.error.message });
      });
      if (scans.length === 0) {
        setStep({ kind: 'pick', reading: null, error: `所选扫描件都未能识别：${failed.map((f) => f.message).join('；')}` });
        return;
      }
      checkScans({ scans, failed });
    })();
  };

  const cancelRecognition = () => {
    abort.current?.abort();
    abort.current = null;
    setStep({ kind: 'pick', reading: null, error: '已取消识别，没有导入任何车辆。' });
  };

  const write = (accepted: readonly AcceptedRow[], rejected: number) => {
    setStep({ kind: 'writing', progress: { done: 0, total: accepted.length } });
    const vehicles = accepted.map((a) => a.vehicle);
    const onProgress = (progress: FleetImportProgress) => setStep({ kind: 'writing', progress });
    const notes = isScans ? notesByPlate(batch) : null;
    const written = notes === null
      ? repositories.importFleetVehicles(record.company.id, vehicles, onProgress)
      : repositories.writeWithSource(['companies', 'vehicles'], (table, row) => {
        const note = table === 'vehicles' && typeof row.plate === 'string' ? notes.get(normalizePlate(row.plate)) : undefined;
        return note === undefined ? null : changeSourceFor(note, row);
      }, () => repositories.importFleetVehicles(record.company.id, vehicles, onProgress));
    void written.then(
      (count) => setStep({ kind: 'done', count, rejected }),
      (e: unknown) => setStep({ kind: 'pick', reading: null, error: errorMessage(e, { lead: '导入失败，未导入任何车辆' }) }),
    );
  };

  const isBusy = step.kind === 'writing' || step.kind === 'recognising' || (step.kind === 'pick' && step.reading !== null);
  const scanOf = (rowNumber: number) => (isScans ? batch.scans[scanIndexOfRow(rowNumber)] : undefined);
  const scanColumns = <T extends { readonly rowNumber: number }>() => (isScans ? [
    { title: '扫描件', key: 'scan', width: 120, ellipsis: true, render: (_: unknown, r: T) => <Typography.Text style={{ fontSize: 12 }}>{scanOf(r.rowNumber)?.name ?? ''}</Typography.Text> },
    {
      title: '识别核对', key: 'flags', width: 110,
      render: (_: unknown, r: T) => {
        const scan = scanOf(r.rowNumber);
        if (scan === undefined) return null;
        const flags = scanFlags(scan);
        return (
          <Flex vertical gap={2} align="start">
            {flags.length > 0 ? <Tag color="orange" title={flags.join('\n')}>需核对 {flags.length} 项</Tag> : <Tag color="green">已通过校验</Tag>}
            <Button size="small" type="link" style={{ padding: 0 }} aria-label={`核对${scan.name}`} onClick={() => setChecking({ index: scanIndexOfRow(r.rowNumber), scan })}>核对</Button>
          </Flex>
        );
      },
    },
  ] : []);

  let body;
  let footer;
  switch (step.kind) {
    case 'pick': {
      const percent = step.reading === null ? 0 : step.reading.phase === 'opening' ? 10 : 10 + Math.floor((step.reading.done / Math.max(1, step.reading.total)) * 90);
      body = isScans ? (
        <Flex vertical gap={16}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            选择一份或多份机动车行驶证扫描件（JPG、PNG 图片或扫描的 PDF），每份识别为一辆车。识别在本机进行，不会上传。
          </Typography.Paragraph>
          <Typography.Text type="secondary">识别后逐行检查，与从 Excel 导入相同；有需核对的项目会标出，可逐份核对修改，确认后才导入。</Typography.Text>
          {step.error !== null && <Alert type="error" showIcon title={step.error} description="工作区中的车辆没有任何改动。" />}
        </Flex>
      ) : (
        <Flex vertical gap={16}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            选择车辆花名册（.xlsx），每行一辆车。可识别的列：{ROSTER_FIELDS.map((f) => ROSTER_FIELD_LABELS[f]).join('、')}；其中
            {REQUIRED_ROSTER_FIELDS.map((f) => `“${ROSTER_FIELD_LABELS[f]}”`).join('、')}必须有。日期可为 Excel 日期，或 2021-03-15、2021/3/15、2021年3月15日。
          </Typography.Paragraph>
          <Typography.Text type="secondary">下一步核对列的对应关系，再逐行检查；有问题的行会列出原因，不会被悄悄略过，也不会只导入一半。</Typography.Text>
          {step.reading !== null && <Progress percent={percent} status="active" aria-label="读取进度" format={() => (step.reading?.phase === 'opening' ? '正在打开文件…' : `${step.reading?.done ?? 0} / ${step.reading?.total ?? 0} 行`)} />}
          {step.error !== null && <Alert type="error" showIcon title={step.error} description="工作区中的车辆没有任何改动。" />}
        </Flex>
      );
      footer = [
        <Button key="cancel" onClick={onClose} disabled={isBusy}>取消</Button>,
        isScans
          ? <Button key="pick" type="primary" icon={<FileImageOutlined />} onClick={pickScans}>选择行驶证扫描件</Button>
          : <Button key="pick" type="primary" icon={<FileExcelOutlined />} loading={isBusy} onClick={pick}>选择 Excel 文件</Button>,
      ];
      break;
    }
    case 'recognising': {
      const { done, total, current } = step.progress;
      body = (
        <Flex vertical gap={12}>
          <Progress percent={Math.floor((done / Math.max(1, total)) * 100)} status="active" aria-label="识别进度" format={() => `已识别 ${done} / ${total}`} />
          <Typography.Text type="secondary">{current !== null ? `正在识别“${current}”…` : '正在识别…'}首次识别需加载识别模型，稍候片刻。</Typography.Text>
        </Flex>
      );
      footer = [<Button key="cancel" onClick={cancelRecognition}>取消</Button>];
      break;
    }
    case 'map': {
      const sheet = step.workbook.sheets[step.sheetIndex];
      const columnCount = sheet?.columnCount ?? 0;
      const headers = sheet === undefined ? [] : headerTexts(sheet.rows, step.headerRowIndex, columnCount);
      const dataRows = sheet === undefined ? [] : sheet.rows.slice(step.headerRowIndex + 1).filter((r) => r.length > 0).slice(0, PREVIEW_ROWS);
      const columnOptions = headers.map((h, i) => ({ value: i, label: `${columnLetter(i)} 列：${h === '' ? '（无标题）' : h}` }));
      const setMapped = (changes: Partial<Mapped>) => setStep({ ...step, ...changes, problems: [] });
      body = (
        <Flex vertical gap={12}>
          <Space wrap>
            <Typography.Text>文件：{step.fileName}</Typography.Text>
            {step.workbook.sheets.length > 1 && (
              <Select<number>
                aria-label="工作表"
                value={step.sheetIndex}
                style={{ width: 220 }}
                onChange={(i) => {
                  const next = step.workbook.sheets[i];
                  const header = next === undefined ? 0 : detectHeaderRow(next.rows) ?? 0;
                  setMapped({ sheetIndex: i, headerRowIndex: header, mapping: next === undefined ? {} : mappingFor(next, header) });
                }}
                options={step.workbook.sheets.map((s, i) => ({ value: i, label: `工作表：${s.name}（${s.rows.length} 行）` }))}
              />
            )}
            <Typography.Text>标题行：第</Typography.Text>
            <InputNumber
              aria-label="标题行"
              min={1}
              max={Math.max(1, sheet?.rows.length ?? 1)}
              precision={0}
              value={step.headerRowIndex + 1}
              onChange={(v) => {
                if (v === null || sheet === undefined) return;
                setMapped({ headerRowIndex: v - 1, mapping: mappingFor(sheet, v - 1) });
              }}
              style={{ width: 80 }}
            />
            <Typography.Text>行（已自动识别）</Typography.Text>
          </Space>
          <Table<RosterField>
            size="small"
            rowKey={(f) => f}
            pagination={false}
            dataSource={[...ROSTER_FIELDS]}
            columns={[
              {
                title: '车辆字段', key: 'field', width: 140,
                render: (_: unknown, f) => (
                  <Space size={4}>
                    {ROSTER_FIELD_LABELS[f]}
                    {REQUIRED_ROSTER_FIELDS.includes(f) ? <Tag color="red">必填</Tag> : null}
                  </Space>
                ),
              },
              {
                title: '对应的列', key: 'column', width: 280,
                render: (_: unknown, f) => (
                  <Select<number>
                    aria-label={`“${ROSTER_FIELD_LABELS[f]}”对应的列`}
                    allowClear
                    placeholder="（不导入）"
                    style={{ width: 260 }}
                    value={step.mapping[f]}
                    onChange={(v) => {
                      const mapping: RosterMapping = { ...step.mapping };
                      if (v === undefined) delete mapping[f];
                      else mapping[f] = v;
                      setMapped({ mapping });
                    }}
                    options={columnOptions}
                  />
                ),
              },
              {
                title: `前 ${PREVIEW_ROWS} 行示例`, key: 'sample',
                render: (_: unknown, f) => {
                  const column = step.mapping[f];
                  if (column === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
                  return <Typography.Text style={{ fontSize: 12 }}>{dataRows.map((r) => cellText(r[column]) || '（空）').join('，')}</Typography.Text>;
                },
              },
            ]}
          />
          {step.problems.length > 0 && <Alert type="error" showIcon title="请先完成列的对应" description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{step.problems.map((p) => <li key={p}>{p}</li>)}</ul>} />}
        </Flex>
      );
      footer = [
        <Button key="back" onClick={() => setStep({ kind: 'pick', reading: null, error: null })}>重新选择文件</Button>,
        <Button key="check" type="primary" onClick={() => check(step)}>检查数据</Button>,
      ];
      break;
    }
    case 'review': {
      const { validation } = step;
      const accepted = validation.accepted.length;
      const rejected = validation.rejected.length;
      const acceptedColumns: TableColumnsType<AcceptedRow> = [
        ...(isScans ? [] : [{ title: '行号', dataIndex: 'rowNumber', width: 70 }]),
        ...scanColumns<AcceptedRow>(),
        { title: '号牌号码', key: 'plate', width: 120, render: (_: unknown, a: AcceptedRow) => a.vehicle.plate },
        { title: '使用性质', key: 'usage', width: 90, render: (_: unknown, a: AcceptedRow) => a.vehicle.usageNature },
        { title: '注册日期', key: 'reg', width: 110, render: (_: unknown, a: AcceptedRow) => a.vehicle.registeredOn ?? '—' },
        { title: '投入经营日期', key: 'svc', width: 110, render: (_: unknown, a: AcceptedRow) => a.vehicle.inServiceOn ?? '—' },
        { title: '备案状态', key: 'filing', width: 90, render: (_: unknown, a: AcceptedRow) => a.vehicle.filingStatus },
        ...(isScans ? [
          { title: '车辆类型', key: 'type', width: 90, render: (_: unknown, a: AcceptedRow) => a.vehicle.vehicleType ?? '—' },
          { title: '核定载客', key: 'seats', width: 80, render: (_: unknown, a: AcceptedRow) => (a.vehicle.seats === null ? '—' : `${a.vehicle.seats} 人`) },
        ] : []),
        { title: '车型', key: 'model', width: 160, ellipsis: true, render: (_: unknown, a: AcceptedRow) => a.vehicle.model || '—' },
      ];
      body = (
        <Flex vertical gap={12}>
          <Alert
            type={rejected === 0 ? 'success' : accepted === 0 ? 'error' : 'warning'}
            showIcon
            title={`共 ${validation.dataRows} 行：可导入 ${accepted} 辆，未通过检查 ${rejected} 行${validation.blankRows > 0 ? `，空行 ${validation.blankRows} 行（已跳过）` : ''}`}
            description={rejected > 0 ? '未通过检查的行不会导入，原因见下表；可修改原文件后再次导入这些行。' : '全部数据行都通过了检查。'}
          />
          {isScans && batch.failed.length > 0 && (
            <Alert type="error" showIcon title={`${batch.failed.length} 份扫描件未能识别，不会导入`} description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{batch.failed.map((f) => <li key={f.name}>{f.message}</li>)}</ul>} />
          )}
          {validation.notes.length > 0 && <Alert type="info" showIcon title="说明" description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{validation.notes.map((n) => <li key={n}>{n}</li>)}</ul>} />}
          {rejected > 0 && (
            <section aria-label="未通过检查的行">
              <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
                <Typography.Text strong>未通过检查的行（{rejected}）</Typography.Text>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => void rejectedWorkbook(step.fileName, validation.rejected)
                    .then((bytes) => platform.saveFile(rejectedWorkbookName(step.fileName), bytes, [{ name: 'Excel 工作簿', extensions: ['xlsx'] }]))
                    .catch((e: unknown) => message.error(errorMessage(e, { lead: '导出失败' })))}
                >
                  导出清单
                </Button>
              </Flex>
              <Table<RejectedRow>
                size="small"
                rowKey="rowNumber"
                virtual={validation.rejected.length >= VIRTUAL_ROWS_FROM}
                scroll={{ y: 240 }}
                pagination={false}
                dataSource={[...validation.rejected]}
                columns={[
                  ...(isScans ? [] : [{ title: '行号', dataIndex: 'rowNumber', width: 70 }]),
                  ...scanColumns<RejectedRow>(),
                  { title: '号牌号码', dataIndex: 'plateText', width: 130, render: (_: unknown, r) => r.plateText || '（空）' },
                  { title: '原因', key: 'reasons', render: (_: unknown, r) => <Typography.Text type="danger" style={{ fontSize: 12 }}>{r.reasons.join('；')}</Typography.Text> },
                ]}
              />
            </section>
          )}
          {accepted > 0 && (
            <section aria-label="将导入的车辆">
              <Typography.Text strong>将导入的车辆（{accepted}）</Typography.Text>
              <Table<AcceptedRow>
                size="small"
                rowKey="rowNumber"
                virtual={validation.accepted.length >= VIRTUAL_ROWS_FROM}
                // Every column has its width and the table scrolls sideways when they exceed the
                // dialog (the scans' review has nine): a column left to share the rest was squeezed
                // to nothing and its text stood one character a line, a row taller than the box.
                scroll={{ x: widthOf(acceptedColumns), y: 200 }}
                pagination={false}
                dataSource={[...validation.accepted]}
                columns={acceptedColumns}
              />
            </section>
          )}
          {accepted === 0 && <Empty description="没有可导入的车辆" />}
        </Flex>
      );
      footer = [
        isScans
          ? <Button key="back" onClick={() => setStep({ kind: 'pick', reading: null, error: null })}>重新选择扫描件</Button>
          : <Button key="back" onClick={() => setStep({ kind: 'map', fileName: step.fileName, workbook: step.workbook, sheetIndex: step.sheetIndex, headerRowIndex: step.headerRowIndex, mapping: step.mapping, problems: [] })}>返回修改列对应</Button>,
        <Button key="import" type="primary" disabled={accepted === 0} onClick={() => write(validation.accepted, rejected)}>导入 {accepted} 辆车</Button>,
      ];
      break;
    }
    case 'writing': {
      const percent = Math.floor((step.progress.done / Math.max(1, step.progress.total)) * 100);
      body = <Progress percent={percent} status="active" aria-label="导入进度" format={() => `${step.progress.done} / ${step.progress.total}`} />;
      footer = null;
      break;
    }
    case 'done':
      body = (
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          title={`已导入 ${step.count} 辆车`}
          subTitle={step.rejected > 0 ? `${step.rejected} 行未通过检查，未导入；修改后可再次导入。` : '各车辆的期限已加入期限跟踪。'}
        />
      );
      footer = [
        <Button key="close" onClick={onClose}>关闭</Button>,
        <Button
          key="duties"
          type="primary"
          onClick={() => {
            onClose();
            navigate(`/deadlines?company=${encodeURIComponent(record.company.id)}&subject=vehicle`);
          }}
        >
          查看车辆期限
        </Button>,
      ];
      break;
  }

  return (
    <Modal
      open
      title={`${isScans ? '识别行驶证' : '从 Excel 导入车辆'}：${record.company.name}`}
      width={960}
      onCancel={isBusy ? undefined : onClose}
      closable={!isBusy}
      mask={{ closable: false }}
      footer={footer}
    >
      <Steps
        size="small"
        current={STEP_INDEX[step.kind]}
        style={{ marginBottom: 16 }}
        items={isScans
          ? [{ title: '选择扫描件' }, { title: '识别' }, { title: '检查结果' }, { title: '完成' }]
          : [{ title: '选择文件' }, { title: '对应列' }, { title: '检查结果' }, { title: '完成' }]}
      />
      {body}
      {checking !== null && (
        <ScanCheckModal
          scan={checking.scan}
          onCancel={() => setChecking(null)}
          onConfirm={(scan) => {
            setChecking(null);
            checkScans({ ...batch, scans: batch.scans.map((s, i) => (i === checking.index ? scan : s)) });
          }}
        />
      )}
    </Modal>
  );
}

/** 核对 one recognised 行驶证: its values beside the scan; 确认 re-checks the rows with them. */
function ScanCheckModal({ scan, onCancel, onConfirm }: { readonly scan: VehicleScan; readonly onCancel: () => void; readonly onConfirm: (scan: VehicleScan) => void }) {
  const [fields, setFields] = useState(scan.fields);
  const blockers = confirmBlockers(fields);
  return (
    <Modal
      open
      title={`核对：${scan.name}`}
      width={980}
      mask={{ closable: false }}
      onCancel={onCancel}
      footer={[
        <Button key="cancel" onClick={onCancel}>取消</Button>,
        <Button key="ok" type="primary" disabled={blockers.length > 0} onClick={() => onConfirm({ ...scan, fields })}>确认</Button>,
      ]}
    >
      <RecognitionReview scan={scan} recognition={scan.recognition} fields={fields} onChange={setFields} />
      {blockers.length > 0 && <Alert style={{ marginTop: 12 }} type="error" showIcon title="确认前请处理" description={blockers.join('；')} />}
    </Modal>
  );
}
