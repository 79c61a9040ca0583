import type { Person } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { compareIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import { formatChineseDate } from '../../../shared/pdf/formFacts';
import { documentValidityOn } from '../../../shared/pdf/packetPlan';
import type { FormTemplate } from '../../../shared/pdf/formTemplates';
import type { PlannedMaterial } from '../../../shared/pdf/packetPlan';
import { contractStatus } from '../../../shared/policy/facts';
import type { Material, PolicyItem } from '../../../shared/policy/knowledgeBase';
import type { ChecklistMaterialState, ChecklistStateRecord, StoredDocument } from '../../storage/documentRepository';
import { emptyMaterialState } from '../../storage/documentRepository';

/*
 * A company's checklist for one application: each material of the knowledge-base item with its
 * state, the documents attached as evidence, and the checks the data allows on the submission
 * date. Pure, so the rules are tested without a browser.
 */

export type MaterialStatus = 'missing' | 'attached' | 'expired' | 'notYetValid' | 'needsSignature' | 'checkFailed' | 'notApplicable';

export const MATERIAL_STATUS_LABELS: Readonly<Record<MaterialStatus, string>> = {
  missing: '缺少',
  attached: '已附',
  expired: '已过期',
  notYetValid: '尚未生效',
  needsSignature: '待签字盖章',
  checkFailed: '未通过核验',
  notApplicable: '不适用',
};

interface ChecklistCheck {
  /** null: cannot tell from the data (shown as 待确认). */
  readonly isPassed: boolean | null;
  readonly text: string;
}

export interface ChecklistRow {
  readonly material: Material;
  readonly status: MaterialStatus;
  readonly template: FormTemplate | null;
  readonly attached: readonly StoredDocument[];
  /** Stored documents the plan matches to this material that are not attached yet. */
  readonly suggested: readonly StoredDocument[];
  readonly checks: readonly ChecklistCheck[];
  readonly warnings: readonly string[];
  readonly state: ChecklistMaterialState;
  /** Why a material is not applicable, when the company's facts decided it. */
  readonly notApplicableReason: string;
}

export interface Checklist {
  readonly rows: readonly ChecklistRow[];
  /** Materials that count (not 不适用). */
  readonly applicableCount: number;
  readonly completeCount: number;
  /** 0..100, rounded down so 100 means every material is done. */
  readonly percent: number;
}

export interface ChecklistInput {
  readonly item: PolicyItem;
  /** planPacket(item, documents, …) for this company: decides applicability, templates and suggestions. */
  readonly plan: readonly PlannedMaterial[];
  readonly state: ChecklistStateRecord | null;
  readonly documents: readonly StoredDocument[];
  readonly record: CompanyRecord;
  /** The day the application is to be handed in: validity and contracts are checked on it. */
  readonly date: IsoDate;
}

/**
 * 第五条第（二）（三）项 of 北京市零售药店医疗保障定点管理暂行办法 (seed lines 4722-4728): 药师 and
 * 医保管理人员 须签订 1 年以上劳动合同且在合同期内. Only that item's contracts are checked for it.
 */
const PHARMACY_ITEM_PREFIX = 'pharmacy-designation/';
const CONTRACT_RULE = '1 年以上劳动合同且在合同期内（《北京市零售药店医疗保障定点管理暂行办法》第五条第（二）（三）项）';

function validityCheck(document: StoredDocument, date: IsoDate): ChecklistCheck | null {
  const name = `“${document.title || document.fileName}”`;
  const dateText = formatChineseDate(date);
  if (document.validFrom !== null && compareIsoDate(document.validFrom, date) > 0) {
    return { isPassed: false, text: `${name}自 ${formatChineseDate(document.validFrom)} 起才生效，申报日 ${dateText} 尚未生效` };
  }
  if (document.validTo === null) return null;
  if (compareIsoDate(document.validTo, date) < 0) {
    return { isPassed: false, text: `${name}已于 ${formatChineseDate(document.validTo)} 过期，申报日 ${dateText} 不在有效期内` };
  }
  return { isPassed: true, text: `${name}有效期至 ${formatChineseDate(document.validTo)}，申报日 ${dateText} 有效` };
}

/** The contract's dates from the document itself, falling back to the person's record. */
function contractCheck(document: StoredDocument, person: Person | undefined, date: IsoDate): ChecklistCheck {
  const who = person ? person.name : (document.title || document.fileName);
  const start = document.validFrom ?? person?.contractStart ?? null;
  const end = document.validTo ?? person?.contractEnd ?? null;
  const isOpenEnded = document.validTo === null && (person?.isContractOpenEnded ?? false);
  const probe: Person = {
    id: person?.id ?? document.id, companyId: document.companyId, name: who, idNumber: '', roles: [], phone: '', storeId: null,
    practiceStoreId: null, certificates: [], contractStart: start, contractEnd: end, isContractOpenEnded: isOpenEnded, note: '',
  };
  const status = contractStatus(probe, date);
  if (status.status === 'yes') return { isPassed: true, text: `${who}的劳动合同符合${CONTRACT_RULE}` };
  const why = status.why;
  return { isPassed: status.status === 'no' ? false : null, text: `${who}的劳动合同应为${CONTRACT_RULE}：${why}` };
}

export function buildChecklist(input: ChecklistInput): Checklist {
  const { item, plan, state, documents, record, date } = input;
  const byId = new Map(documents.map((d) => [d.id, d]));
  const planned = new Map(plan.map((p) => [p.material.id, p]));
  const rows: ChecklistRow[] = item.materials.map((material) => {
    const materialState = state?.materials[material.id] ?? emptyMaterialState();
    const plannedMaterial = planned.get(material.id);
    const attached = materialState.documentIds.map((id) => byId.get(id)).filter((d): d is StoredDocument => d !== undefined);
    const attachedIds = new Set(attached.map((d) => d.id));
    const suggested = (plannedMaterial?.documents ?? []).map((d) => byId.get(d.id)).filter((d): d is StoredDocument => d !== undefined && !attachedIds.has(d.id));
    const template = plannedMaterial?.template ?? null;
    const base = { material, template, attached, suggested, state: materialState };
    if (plannedMaterial === undefined) {
      return { ...base, status: 'notApplicable', checks: [], warnings: [], notApplicableReason: material.when ? `按本企业情况不需要（${material.when.label}）` : '' };
    }
    const warnings = plannedMaterial.warnings.filter((w) => !w.includes('已于') && !w.includes('按材料名称匹配'));
    if (materialState.isNotApplicable) return { ...base, status: 'notApplicable', checks: [], warnings, notApplicableReason: '已标记为不适用' };

    const checks: ChecklistCheck[] = [];
    for (const document of attached) {
      const validity = validityCheck(document, date);
      if (validity) checks.push(validity);
      if (!document.hasFile) checks.push({ isPassed: false, text: `“${document.title || document.fileName}”只有登记信息，没有文件，请重新上传` });
      if (item.id.startsWith(PHARMACY_ITEM_PREFIX) && document.kind === '劳动合同') {
        const person = document.subject?.kind === 'person' ? record.people.find((p) => p.id === document.subject?.id) : undefined;
        checks.push(contractCheck(document, person, date));
      }
    }
    const evidenceCount = attached.length + (template ? 1 : 0);
    const validities = attached.map((d) => documentValidityOn(d, date));
    let status: MaterialStatus;
    if (evidenceCount === 0) status = 'missing';
    else if (validities.includes('expired')) status = 'expired';
    else if (validities.includes('notYetValid')) status = 'notYetValid';
    else if (checks.some((c) => c.isPassed === false)) status = 'checkFailed';
    else if (material.needsSignatureAndSeal && !materialState.isSigned) status = 'needsSignature';
    else status = 'attached';
    return { ...base, status, checks, warnings, notApplicableReason: '' };
  });
  const applicable = rows.filter((r) => r.status !== 'notApplicable');
  const complete = applicable.filter((r) => r.status === 'attached');
  const percent = applicable.length === 0 ? 100 : Math.floor((complete.length / applicable.length) * 100);
  return { rows, applicableCount: applicable.length, completeCount: complete.length, percent };
}

/** 尚缺 names each material that is not ready, with why when it is more than missing (已过期, 待签字盖章…). */
export function outstandingText(rows: readonly ChecklistRow[]): string {
  return rows
    .filter((r) => r.status !== 'attached' && r.status !== 'notApplicable')
    .map((r) => (r.status === 'missing' ? r.material.name : `${r.material.name}（${MATERIAL_STATUS_LABELS[r.status]}）`))
    .join('；');
}
