import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorkspaceFile, parseWorkspaceFile, toCompanyRecords } from '../../../shared/workspace/workspaceFile';

const fixture = readFileSync(new URL('../../fixtures/workspace/two-companies.json', import.meta.url), 'utf8');

describe('parseWorkspaceFile', () => {
  it('accepts a valid file and fills defaults', () => {
    const result = parseWorkspaceFile(fixture);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.companies).toHaveLength(2);
    const bad = result.value.companies[1];
    expect(bad?.company.district).toBeNull();
    expect(bad?.company.answers).toEqual({});
    expect(bad?.vehicles[0]?.filingStatus).toBe('未备案');
  });

  it('round-trips through buildWorkspaceFile', () => {
    const parsed = parseWorkspaceFile(fixture);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const rebuilt = buildWorkspaceFile(toCompanyRecords(parsed.value), parsed.value.exportedAt, parsed.value.appVersion);
    const again = parseWorkspaceFile(JSON.stringify(rebuilt));
    expect(again).toEqual(parsed);
  });

  it.each([
    ['not JSON', '{"format":', '不是有效的 JSON'],
    ['an array', '[]', '不是工作区对象'],
    ['another format', '{"format":"other","formatVersion":1,"companies":[]}', '不是企业合规工作台导出的工作区文件'],
    ['a newer version', '{"format":"compliance-workbench/workspace","formatVersion":99,"exportedAt":"x","companies":[]}', '更新版本'],
    ['a company without a name', '{"format":"compliance-workbench/workspace","formatVersion":1,"exportedAt":"x","companies":[{"company":{"id":"a","name":"","createdAt":"x","updatedAt":"x"}}]}', '请填写企业名称'],
    ['an impossible date', '{"format":"compliance-workbench/workspace","formatVersion":1,"exportedAt":"x","companies":[{"company":{"id":"a","name":"甲","establishedOn":"2021-02-30","createdAt":"x","updatedAt":"x"}}]}', 'YYYY-MM-DD'],
  ])('refuses %s with a Chinese message', (_label, text, fragment) => {
    const result = parseWorkspaceFile(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(fragment);
  });

  it('says where in the file a field is wrong', () => {
    const text = JSON.stringify({
      format: 'compliance-workbench/workspace', formatVersion: 1, exportedAt: 'x',
      companies: [{ company: { id: 'a', name: '甲', createdAt: 'x', updatedAt: 'x' }, vehicles: [{ id: 'v', companyId: 'a', plate: '京A1', usageNature: '私用' }] }],
    });
    const result = parseWorkspaceFile(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('companies[1].vehicles[1].usageNature');
  });

  it('refuses duplicate company ids and records filed under another company', () => {
    const company = { id: 'a', name: '甲', createdAt: 'x', updatedAt: 'x' };
    const dup = parseWorkspaceFile(JSON.stringify({ format: 'compliance-workbench/workspace', formatVersion: 1, exportedAt: 'x', companies: [{ company }, { company }] }));
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.message).toContain('重复');
    const stray = parseWorkspaceFile(JSON.stringify({
      format: 'compliance-workbench/workspace', formatVersion: 1, exportedAt: 'x',
      companies: [{ company, stores: [{ id: 's', companyId: 'b', name: '店', kind: '门店' }] }],
    }));
    expect(stray.ok).toBe(false);
    if (!stray.ok) expect(stray.error.message).toContain('属于另一企业');
  });

  it('does not let __proto__ keys pollute objects', () => {
    const text = '{"format":"compliance-workbench/workspace","formatVersion":1,"exportedAt":"x","companies":[],"__proto__":{"polluted":true}}';
    const result = parseWorkspaceFile(text);
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
