import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWorkspaceFile, parseWorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { importWorkspace } from '../../../renderer/storage/workspaceRepository';
import { createCompany } from '../../../renderer/storage/companyRepository';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { getFormDrafts, listAllFormDrafts, saveFormDraft } from '../../../renderer/storage/documentRepository';

/*
 * Issue 17, point 1: one form draft per company and form, written as the officer types, carried
 * by the workspace file and read back on import.
 */

let db: WorkbenchDatabase;
let name: string;

beforeEach(async () => {
  name = `form-drafts-${Math.random().toString(36).slice(2)}`;
  db = new WorkbenchDatabase(name);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

describe('form drafts', () => {
  it('keeps one draft per company and template, dropping emptied fields', async () => {
    const company = await createCompany(db, { name: '北京康宁大药房有限公司' } as Parameters<typeof createCompany>[1]);
    await saveFormDraft(db, company.id, 'pharmacy-designation-application', { informationSystem: '已接入', floorArea: '' });
    await saveFormDraft(db, company.id, 'power-of-attorney', { agentName: '周丽' });
    await saveFormDraft(db, company.id, 'pharmacy-designation-application', { informationSystem: '已接入医保信息系统' });
    expect(await getFormDrafts(db, company.id)).toEqual({
      'pharmacy-designation-application': { informationSystem: '已接入医保信息系统' },
      'power-of-attorney': { agentName: '周丽' },
    });
    await saveFormDraft(db, company.id, 'power-of-attorney', { agentName: '  ' });
    expect(Object.keys(await getFormDrafts(db, company.id))).toEqual(['pharmacy-designation-application']);
  });

  it('refuses a draft for a company that does not exist, writing nothing', async () => {
    await expect(saveFormDraft(db, 'gone', 't', { a: 'b' })).rejects.toThrow('企业已不存在');
    expect(await db.formDrafts.count()).toBe(0);
  });

  it('travels in the workspace file and comes back on import (replace drops the company\'s other drafts)', async () => {
    const company = await createCompany(db, { name: '北京康宁大药房有限公司' } as Parameters<typeof createCompany>[1]);
    await saveFormDraft(db, company.id, 'pharmacy-designation-application', { informationSystem: '已接入医保信息系统' });
    const file = buildWorkspaceFile([{ company, people: [], licences: [], vehicles: [], stores: [], events: [] }], '2026-11-26T08:00:00.000Z', 'test', [], await listAllFormDrafts(db));
    const parsed = parseWorkspaceFile(JSON.stringify(file));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.companies[0]?.formDrafts.map((d) => [d.templateId, d.values])).toEqual([['pharmacy-designation-application', { informationSystem: '已接入医保信息系统' }]]);

    await saveFormDraft(db, company.id, 'power-of-attorney', { agentName: '周丽' });
    await importWorkspace(db, parsed.value.companies, 'replace', new Map());
    expect(await getFormDrafts(db, company.id)).toEqual({ 'pharmacy-designation-application': { informationSystem: '已接入医保信息系统' } });
  });

  it('reads a workspace file written before drafts existed', () => {
    const file = buildWorkspaceFile([], '2026-11-26T08:00:00.000Z', 'test');
    const json = JSON.parse(JSON.stringify({ ...file, companies: [{ company: { id: 'c1', name: '甲公司', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' } }] })) as unknown;
    const parsed = parseWorkspaceFile(JSON.stringify(json));
    expect(parsed.ok && parsed.value.companies[0]?.formDrafts).toEqual([]);
  });
});
