import type { ItemEvaluation } from '../../../shared/policy/evaluate';
import type { PolicyItem } from '../../../shared/policy/knowledgeBase';

/*
 * The 申请事项 picker of 材料与申报: applications ordered by what the company's facts say (those
 * that apply, then those that may, then the rest), and which one a tab starts on. Pure, so the
 * order is tested without a browser.
 */

export type ApplicationFit = 'applies' | 'mayApply' | 'other';

export const APPLICATION_FIT_LABELS: Readonly<Record<ApplicationFit, string>> = {
  applies: '适用于本企业',
  mayApply: '可能适用（有待确认的情况）',
  other: '其他申请事项',
};

export interface ApplicationEntry {
  readonly item: PolicyItem;
  readonly documentTitle: string;
}

export interface RankedApplication extends ApplicationEntry {
  readonly fit: ApplicationFit;
}

const FIT_ORDER: readonly ApplicationFit[] = ['applies', 'mayApply', 'other'];

function fitOf(evaluation: ItemEvaluation | undefined): ApplicationFit {
  if (evaluation === undefined) return 'other';
  if (evaluation.applies === 'yes') return 'applies';
  if (evaluation.applies === 'unknown') return 'mayApply';
  return 'other';
}

/** Applications grouped by fit, each group keeping the knowledge base's order. */
export function rankApplications(applications: readonly ApplicationEntry[], evaluations: readonly ItemEvaluation[]): RankedApplication[] {
  const byId = new Map(evaluations.map((e) => [e.id, e]));
  const ranked = applications.map((a) => ({ ...a, fit: fitOf(byId.get(a.item.id)) }));
  return FIT_ORDER.flatMap((fit) => ranked.filter((r) => r.fit === fit));
}

/**
 * The application a tab starts on: the one the officer chose last for this company while it still
 * exists, else the first that applies, else the first that may apply; null when none fits.
 */
export function initialApplication(ranked: readonly RankedApplication[], remembered: string | null | undefined): string | null {
  if (remembered && ranked.some((r) => r.item.id === remembered)) return remembered;
  return ranked.find((r) => r.fit !== 'other')?.item.id ?? null;
}

/** The settings key under which the choice is remembered per company. */
export function applicationChoiceKey(companyId: string): string {
  return `filings.application.${companyId}`;
}
