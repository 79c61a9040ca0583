import { daysBetween, type IsoDate } from '../../../shared/domain/isoDate';
import type { CompanyDocument } from '../../../shared/workspace/workspaceFile';
import { isValidityTracked } from './documentKinds';

/*
 * Document validity dates as dated items for the deadline tracker (renderer/features/deadlines).
 * A document's expiry is the user's own record, not a legal rule: no policy text says when to
 * renew it, so these carry no citation and no computed renewal window, only the date on the paper.
 */

type DocumentExpiryStatus = 'overdue' | 'dueWithin7' | 'dueWithin30' | 'later';

export interface DocumentExpiryDuty {
  /** Stable: `document-expiry|<documentId>|<validTo>` (a renewed document is a new duty). */
  readonly key: string;
  readonly documentId: string;
  readonly companyId: string;
  /** 「营业执照 到期：朝阳店营业执照」 */
  readonly title: string;
  readonly kind: string;
  readonly dueDate: IsoDate;
  /** Negative when already expired. */
  readonly daysLeft: number;
  /** The same names as the tracker's DutyStatus for the dated states. */
  readonly status: DocumentExpiryStatus;
  readonly subject: CompanyDocument['subject'];
  readonly source: '材料有效期';
}

/** One duty per licence-like document with a validTo, soonest first. */
export function documentExpiryDuties(documents: readonly CompanyDocument[], today: IsoDate): DocumentExpiryDuty[] {
  const duties: DocumentExpiryDuty[] = [];
  for (const document of documents) {
    if (document.validTo === null || !isValidityTracked(document.kind)) continue;
    const daysLeft = daysBetween(today, document.validTo);
    const status: DocumentExpiryStatus = daysLeft < 0 ? 'overdue' : daysLeft <= 7 ? 'dueWithin7' : daysLeft <= 30 ? 'dueWithin30' : 'later';
    const name = document.title || document.fileName;
    duties.push({
      key: `document-expiry|${document.id}|${document.validTo}`,
      documentId: document.id,
      companyId: document.companyId,
      title: `${document.kind}到期：${name}`,
      kind: document.kind,
      dueDate: document.validTo,
      daysLeft,
      status,
      subject: document.subject,
      source: '材料有效期',
    });
  }
  return duties.sort((a, b) => a.daysLeft - b.daysLeft || a.title.localeCompare(b.title, 'zh-CN'));
}
