import { DatePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { IsoDate } from '../../shared/domain/isoDate';
import { isIsoDate } from '../../shared/domain/isoDate';
import { dateTextProblem } from './dateText';

/**
 * A date picker whose value is an ISO date string (or null), so form values stay plain JSON:
 * drafts serialize as they are and no time zone can shift a legal date.
 *
 * Text the picker cannot parse (2026-02-30) is never dropped silently: the field turns red and says
 * why, where it was typed. In a form (FormDateInput) the text also becomes the field's value, so the
 * form's validDateRule refuses to save it.
 */
export interface DateInputProps {
  readonly value?: IsoDate | string | null;
  readonly onChange?: (value: IsoDate | null) => void;
  readonly id?: string;
  readonly placeholder?: string;
  readonly disabled?: boolean;
  readonly 'aria-label'?: string;
}

function PickerWithText({ value, onChange, onInvalidText, id, placeholder, disabled, 'aria-label': ariaLabel }: DateInputProps & {
  readonly onInvalidText?: (text: string) => void;
}) {
  const [typedProblem, setTypedProblem] = useState<string | null>(null);
  const isValue = typeof value === 'string' && isIsoDate(value);
  // A form value that is typed text (FormDateInput) is its own error; the form's rule reports it.
  const valueProblem = typeof value === 'string' && !isValue ? dateTextProblem(value) : null;
  const parsed = isValue ? dayjs(value, 'YYYY-MM-DD') : null;
  const problem = onInvalidText ? null : typedProblem;
  return (
    <>
      <DatePicker
        id={id}
        aria-label={ariaLabel}
        aria-invalid={problem !== null || valueProblem !== null ? true : undefined}
        status={problem !== null || valueProblem !== null ? 'error' : undefined}
        style={{ width: '100%' }}
        format="YYYY-MM-DD"
        placeholder={valueProblem !== null && typeof value === 'string' ? value : (placeholder ?? '选择日期（YYYY-MM-DD）')}
        disabled={disabled}
        value={parsed}
        onChange={(d) => {
          setTypedProblem(null);
          const iso = d ? d.format('YYYY-MM-DD') : null;
          onChange?.(iso !== null && isIsoDate(iso) ? iso : null);
        }}
        onBlur={(e) => {
          const text = (e.target as HTMLInputElement).value.trim();
          if (text === '') return;
          const why = dateTextProblem(text);
          if (why === null) {
            setTypedProblem(null);
            if (text !== value) onChange?.(text as IsoDate);
            return;
          }
          setTypedProblem(why);
          onInvalidText?.(text);
        }}
      />
      {problem !== null && <Typography.Text type="danger" role="alert" style={{ display: 'block', marginTop: 4 }}>{problem}</Typography.Text>}
    </>
  );
}

export function DateInput(props: DateInputProps) {
  return <PickerWithText {...props} />;
}

/**
 * DateInput inside a Form.Item: text that is not a date becomes the field's value, so the item's
 * validDateRule shows why beside the field and the form cannot be saved with the date lost.
 */
export function FormDateInput(props: DateInputProps) {
  const { onChange } = props;
  return <PickerWithText {...props} onInvalidText={(text) => (onChange as ((value: string) => void) | undefined)?.(text)} />;
}
