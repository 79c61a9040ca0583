import { Alert, Button, Flex, Input, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ScanRecognition } from '../../../shared/ocr/recognition';
import { DOCUMENT_KIND_NAMES } from '../../../shared/ocr/fields';
import { acceptField, confidenceText, cropStyle, editField, flagText, imageMimeOf, isEdited, needsDecision, type ReviewField } from './recognitionReview';

/*
 * The review of one recognised scan (issue 18): each proposed value in an editable input beside
 * the region of the scan it was read from, with its confidence and its flag (请核对, 校验未通过,
 * 未识别到). A value that failed its check is not taken until the officer edits it or presses
 * 采用此值. Controlled: the caller keeps the fields and saves nothing before its 确认.
 */

export interface ReviewedScan {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const CROP_WIDTH = 260;
const CROP_HEIGHT = 72;

/** An object URL of what the field boxes refer to: the file itself, or the recognition's preview for a PDF. */
function useScanImageUrl(scan: ReviewedScan, recognition: ScanRecognition): string | null {
  const [shown, setShown] = useState<{ readonly scan: ReviewedScan; readonly url: string } | null>(null);
  useEffect(() => {
    const mime = imageMimeOf(scan.name);
    const preview = recognition.preview ?? null;
    const source = mime !== null ? { bytes: scan.bytes, mime } : preview;
    if (source === null || typeof URL.createObjectURL !== 'function') return undefined;
    const made = URL.createObjectURL(new Blob([source.bytes.slice().buffer], { type: source.mime }));
    let isCurrent = true;
    // Set after the effect (not in it): the URL is an external resource this effect owns.
    void Promise.resolve().then(() => { if (isCurrent) setShown({ scan, url: made }); });
    return () => {
      isCurrent = false;
      URL.revokeObjectURL(made);
    };
  }, [scan, recognition]);
  return shown !== null && shown.scan === scan ? shown.url : null;
}

function Crop({ field, url, image }: { readonly field: ReviewField; readonly url: string | null; readonly image: ScanRecognition['image'] | undefined }) {
  if (field.box === null || url === null || image === undefined) {
    return <Typography.Text type="secondary" style={{ fontSize: 12 }}>{field.box === null ? '（扫描件上未找到此项）' : '（无法显示原图）'}</Typography.Text>;
  }
  const style = cropStyle(field.box, image, CROP_WIDTH, CROP_HEIGHT);
  return (
    <div
      role="img"
      aria-label={`“${field.field}”在扫描件上的位置`}
      style={{ ...style, backgroundImage: `url("${url}")`, backgroundRepeat: 'no-repeat', border: '1px solid #d9d9d9', borderRadius: 4 }}
    />
  );
}

function Flag({ field }: { readonly field: ReviewField }) {
  if (isEdited(field)) return <Tag color="blue">已修改</Tag>;
  const text = flagText(field);
  if (text === null) return null;
  if (field.status === 'failed') {
    return field.accepted ? <Tag color="orange">已采用（{text}）</Tag> : <Typography.Text type="danger" style={{ fontSize: 12 }}>{text}</Typography.Text>;
  }
  return <Tag color={field.status === 'missing' ? 'default' : 'orange'}>{text}</Tag>;
}

export function RecognitionReview({ scan, recognition, fields, onChange }: {
  readonly scan: ReviewedScan;
  readonly recognition: ScanRecognition;
  readonly fields: readonly ReviewField[];
  readonly onChange: (fields: ReviewField[]) => void;
}) {
  const url = useScanImageUrl(scan, recognition);
  const image = recognition.image;
  const flagged = fields.filter((f) => f.status !== 'ok').length;
  return (
    <Flex vertical gap={12}>
      <Typography.Text>
        {DOCUMENT_KIND_NAMES[recognition.kind]}：{scan.name}
        <Typography.Text type="secondary">{flagged > 0 ? `（${flagged} 项需核对）` : '（各项均已通过校验，仍请对照原件核对）'}</Typography.Text>
      </Typography.Text>
      {recognition.notes.length > 0 && (
        <Alert type="warning" showIcon title="请注意" description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{recognition.notes.map((n) => <li key={n}>{n}</li>)}</ul>} />
      )}
      <Table<ReviewField>
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={[...fields]}
        rowClassName={(f) => (needsDecision(f) ? 'recognition-needs-decision' : '')}
        columns={[
          { title: '项目', dataIndex: 'field', width: 110, render: (_: unknown, f) => <Typography.Text strong={f.target.kind === 'field'}>{f.field}</Typography.Text> },
          { title: '扫描件原文', key: 'crop', width: CROP_WIDTH + 16, render: (_: unknown, f) => <Crop field={f} url={url} image={image} /> },
          {
            title: '识别结果（可修改）', key: 'value',
            render: (_: unknown, f) => (
              <Flex vertical gap={4}>
                {f.value.length > 40 || f.field === '经营范围' || f.field === '住所'
                  ? <Input.TextArea aria-label={f.field} value={f.value} autoSize={{ minRows: 1, maxRows: 4 }} status={needsDecision(f) ? 'error' : undefined} onChange={(e) => onChange(editField(fields, f.field, e.target.value))} />
                  : <Input aria-label={f.field} value={f.value} status={needsDecision(f) ? 'error' : undefined} onChange={(e) => onChange(editField(fields, f.field, e.target.value))} />}
                {f.target.kind === 'none' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.target.reason}</Typography.Text>}
              </Flex>
            ),
          },
          {
            title: '核对', key: 'flag', width: 200,
            render: (_: unknown, f) => (
              <Flex vertical gap={4} align="start">
                {f.status !== 'missing' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{confidenceText(f.confidence)}</Typography.Text>}
                <Flag field={f} />
                {needsDecision(f) && (
                  <Button size="small" aria-label={`采用“${f.field}”的识别值`} onClick={() => onChange(acceptField(fields, f.field))}>采用此值</Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
