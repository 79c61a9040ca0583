import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIdNumber } from '../../../shared/validation/idCard';
import { findRecordIssues } from '../../../shared/validation/recordFindings';
import { checkUscc } from '../../../shared/validation/uscc';
import { parseWorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { SAMPLE_FILES } from '../../../renderer/features/workspace/sampleFiles';

const samplesDir = path.resolve(import.meta.dirname, '../../../resources/samples');

function load(file: string) {
  const parsed = parseWorkspaceFile(readFileSync(path.join(samplesDir, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
  return parsed.value;
}

describe('sample workspaces in resources/samples', () => {
  it('the loader lists exactly the JSON files that ship', () => {
    const onDisk = readdirSync(samplesDir).filter((f) => f.endsWith('.json')).sort();
    expect([...SAMPLE_FILES].sort()).toEqual(onDisk);
  });

  it.each(SAMPLE_FILES)('%s parses as a workspace file and has no findings at all', (file) => {
    const workspace = load(file);
    expect(workspace.companies).toHaveLength(1);
    for (const record of workspace.companies) {
      expect(findRecordIssues(record)).toEqual([]);
      expect(checkUscc(record.company.uscc).kind).toBe('valid');
      for (const person of record.people) expect(checkIdNumber(person.idNumber).kind, person.name).toBe('valid');
    }
  });

  it('company and record ids are unique across all samples (loading them together is safe)', () => {
    const ids = SAMPLE_FILES.flatMap((file) =>
      load(file).companies.flatMap((r) => [r.company.id, ...[...r.people, ...r.licences, ...r.vehicles, ...r.stores, ...r.events].map((e) => e.id)]),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the pharmacy shows the 医保定点 situation it is meant to demonstrate', () => {
    const [record] = load('retailPharmacy.json').companies;
    if (!record) throw new Error('empty');
    expect(record.company.district).toBe('朝阳区');
    expect(record.licences.some((l) => l.kind === '药品经营许可证' && l.validTo !== null && l.validTo > '2026-11-26')).toBe(true);
    const store = record.stores[0];
    expect(store?.address).toBe(record.company.registeredAddress);
    expect(store?.operatingSince).toBe('2026-06-20');
    const pharmacists = record.people.filter((p) => p.roles.includes('执业药师'));
    expect(pharmacists).toHaveLength(1);
    expect(pharmacists[0]?.practiceStoreId).toBe(store?.id);
    expect(pharmacists[0]?.contractEnd).toBe('2029-05-31');
    const insuranceStaff = record.people.filter((p) => p.roles.includes('医保管理人员'));
    expect(insuranceStaff).toHaveLength(2);
    expect(insuranceStaff.filter((p) => p.contractStart !== null && p.contractEnd !== null && p.contractEnd < `${Number(p.contractStart.slice(0, 4)) + 1}${p.contractStart.slice(4)}`)).toHaveLength(1);
  });

  it('the car-rental company has about 36 vehicles of the documented kinds', () => {
    const [record] = load('carRental.json').companies;
    if (!record) throw new Error('empty');
    expect(record.vehicles).toHaveLength(36);
    const legacy = record.vehicles.filter((v) => v.usageNature === '非营运');
    expect(legacy.length).toBeGreaterThan(0);
    expect(legacy.every((v) => v.registeredOn !== null && v.registeredOn < '2021-04-01')).toBe(true);
    expect(record.vehicles.filter((v) => v.isTimeShare)).toHaveLength(2);
    expect(record.vehicles.filter((v) => v.usageNature === '租赁').length).toBeGreaterThan(record.vehicles.length / 2);
    expect(record.events.some((e) => e.kind === 'filing')).toBe(true);
  });

  it('the data centre company is an energy-reporting case', () => {
    const [record] = load('dataCentre.json').companies;
    if (!record) throw new Error('empty');
    expect(record.stores.some((s) => s.kind === '数据中心')).toBe(true);
    const manager = record.people.find((p) => p.roles.includes('能源管理负责人'));
    expect(manager?.certificates.some((c) => c.kind === '能源管理培训证书')).toBe(true);
    expect(record.company.annualRevenueWanYuan).not.toBeNull();
    expect(record.company.totalAssetsWanYuan).not.toBeNull();
    expect(record.company.employeeCount).not.toBeNull();
  });
});
