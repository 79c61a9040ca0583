import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { isLedgerMonth } from '../../../shared/energy/ledger';

/**
 * A month picker whose value is a `YYYY-MM` string ('' when empty), so form values stay plain
 * strings the domain checks can read and no time zone can move a month.
 */
export function MonthInput({ value, onChange, id, disabled, 'aria-label': ariaLabel, maxMonth }: {
  readonly value?: string;
  readonly onChange?: (value: string) => void;
  readonly id?: string;
  readonly disabled?: boolean;
  readonly 'aria-label'?: string;
  /** Months after it cannot be picked (typing one still reaches the check, which explains why). */
  readonly maxMonth?: string;
}) {
  const parsed = typeof value === 'string' && isLedgerMonth(value) ? dayjs(`${value}-01`, 'YYYY-MM-DD') : null;
  return (
    <DatePicker
      id={id}
      picker="month"
      aria-label={ariaLabel}
      style={{ width: '100%' }}
      format="YYYY-MM"
      placeholder="选择月份（YYYY-MM）"
      disabled={disabled}
      value={parsed}
      disabledDate={maxMonth ? (d) => d.format('YYYY-MM') > maxMonth : undefined}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM') : '')}
    />
  );
}
