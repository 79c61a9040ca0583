import { describe, expect, it } from 'vitest';
import { evaluateCompany } from '../../../../shared/policy/evaluate';
import type { IsoDate } from '../../../../shared/domain/isoDate';
import { knowledgeBaseOf, loadDocument, makeRecord } from '../policyTestKit';
import { describeDocumentIntegrity } from './documentIntegrity';

const document = loadDocument('urban-management-invalidation');

describe('urban-management-invalidation (市城市管理委宣布部分行政规范性文件失效的决定)', () => {
  describeDocumentIntegrity(document);

  it('is addressed to government bodies only and sets nothing for enterprises', () => {
    expect(document).toMatchObject({ isGovernmentOnly: true, items: [], docNumber: '京管发〔2021〕16号', issuers: ['北京市城市管理委员会'] });
  });

  it('dates come from the signature line, so they are marked inferred', () => {
    expect(document.issuedOn).toMatchObject({ date: '2021-08-13', isInferred: true });
    expect(document.effectiveOn).toMatchObject({ date: '2021-08-13', isInferred: true });
    expect(document.effectiveOn.note).toContain('自本决定印发之日起');
  });

  it('matches no company', () => {
    const record = makeRecord({ company: { district: '东城区', industryCode: 'N7820' } });
    expect(evaluateCompany(knowledgeBaseOf([document]), record, '2022-01-01' as IsoDate)).toEqual([]);
  });
});
