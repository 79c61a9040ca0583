import { Space, Typography, type App } from 'antd';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/**
 * The error dialog of an operation that failed without writing anything: what went wrong
 * (kept as written, line breaks included), then the reassurance that stored data is unchanged.
 */
export function showFailureDialog(modal: ModalApi, title: string, detail: string, unchanged: string): void {
  modal.error({
    title,
    width: 560,
    okText: '知道了',
    content: (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{detail}</Typography.Paragraph>
        <Typography.Text type="secondary">{unchanged}</Typography.Text>
      </Space>
    ),
  });
}
