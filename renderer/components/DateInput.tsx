import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { IsoDate } from '../../shared/domain/isoDate';
import { isIsoDate } from '../../shared/domain/isoDate';

/**
 * A date picker whose value is an ISO date string (or null), so form values stay plain JSON:
 * drafts serialize as they are and no time zone can shift a legal date.
 */
export interface DateInputProps {
  readonly value?: IsoDate | string | null;
  readonly onChange?: (value: IsoDate | null) => void;
  readonly id?: string;
  readonly placeholder?: string;
  readonly disabled?: boolean;
  readonly 'aria-label'?: string;
}

export function DateInput({ value, onChange, id, placeholder, disabled, 'aria-label': ariaLabel }: DateInputProps) {
  const parsed = typeof value === 'string' && isIsoDate(value) ? dayjs(value, 'YYYY-MM-DD') : null;
  return (
    <DatePicker
      id={id}
      aria-label={ariaLabel}
      style={{ width: '100%' }}
      format="YYYY-MM-DD"
      placeholder={placeholder ?? '选择日期（YYYY-MM-DD）'}
      disabled={disabled}
      value={parsed}
      onChange={(d) => {
        const iso = d ? d.format('YYYY-MM-DD') : null;
        onChange?.(iso !== null && isIsoDate(iso) ? iso : null);
      }}
    />
  );
}
