import type { Company } from '../../../shared/domain/company';
import type { IsoDate } from '../../../shared/domain/isoDate';
import type { District, EntityType } from '../../../shared/domain/vocabulary';
import { blankCompanyInput, type CompanyInput } from '../../storage/companyRepository';

/** 是否位于自贸试验区: a Radio cannot hold null, so "未知" is its own value here. */
type TriState = 'yes' | 'no' | 'unknown';

/** What the company form edits: plain JSON (dates as ISO strings) so drafts serialize as is. */
export interface CompanyFormValues {
  name: string;
  uscc: string;
  legalRepresentative: string;
  registeredAddress: string;
  district: District | null;
  establishedOn: IsoDate | null;
  entityType: EntityType | null;
  industryCode: string;
  industryName: string;
  businessScope: string;
  freeTradeZone: TriState;
  employeeCount: number | null;
  annualRevenueWanYuan: number | null;
  totalAssetsWanYuan: number | null;
  contactPerson: string;
  contactPhone: string;
  email: string;
  note: string;
}

function toTriState(value: boolean | null): TriState {
  return value === null ? 'unknown' : value ? 'yes' : 'no';
}

function fromTriState(value: TriState): boolean | null {
  return value === 'unknown' ? null : value === 'yes';
}

export function companyToFormValues(company: CompanyInput | Company): CompanyFormValues {
  return {
    name: company.name,
    uscc: company.uscc,
    legalRepresentative: company.legalRepresentative,
    registeredAddress: company.registeredAddress,
    district: company.district,
    establishedOn: company.establishedOn,
    entityType: company.entityType,
    industryCode: company.industryCode,
    industryName: company.industryName,
    businessScope: company.businessScope,
    freeTradeZone: toTriState(company.isInFreeTradeZone),
    employeeCount: company.employeeCount,
    annualRevenueWanYuan: company.annualRevenueWanYuan,
    totalAssetsWanYuan: company.totalAssetsWanYuan,
    contactPerson: company.contactPerson,
    contactPhone: company.contactPhone,
    email: company.email,
    note: company.note,
  };
}

export function emptyCompanyFormValues(): CompanyFormValues {
  return companyToFormValues(blankCompanyInput());
}

/** Merges form values into a company input; fields the form does not edit (answers) are kept. */
export function formValuesToCompanyInput(values: CompanyFormValues, base: CompanyInput): CompanyInput {
  const trim = (s: string | undefined | null) => (s ?? '').trim();
  return {
    ...base,
    name: trim(values.name),
    uscc: trim(values.uscc).toUpperCase(),
    legalRepresentative: trim(values.legalRepresentative),
    registeredAddress: trim(values.registeredAddress),
    district: values.district ?? null,
    establishedOn: values.establishedOn ?? null,
    entityType: values.entityType ?? null,
    industryCode: trim(values.industryCode).toUpperCase(),
    industryName: trim(values.industryName),
    businessScope: trim(values.businessScope),
    isInFreeTradeZone: fromTriState(values.freeTradeZone ?? 'unknown'),
    employeeCount: values.employeeCount ?? null,
    annualRevenueWanYuan: values.annualRevenueWanYuan ?? null,
    totalAssetsWanYuan: values.totalAssetsWanYuan ?? null,
    contactPerson: trim(values.contactPerson),
    contactPhone: trim(values.contactPhone),
    email: trim(values.email),
    note: values.note ?? '',
  };
}
