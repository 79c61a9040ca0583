import { Alert, App, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useFormDraft } from './formDraft';
import { errorMessage } from './failureDialog';

/**
 * A modal form whose unsaved input is kept as a draft (see formDraft.ts): reopening the form
 * after a reload restores it, saving or cancelling clears it. Warnings (warningOnly rules) show
 * beside their field but do not block saving; errors do. A failed save keeps every value typed.
 */
export interface FormModalProps<T extends object> {
  readonly title: string;
  readonly draftKey: string;
  readonly initialValues: T;
  readonly width?: number;
  readonly okText?: string;
  /** Throws (or rejects) to report a failure; its message is shown in the modal. */
  readonly onSubmit: (values: T) => Promise<void>;
  readonly onClose: () => void;
  readonly children: ReactNode | ((form: FormInstance<T>) => ReactNode);
}

export function FormModal<T extends object>({ title, draftKey, initialValues, width = 720, okText = '保存', onSubmit, onClose, children }: FormModalProps<T>) {
  const [form] = Form.useForm<T>();
  const { modal } = App.useApp();
  const draft = useFormDraft<T>(draftKey);
  const [isSaving, setIsSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [startValues] = useState<T>(() => ({ ...initialValues, ...(draft.restored ?? {}) }));

  const submit = async () => {
    let values: T;
    try {
      await form.validateFields();
      values = form.getFieldsValue(true) as T;
    } catch {
      // antd has put each error beside its field; scroll to the first one.
      const firstError = form.getFieldsError().find((f) => f.errors.length > 0);
      if (firstError) form.scrollToField(firstError.name, { block: 'center' });
      return;
    }
    setIsSaving(true);
    setSaveError(null);
    try {
      await onSubmit(values);
      draft.clear();
      onClose();
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setIsSaving(false);
    }
  };

  const discard = () => {
    draft.clear();
    onClose();
  };

  // Typed input is never thrown away by a stray click: ask first when anything was changed.
  const cancel = () => {
    if (!form.isFieldsTouched()) {
      discard();
      return;
    }
    modal.confirm({
      title: '放弃未保存的内容？',
      content: '关闭后，本次填写的内容不会保存。',
      okText: '放弃',
      okButtonProps: { danger: true },
      cancelText: '继续填写',
      onOk: discard,
    });
  };

  return (
    <Modal
      open
      title={title}
      width={width}
      okText={okText}
      cancelText="取消"
      confirmLoading={isSaving}
      mask={{ closable: false }}
      onOk={() => void submit()}
      onCancel={cancel}
      styles={{ body: { maxHeight: 'calc(100vh - 240px)', overflowY: 'auto', paddingRight: 8 } }}
    >
      {draft.restored !== undefined && (
        <Alert style={{ marginBottom: 16 }} type="info" showIcon title="已恢复上次未保存的内容" />
      )}
      {saveError !== null && <Alert style={{ marginBottom: 16 }} type="error" showIcon title="保存失败" description={saveError} />}
      <Form<T>
        form={form}
        layout="vertical"
        initialValues={startValues}
        scrollToFirstError
        onValuesChange={() => draft.save(form.getFieldsValue(true) as T)}
      >
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
