import type { FormRule } from 'antd';
import { compareIsoDate, isIsoDate, localIsoDate } from '../../shared/domain/isoDate';
import { checkIdNumber } from '../../shared/validation/idCard';
import { checkUscc } from '../../shared/validation/uscc';
import { dateTextProblem } from './dateText';

/**
 * antd form rules built on shared/validation, so a field shows the same Chinese message the
 * command line prints. Check-character failures are `warningOnly`: they show beside the field in
 * amber and never block saving (early codes exist that fail the check).
 */

export const usccRules: FormRule[] = [
  {
    validator: (_rule, value: unknown) => {
      const check = checkUscc(typeof value === 'string' ? value : '');
      return check.kind === 'malformed' ? Promise.reject(new Error(check.message)) : Promise.resolve();
    },
  },
  {
    warningOnly: true,
    validator: (_rule, value: unknown) => {
      const check = checkUscc(typeof value === 'string' ? value : '');
      return check.kind === 'checkCharacterMismatch' ? Promise.reject(new Error(check.message)) : Promise.resolve();
    },
  },
];

export const idNumberRules: FormRule[] = [
  {
    validator: (_rule, value: unknown) => {
      const check = checkIdNumber(typeof value === 'string' ? value : '');
      return check.kind === 'malformed' ? Promise.reject(new Error(check.message)) : Promise.resolve();
    },
  },
  {
    warningOnly: true,
    validator: (_rule, value: unknown) => {
      const check = checkIdNumber(typeof value === 'string' ? value : '');
      return check.kind === 'checkCharacterMismatch' ? Promise.reject(new Error(check.message)) : Promise.resolve();
    },
  },
];

export function requiredRule(message: string): FormRule {
  return { required: true, whitespace: true, message };
}

/** A date that cannot lie in the future (成立日期, 注册日期). */
export function notAfterTodayRule(label: string, today: () => Date = () => new Date()): FormRule {
  return {
    validator: (_rule, value: unknown) => {
      if (typeof value !== 'string' || !isIsoDate(value)) return Promise.resolve();
      return compareIsoDate(value, localIsoDate(today())) > 0
        ? Promise.reject(new Error(`${label}不应晚于今天`))
        : Promise.resolve();
    },
  };
}

/**
 * `value` must be later than (or, with isSameDayAllowed, not earlier than) the date in another
 * field. List that other field in the Form.Item's `dependencies` so the error updates when it changes.
 */
export function dateAfterFieldRule(
  otherField: string | ReadonlyArray<string | number>,
  message: string,
  options: { readonly isSameDayAllowed?: boolean } = {},
): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_rule, value: unknown) => {
      const other: unknown = getFieldValue(typeof otherField === 'string' ? otherField : [...otherField]);
      if (typeof value !== 'string' || !isIsoDate(value) || typeof other !== 'string' || !isIsoDate(other)) return Promise.resolve();
      const order = compareIsoDate(value, other);
      return order > 0 || (order === 0 && options.isSameDayAllowed === true) ? Promise.resolve() : Promise.reject(new Error(message));
    },
  });
}

/** A "type it again" field: `value` must equal the other field's. List that field in `dependencies`. */
export function sameAsFieldRule(otherField: string, message: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_rule, value: unknown) => (value === getFieldValue(otherField) ? Promise.resolve() : Promise.reject(new Error(message))),
  });
}

export const emailRule: FormRule = { type: 'email', message: '电子邮箱格式不正确' };

/** Mainland mobile or landline with optional area code / extension; a warning only. */
export const phoneRule: FormRule = {
  warningOnly: true,
  validator: (_rule, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') return Promise.resolve();
    return /^[\d\s()+-]{7,20}$/.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error('电话号码格式看起来不正确，请核对'));
  },
};

/** Refuses a date field holding typed text that is not a date (see FormDateInput), saying why. */
export function validDateRule(label: string): FormRule {
  return {
    validator: (_rule, value: unknown) => {
      if (typeof value !== 'string') return Promise.resolve();
      const problem = dateTextProblem(value);
      return problem === null ? Promise.resolve() : Promise.reject(new Error(`${label}：${problem}`));
    },
  };
}

/** A count or amount that cannot be negative (从业人员, 营业收入); an integer when isInteger. */
export function nonNegativeNumberRule(label: string, options: { readonly isInteger?: boolean } = {}): FormRule {
  return {
    validator: (_rule, value: unknown) => {
      if (value === null || value === undefined || value === '') return Promise.resolve();
      if (typeof value !== 'number' || !Number.isFinite(value)) return Promise.reject(new Error(`${label}应为数字`));
      if (value < 0) return Promise.reject(new Error(`${label}不能为负数（填写的是 ${value}）`));
      if (options.isInteger === true && !Number.isInteger(value)) return Promise.reject(new Error(`${label}应为整数（填写的是 ${value}）`));
      return Promise.resolve();
    },
  };
}

/**
 * A whole number within [min, max] (核定载客): out-of-range input is refused beside the field,
 * never clamped silently to the nearest bound.
 */
export function integerRangeRule(label: string, min: number, max: number): FormRule {
  return {
    validator: (_rule, value: unknown) => {
      if (value === null || value === undefined || value === '') return Promise.resolve();
      if (typeof value !== 'number' || !Number.isFinite(value)) return Promise.reject(new Error(`${label}应为数字`));
      if (!Number.isInteger(value)) return Promise.reject(new Error(`${label}应为整数（填写的是 ${value}）`));
      if (value < min || value > max) return Promise.reject(new Error(`${label}应在 ${min}–${max} 之间（填写的是 ${value}）`));
      return Promise.resolve();
    },
  };
}
