import { Alert, App, Button, Flex, Modal, Progress, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { DOCUMENT_KIND_NAMES, type DocumentKind } from '../../../shared/ocr/fields';
import type { ScanRecognition } from '../../../shared/ocr/recognition';
import { errorMessage } from '../../components/failureDialog';
import { FileImageOutlined } from '../../components/icons';
import { platform } from '../../platform/platform';
import { recognizeScans } from './recognitionClient';
import { RecognitionReview, type ReviewedScan } from './RecognitionReview';
import { confirmBlockers, confirmedValues, initialReview, sourceNoteOf, type ReviewField, type SourceNote, type TargetMap } from './recognitionReview';

/*
 * 识别扫描件 for one scan of a known kind (issue 18): pick the scan (image or PDF), recognise it
 * off the window (recognitionClient), review every value, and hand the confirmed values to the
 * caller. 取消 at any point saves nothing; the caller writes only what comes through onConfirm.
 */

export const SCAN_FILTERS = [{ name: '扫描件（图片或 PDF）', extensions: ['jpg', 'jpeg', 'png', 'pdf'] }] as const;

export interface ConfirmedScan {
  /** By record key (TargetMap): the values the officer confirmed, blank ones left out. */
  readonly values: Readonly<Record<string, string>>;
  readonly note: SourceNote;
  readonly scan: ReviewedScan;
}

type Step =
  | { readonly kind: 'pick'; readonly error: string | null }
  | { readonly kind: 'reading'; readonly name: string }
  | { readonly kind: 'review'; readonly scan: ReviewedScan; readonly recognition: ScanRecognition; readonly fields: readonly ReviewField[] };

export function RecognizeScanDialog({ kind, title, targets, initialScan, onConfirm, onClose }: {
  readonly kind: DocumentKind;
  readonly title: string;
  readonly targets: TargetMap;
  /** Recognise this scan straight away (the document library's upload) instead of asking for one. */
  readonly initialScan?: ReviewedScan;
  readonly onConfirm: (confirmed: ConfirmedScan) => void | Promise<void>;
  readonly onClose: () => void;
}) {
  const { modal } = App.useApp();
  const [step, setStep] = useState<Step>({ kind: 'pick', error: null });
  const [isSaving, setIsSaving] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const recognise = async (scan: ReviewedScan) => {
    const controller = new AbortController();
    abort.current = controller;
    setStep({ kind: 'reading', name: scan.name });
    const [result] = await recognizeScans([scan], { kind, signal: controller.signal });
    if (abort.current !== controller) return;
    abort.current = null;
    if (result === undefined || !result.ok) {
      if (result?.error.code === 'ocr.cancelled') setStep({ kind: 'pick', error: null });
      else setStep({ kind: 'pick', error: result?.error.message ?? '识别失败' });
      return;
    }
    setStep({ kind: 'review', scan, recognition: result.value, fields: initialReview(result.value.fields, targets) });
  };

  const pick = async () => {
    let files;
    try {
      files = await platform.openFiles(SCAN_FILTERS);
    } catch (e) {
      setStep({ kind: 'pick', error: errorMessage(e, { reason: '无法读取所选文件' }) });
      return;
    }
    const file = files[0];
    if (file !== undefined) await recognise({ name: file.name, bytes: file.bytes });
  };

  const started = useRef(false);
  useEffect(() => {
    if (initialScan === undefined || started.current) return;
    started.current = true;
    void Promise.resolve().then(() => recognise(initialScan));
    // Only once, for the scan the dialog was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => () => abort.current?.abort(), []);

  const cancelReading = () => {
    abort.current?.abort();
    abort.current = null;
    setStep({ kind: 'pick', error: null });
  };

  const confirm = async (review: Extract<Step, { kind: 'review' }>) => {
    setIsSaving(true);
    try {
      await onConfirm({ values: confirmedValues(review.fields), note: sourceNoteOf(review.recognition.kind, review.scan.name, review.fields), scan: review.scan });
      onClose();
    } catch (e) {
      modal.error({ title: '未能采用识别结果', content: errorMessage(e) });
    } finally {
      setIsSaving(false);
    }
  };

  let body;
  let footer;
  switch (step.kind) {
    case 'pick':
      body = (
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            选择{DOCUMENT_KIND_NAMES[kind]}的扫描件（JPG、PNG 图片或扫描的 PDF）。识别在本机进行，不会上传；识别结果需逐项核对，确认后才会填入。
          </Typography.Paragraph>
          {step.error !== null && <Alert type="error" showIcon title={step.error} description="没有填入任何内容。" />}
        </Flex>
      );
      footer = [
        <Button key="cancel" onClick={onClose}>取消</Button>,
        <Button key="pick" type="primary" icon={<FileImageOutlined />} onClick={() => void pick()}>选择扫描件</Button>,
      ];
      break;
    case 'reading':
      body = (
        <Flex vertical gap={12}>
          <Typography.Text>正在识别“{step.name}”…</Typography.Text>
          <Progress percent={100} status="active" showInfo={false} aria-label="识别进度" />
          <Typography.Text type="secondary">首次识别需加载识别模型，稍候片刻。</Typography.Text>
        </Flex>
      );
      footer = [<Button key="cancel" onClick={cancelReading}>取消识别</Button>];
      break;
    case 'review': {
      const blockers = confirmBlockers(step.fields);
      body = (
        <Flex vertical gap={12}>
          <RecognitionReview scan={step.scan} recognition={step.recognition} fields={step.fields} onChange={(fields) => setStep({ ...step, fields })} />
          {blockers.length > 0 && <Alert type="error" showIcon title="确认前请处理" description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{blockers.map((b) => <li key={b}>{b}</li>)}</ul>} />}
        </Flex>
      );
      footer = [
        <Button key="cancel" onClick={onClose} disabled={isSaving}>取消</Button>,
        <Button key="repick" onClick={() => setStep({ kind: 'pick', error: null })} disabled={isSaving}>换一份扫描件</Button>,
        <Button key="ok" type="primary" disabled={blockers.length > 0} loading={isSaving} onClick={() => void confirm(step)}>确认</Button>,
      ];
      break;
    }
  }

  return (
    <Modal open title={title} width={step.kind === 'review' ? 980 : 560} mask={{ closable: false }} onCancel={step.kind === 'reading' ? cancelReading : onClose} footer={footer}>
      {body}
    </Modal>
  );
}
