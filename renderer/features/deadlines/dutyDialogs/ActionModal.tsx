import { Alert, App, Button, Form, Modal, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../../components/failureDialog';

/** A second way out of the dialog (清除…): a step of its own that needs none of the fields filled. */
export interface SecondaryAction<T> {
  readonly label: string;
  readonly danger?: boolean;
  readonly run: (values: T) => Promise<string>;
}

/**
 * A small form dialog of the tracker: validates, hands the values to its step (dutyActions.ts),
 * says the step's words on success, shows a failure inside itself and keeps what was typed. The
 * secondary action is handled the same way, so a refused 清除 is said, not lost.
 */
export function ActionModal<T extends object>({
  title, okText, initialValues, onSubmit, onClose, children, secondaryAction, okDanger,
}: {
  readonly title: string;
  readonly okText: string;
  readonly initialValues: T;
  readonly onSubmit: (values: T) => Promise<string>;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly secondaryAction?: SecondaryAction<T>;
  readonly okDanger?: boolean;
}) {
  const [form] = Form.useForm<T>();
  const { message } = App.useApp();
  const [isSaving, setIsSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    try {
      await form.validateFields();
    } catch (e) {
      // A tall dialog: bring the first refused field into view.
      const first = (e as { errorFields?: readonly { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return;
    }
    await run(onSubmit);
  };
  const run = async (step: (values: T) => Promise<string>) => {
    setIsSaving(true);
    setFailure(null);
    try {
      const done = await step(form.getFieldsValue(true) as T);
      void message.success(done);
      onClose();
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      width={620}
      onCancel={onClose}
      mask={{ closable: false }}
      styles={{ body: { maxHeight: 'calc(100vh - 240px)', overflowY: 'auto', paddingRight: 8 } }}
      footer={(
        <Space>
          {secondaryAction !== undefined && (
            <Button danger={secondaryAction.danger} disabled={isSaving} onClick={() => void run(secondaryAction.run)}>{secondaryAction.label}</Button>
          )}
          <Button onClick={onClose} disabled={isSaving}>取消</Button>
          <Button type="primary" danger={okDanger} loading={isSaving} onClick={() => void submit()}>{okText}</Button>
        </Space>
      )}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} requiredMark="optional">
        {children}
      </Form>
      {failure !== null && <Alert type="error" showIcon title={failure} />}
    </Modal>
  );
}
