import { Collapse, Space, Typography, type App } from 'antd';
import { describeError, describeFailure, type ErrorDescription } from '../../shared/util/errorDescription';
import type { AppError } from '../../shared/util/result';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/** The library's own words, collapsed: there for a support call, never in the officer's sentence. */
function TechnicalDetails({ technical }: { readonly technical: string | null }) {
  if (technical === null || technical === '') return null;
  return (
    <Collapse
      size="small"
      ghost
      items={[{
        key: 'technical',
        label: '技术详情',
        children: <Typography.Paragraph code copyable style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', marginBottom: 0, fontSize: 12 }}>{technical}</Typography.Paragraph>,
      }]}
    />
  );
}

/** Writes the technical side of a failure to the log (the console of the page). */
function logTechnical(description: ErrorDescription): void {
  if (description.technical !== null) console.warn(`${description.message}\n技术详情：${description.technical}`);
}

/**
 * The error dialog of an operation that failed without writing anything: what went wrong in the
 * officer's words (kept as written, line breaks included), then the reassurance that stored data
 * is unchanged, then any library text collapsed under 技术详情.
 */
export function showFailureDialog(modal: ModalApi, title: string, detail: ErrorDescription, unchanged: string): void {
  logTechnical(detail);
  modal.error({
    title,
    width: 560,
    okText: '知道了',
    content: (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{detail.message}</Typography.Paragraph>
        <Typography.Text type="secondary">{unchanged}</Typography.Text>
        <TechnicalDetails technical={detail.technical} />
      </Space>
    ),
  });
}

/** The officer's sentence for anything thrown, for places that show one line; the rest is logged. */
export function errorMessage(error: unknown, options: { readonly lead?: string; readonly reason?: string } = {}): string {
  const description = describeError(error, options);
  logTechnical(description);
  return description.message;
}

/** The officer's sentence for a refusal carried as a value, for places that show one line. */
export function failureMessage(error: AppError, options: { readonly lead?: string; readonly reason?: string } = {}): string {
  const description = describeFailure(error, options);
  logTechnical(description);
  return description.message;
}
