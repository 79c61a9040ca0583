import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRecordIssues, isPlausiblePlate } from '../../../shared/validation/recordFindings';
import { parseWorkspaceFile } from '../../../shared/workspace/workspaceFile';

const parsed = parseWorkspaceFile(readFileSync(new URL('../../fixtures/workspace/two-companies.json', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error(parsed.error.message);
const [good, bad] = parsed.value.companies;

describe('findRecordIssues', () => {
  it('finds nothing wrong with a clean company', () => {
    expect(good && findRecordIssues(good)).toEqual([]);
  });

  it('reports each problem beside its field, warnings apart from errors', () => {
    if (!bad) throw new Error('fixture');
    const findings = findRecordIssues(bad);
    const by = (field: string) => findings.filter((f) => f.field === field);
    expect(by('uscc')).toMatchObject([{ severity: 'warning', entityId: 'c-bad' }]);
    expect(by('idNumber')).toMatchObject([{ severity: 'warning', entityId: 'p-2' }]);
    expect(by('contractEnd')).toMatchObject([{ severity: 'error', path: 'people[0].contractEnd', message: '王五：劳动合同终止日期应晚于起始日期' }]);
    expect(by('plate')).toMatchObject([{ severity: 'error', entityId: 'v-2' }]);
  });
});

describe('isPlausiblePlate', () => {
  it.each([
    ['京A12345', true], ['京AD12345', true], ['京 A·12345', true], ['京A1234', false], ['京I12345', false], ['A12345', false],
  ])('%s -> %s', (plate, expected) => expect(isPlausiblePlate(plate)).toBe(expected));
});
