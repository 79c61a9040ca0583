import type { IsoDate } from '../../../shared/domain/isoDate';
import { compareIsoDate, daysBetween } from '../../../shared/domain/isoDate';
import type { CompanyDocument } from '../../../shared/workspace/workspaceFile';

/*
 * The kinds a document can have. Knowledge-base materials that list no documentKinds are matched
 * by name (shared/pdf/packetPlan.ts: the kind, without 复印件, must appear in the material's name),
 * so these words are the ones the materials of 第六条 and the other applications use.
 */
export const DOCUMENT_KINDS = [
  '营业执照', '药品经营许可证', '医疗器械经营许可证', '食品经营许可证', '劳务派遣经营许可证', '人力资源服务许可证',
  '道路运输经营许可证', '广播电视节目制作经营许可证', '信息网络传播视听节目许可证', '开户许可证',
  '身份证复印件', '执业药师资格证书', '执业药师注册证', '药学技术人员相关证书', '劳动合同', '内部管理制度', '财务制度', '劳务派遣管理制度',
  '公司章程', '财务审计报告', '验资报告', '房产证', '租赁协议', '劳务派遣协议样本', '信息系统相关材料', '预测性分析报告',
  '知识产权', '检验检测报告', '申报表', '承诺书', '授权委托书', '车辆行驶证', '其他',
] as const;

/** Files the packet can merge; DOCX and XLSX are kept as attachments only. */
export const MERGEABLE_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** Kinds whose validity date is a deadline: licences, permits, certificates, filings and contracts. */
export function isValidityTracked(kind: string): boolean {
  return /(执照|许可证|证书|备案|劳动合同|行驶证|身份证)/.test(kind);
}

export type ValidityState = 'none' | 'notYetValid' | 'valid' | 'expiringSoon' | 'expired';

export const VALIDITY_LABELS: Readonly<Record<ValidityState, string>> = {
  none: '长期/未填写',
  notYetValid: '尚未生效',
  valid: '有效',
  expiringSoon: '30日内到期',
  expired: '已过期',
};

/** Validity on `date`: 30 days before validTo counts as expiring soon. */
export function validityOn(document: Pick<CompanyDocument, 'validFrom' | 'validTo'>, date: IsoDate): ValidityState {
  if (document.validFrom !== null && compareIsoDate(document.validFrom, date) > 0) return 'notYetValid';
  if (document.validTo === null) return 'none';
  if (compareIsoDate(document.validTo, date) < 0) return 'expired';
  return daysBetween(date, document.validTo) <= 30 ? 'expiringSoon' : 'valid';
}

/** Chinese name of a subject, for tables. */
export function subjectKindLabel(kind: 'person' | 'vehicle' | 'store' | 'licence'): string {
  switch (kind) {
    case 'person': return '人员';
    case 'vehicle': return '车辆';
    case 'store': return '门店/场所';
    case 'licence': return '证照';
  }
}
