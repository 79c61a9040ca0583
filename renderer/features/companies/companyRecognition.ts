import { isIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import { DISTRICTS, ENTITY_TYPES, type District, type EntityType } from '../../../shared/domain/vocabulary';
import { parseDateText } from '../../../shared/ocr/checks';
import type { CompanyFormValues } from './companyForm';

/*
 * 从营业执照识别 (issue 18): the confirmed values of a 营业执照 review as a patch of the new
 * company's form. The officer still checks and saves the form; what cannot go into it as read
 * (a 类型 the form's list does not have, a date that is not one) is said, not dropped silently.
 */

export interface CompanyFormPatch {
  readonly patch: Partial<CompanyFormValues>;
  readonly notes: readonly string[];
}

const halfWidth = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')').replace(/\s/g, '');

/** The form's 企业类型 for the 类型 printed on a 营业执照 (有限责任公司（自然人独资） → 有限责任公司(自然人独资)). */
export function entityTypeOf(text: string): EntityType | null {
  const t = halfWidth(text);
  const exact = ENTITY_TYPES.find((e) => e === t);
  if (exact !== undefined) return exact;
  if (t.includes('分公司')) return '分公司';
  if (t.includes('个体')) return '个体工商户';
  if (t.includes('外商') || t.includes('外国') || t.includes('台港澳')) return '外商投资企业';
  if (t.includes('自然人独资')) return '有限责任公司(自然人独资)';
  if (t.includes('法人独资')) return '有限责任公司(法人独资)';
  if (t.includes('股份有限公司')) return '股份有限公司';
  if (t.includes('合伙')) return '合伙企业';
  if (t.includes('个人独资')) return '个人独资企业';
  if (t.includes('有限责任公司')) return '有限责任公司';
  return null;
}

/** 北京市朝阳区… → 朝阳区. */
export function districtOf(address: string): District | null {
  const t = address.replace(/\s/g, '').replace(/^北京市?/, '');
  return DISTRICTS.find((d) => t.startsWith(d)) ?? null;
}

export function companyFormPatch(values: Readonly<Record<string, string>>): CompanyFormPatch {
  const patch: Partial<CompanyFormValues> = {};
  const notes: string[] = [];
  if (values.name !== undefined) patch.name = values.name;
  if (values.uscc !== undefined) patch.uscc = values.uscc.toUpperCase().replace(/\s/g, '');
  if (values.legalRepresentative !== undefined) patch.legalRepresentative = values.legalRepresentative;
  if (values.businessScope !== undefined) patch.businessScope = values.businessScope;
  if (values.registeredAddress !== undefined) {
    patch.registeredAddress = values.registeredAddress;
    const district = districtOf(values.registeredAddress);
    if (district !== null) patch.district = district;
  }
  if (values.entityType !== undefined) {
    const type = entityTypeOf(values.entityType);
    if (type === null) notes.push(`类型“${values.entityType}”不在企业类型的选项中，请在表单中选择企业类型。`);
    else patch.entityType = type;
  }
  if (values.establishedOn !== undefined) {
    const date: string | null = isIsoDate(values.establishedOn) ? values.establishedOn : parseDateText(values.establishedOn);
    if (date === null) notes.push(`成立日期“${values.establishedOn}”不是有效日期，请在表单中填写。`);
    else patch.establishedOn = date as IsoDate;
  }
  return { patch, notes };
}
