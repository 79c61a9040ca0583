import type { Company } from '../../../shared/domain/company';

/**
 * What the company list shows: a search over name, 统一社会信用代码 and 法定代表人, filters by
 * 区, 企业类型 and 行业, and a sort. Pure, so the rules are tested without a page; the list keeps
 * the query in sessionStorage so it survives going to a company and back.
 */

export type CompanySortKey = 'name' | 'establishedOn' | 'updatedAt';
type SortOrder = 'asc' | 'desc';

export interface CompanyListQuery {
  readonly search: string;
  readonly districts: readonly string[];
  readonly entityTypes: readonly string[];
  /** Industry names (industryName; '' stands for 未填写). */
  readonly industries: readonly string[];
  readonly sortKey: CompanySortKey;
  readonly sortOrder: SortOrder;
}

export const DEFAULT_COMPANY_QUERY: CompanyListQuery = {
  search: '', districts: [], entityTypes: [], industries: [], sortKey: 'name', sortOrder: 'asc',
};

export const SORT_LABELS: Readonly<Record<CompanySortKey, string>> = {
  name: '企业名称',
  establishedOn: '成立日期',
  updatedAt: '更新时间',
};

/** Full-width letters and digits and spaces typed by a Chinese IME are matched as their ASCII forms. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function matchesSearch(company: Company, search: string): boolean {
  const needle = normalise(search);
  if (needle === '') return true;
  return [company.name, company.uscc, company.legalRepresentative].some((field) => normalise(field).includes(needle));
}

function compare(a: Company, b: Company, key: CompanySortKey): number {
  if (key === 'name') return a.name.localeCompare(b.name, 'zh-CN');
  if (key === 'updatedAt') return a.updatedAt.localeCompare(b.updatedAt);
  return (a.establishedOn ?? '').localeCompare(b.establishedOn ?? '');
}

/**
 * The companies matching the query, sorted. A company without 成立日期 sorts last in either
 * order (an unknown date is neither old nor new); ties fall back to the name.
 */
export function applyCompanyQuery(companies: readonly Company[], query: CompanyListQuery): Company[] {
  const shown = companies.filter(
    (c) =>
      matchesSearch(c, query.search) &&
      (query.districts.length === 0 || (c.district !== null && query.districts.includes(c.district))) &&
      (query.entityTypes.length === 0 || (c.entityType !== null && query.entityTypes.includes(c.entityType))) &&
      (query.industries.length === 0 || query.industries.includes(c.industryName)),
  );
  const direction = query.sortOrder === 'asc' ? 1 : -1;
  return shown.sort((a, b) => {
    if (query.sortKey === 'establishedOn' && (a.establishedOn === null) !== (b.establishedOn === null)) {
      return a.establishedOn === null ? 1 : -1;
    }
    return direction * compare(a, b, query.sortKey) || a.name.localeCompare(b.name, 'zh-CN');
  });
}

/** Whether anything narrows the list (so the page can say “共 n 家，显示 m 家” and offer 清除). */
export function isFiltered(query: CompanyListQuery): boolean {
  return query.search.trim() !== '' || query.districts.length > 0 || query.entityTypes.length > 0 || query.industries.length > 0;
}

/** Reads a stored query back, ignoring anything malformed (an older or hand-edited value). */
export function parseCompanyQuery(raw: string | null): CompanyListQuery {
  if (raw === null) return DEFAULT_COMPANY_QUERY;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof CompanyListQuery, unknown>>;
    const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
    return {
      search: typeof value.search === 'string' ? value.search : '',
      districts: strings(value.districts),
      entityTypes: strings(value.entityTypes),
      industries: strings(value.industries),
      sortKey: value.sortKey === 'establishedOn' || value.sortKey === 'updatedAt' ? value.sortKey : 'name',
      sortOrder: value.sortOrder === 'desc' ? 'desc' : 'asc',
    };
  } catch {
    return DEFAULT_COMPANY_QUERY;
  }
}
