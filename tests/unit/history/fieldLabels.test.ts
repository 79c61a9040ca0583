import { describe, expect, it } from 'vitest';
import type { AuditedTable } from '../../../shared/history/changeLog';
import { fieldLabel, formatFieldValue, recordLabel, shownFields, type ValueContext } from '../../../shared/history/fieldLabels';

/* How stored values read in the change history: one row per case. */

const names = new Map([['store-1', '朝阳门店'], ['person-1', '张三']]);
const masked: ValueContext = { isIdRevealed: false, nameOf: (id) => names.get(id) };
const revealed: ValueContext = { ...masked, isIdRevealed: true };

describe('formatFieldValue', () => {
  const cases: readonly [string, AuditedTable, string, unknown, Record<string, unknown> | null, ValueContext, string][] = [
    ['true', 'vehicles', 'isTimeShare', true, null, masked, '是'],
    ['false', 'people', 'isContractOpenEnded', false, null, masked, '否'],
    ['null', 'people', 'contractEnd', null, null, masked, '（空）'],
    ['empty text', 'people', 'phone', '', null, masked, '（空）'],
    ['empty list', 'people', 'roles', [], null, masked, '（空）'],
    ['list', 'people', 'roles', ['执业药师', '质量负责人'], null, masked, '执业药师、质量负责人'],
    ['date', 'people', 'contractEnd', '2028-01-01', null, masked, '2028-01-01'],
    ['number', 'vehicles', 'seats', 5, null, masked, '5'],
    ['event kind key', 'events', 'kind', 'startOfOperation', null, masked, '开始经营'],
    ['store reference', 'people', 'storeId', 'store-1', null, masked, '朝阳门店'],
    ['deleted reference', 'people', 'storeId', 'store-gone', null, masked, '（已删除的记录）'],
    ['document subject', 'documents', 'subject', { kind: 'person', id: 'person-1' }, null, masked, '人员：张三'],
    ['person ID masked', 'people', 'idNumber', '11010519491231002X', null, masked, '110***********002X'],
    ['person ID revealed', 'people', 'idNumber', '11010519491231002X', null, revealed, '11010519491231002X'],
    ['ID card number masked', 'documents', 'number', '11010519491231002X', { kind: '身份证复印件' }, masked, '110***********002X'],
    ['licence number as is', 'documents', 'number', '京AA1234567', { kind: '药品经营许可证' }, masked, '京AA1234567'],
    ['file size', 'documents', 'size', 2 * 1024 * 1024, null, masked, '2.0 MB'],
    ['sealed', 'people', 'phone', 'cw-sealed:v1:AAAA', null, masked, '（已加密，解锁后可查看）'],
    [
      'certificates', 'people', 'certificates',
      [{ kind: '执业药师注册证', number: 'ZY001', issuer: '', issuedOn: null, validTo: '2027-06-30' }], null, masked,
      '类型：执业药师注册证，编号：ZY001，有效期至：2027-06-30',
    ],
    ['duty tracking', 'dutyHistory', 'after', { isDone: true, doneOn: '2026-06-01', evidence: '回执', assignee: '', userSetDueDate: null, userSetTriggerDate: null, note: '' }, null, masked, '已完成（2026-06-01）；证明材料：回执'],
    ['schedule', 'dutySchedules', 'scheduleAfter', { monthsAfterPeriodStart: 1, dayOfMonth: 10 }, null, masked, '次月 10 日前'],
    ['history action', 'dutyHistory', 'action', 'undoDone', null, masked, '撤销完成'],
  ];
  it.each(cases)('%s', (_name, table, field, value, row, context, expected) => {
    expect(formatFieldValue(table, field, value, row, context)).toBe(expected);
  });

  it('shows an ISO timestamp in local time to the second', () => {
    const at = new Date(2026, 10, 26, 9, 5, 7);
    expect(formatFieldValue('dutyHistory', 'at', at.toISOString(), null, masked)).toBe('2026-11-26 09:05:07');
  });
});

describe('labels', () => {
  it('names fields in Chinese and falls back to the key', () => {
    expect(fieldLabel('people', 'contractEnd')).toBe('合同终止日期');
    expect(fieldLabel('vehicles', 'note')).toBe('备注');
    expect(fieldLabel('people', 'somethingNew')).toBe('somethingNew');
  });

  it('names records by what people call them', () => {
    expect(recordLabel('licences', { kind: '其他', kindOther: '卫生许可证', number: 'W-1' })).toBe('卫生许可证 W-1');
    expect(recordLabel('events', { kind: 'filing', date: '2026-03-01' })).toBe('备案 2026-03-01');
    expect(recordLabel('documents', { kind: '营业执照', title: '' })).toBe('营业执照');
    expect(recordLabel('dutyTracking', { key: 'k1' }, new Map([['k1', '年度报告公示']]))).toBe('年度报告公示');
    expect(recordLabel('dutyTracking', { key: 'k2' })).toBe('k2');
  });

  it('shows the filled fields of a new record and only the changed ones of an update', () => {
    const after = { id: 'p1', companyId: 'c1', name: '张三', phone: '', roles: [], isContractOpenEnded: false };
    expect(shownFields({ at: '', companyId: 'c1', table: 'people', entityId: 'p1', action: 'create', before: null, after, changedFields: Object.keys(after) }))
      .toEqual(['name', 'isContractOpenEnded']);
    expect(shownFields({ at: '', companyId: 'c1', table: 'people', entityId: 'p1', action: 'update', before: after, after: { ...after, phone: '1' }, changedFields: ['phone'] }))
      .toEqual(['phone']);
  });
});
