import type { FormInstance } from 'antd';

/**
 * Runs a form's field rules before anything is stored: on failure antd has put each Chinese
 * reason beside its field, the dialog scrolls to the first one, and the caller stores nothing.
 */
export async function passesFieldRules(form: FormInstance): Promise<boolean> {
  try {
    await form.validateFields();
    return true;
  } catch {
    const first = form.getFieldsError().find((f) => f.errors.length > 0);
    if (first) form.scrollToField(first.name, { block: 'center' });
    return false;
  }
}
