import type { Certificate, Person } from '../../../shared/domain/company';
import { isIsoDate } from '../../../shared/domain/isoDate';
import type { TargetMap } from './recognitionReview';

/*
 * 识别身份证 / 识别执业药师注册证 in the person form (issue 18): where each recognised value goes
 * in the person record, and the confirmed values as a patch of the form. The officer still saves
 * the form.
 */

export type PersonScanKind = '身份证' | '执业药师注册证';

/** The 执业药师注册证's 有效期 goes into the person's certificate of that kind. */
export const CERTIFICATE_VALID_TO = 'certificate.validTo';

export const PERSON_TARGETS: Readonly<Record<PersonScanKind, TargetMap>> = {
  身份证: {
    姓名: { kind: 'field', key: 'name' },
    公民身份号码: { kind: 'field', key: 'idNumber' },
    有效期限: { kind: 'none', reason: '人员信息中没有“身份证有效期限”一项，此值不会保存' },
  },
  执业药师注册证: {
    姓名: { kind: 'field', key: 'name' },
    注册单位: { kind: 'none', reason: '注册单位不单独保存；如是本企业门店，请在表单的“执业注册地”中选择' },
    有效期: { kind: 'field', key: CERTIFICATE_VALID_TO },
  },
};

type PersonFormPart = Pick<Person, 'name' | 'idNumber' | 'certificates'>;

export function personFormPatch(values: Readonly<Record<string, string>>, current: readonly Certificate[]): { patch: Partial<PersonFormPart>; notes: string[] } {
  const patch: Partial<PersonFormPart> = {};
  const notes: string[] = [];
  if (values.name !== undefined) patch.name = values.name;
  if (values.idNumber !== undefined) patch.idNumber = values.idNumber.toUpperCase().replace(/\s/g, '');
  const validTo = values[CERTIFICATE_VALID_TO];
  if (validTo !== undefined) {
    if (!isIsoDate(validTo)) {
      notes.push(`有效期“${validTo}”不是有效日期，请在“资格证书”中填写。`);
    } else {
      const index = current.findIndex((c) => c.kind === '执业药师注册证');
      patch.certificates = index >= 0
        ? current.map((c, i) => (i === index ? { ...c, validTo } : c))
        : [...current, { kind: '执业药师注册证', number: '', issuer: '', issuedOn: null, validTo }];
      notes.push(index >= 0 ? '已更新“执业药师注册证”的有效期。' : '已在“资格证书”中添加“执业药师注册证”，请补充证书编号。');
    }
  }
  return { patch, notes };
}

/** The stored person as the history's source note reads it (the certificate's 有效期 by its key). */
export function personSourceView(row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const certificates = Array.isArray(row.certificates) ? (row.certificates as readonly Partial<Certificate>[]) : [];
  return { ...row, [CERTIFICATE_VALID_TO]: certificates.find((c) => c.kind === '执业药师注册证')?.validTo ?? null };
}
