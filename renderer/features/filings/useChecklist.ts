import { useMemo } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { isIsoDate, localIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import type { PlannedMaterial } from '../../../shared/pdf/packetPlan';
import type { PolicyItem } from '../../../shared/policy/knowledgeBase';
import type { ChecklistStateRecord, StoredDocument } from '../../storage/documentRepository';
import { buildChecklist, type Checklist } from './checklistModel';
import { planFor, useChecklistState, useDocuments, useFormTemplates, type TemplatesState } from './filingsData';

/** Everything the checklist and packet tabs share for the chosen application. */
export interface ChecklistContext {
  readonly item: PolicyItem | null;
  readonly documents: readonly StoredDocument[];
  readonly state: ChecklistStateRecord | null;
  readonly date: IsoDate;
  readonly plan: readonly PlannedMaterial[];
  readonly checklist: Checklist | null;
  readonly templates: TemplatesState;
  readonly isLoading: boolean;
}

export function useChecklist(record: CompanyRecord, item: PolicyItem | null): ChecklistContext {
  const documents = useDocuments(record.company.id);
  const state = useChecklistState(record.company.id, item?.id ?? null);
  const templates = useFormTemplates();
  const stored = state?.submissionDate;
  const date = stored !== undefined && stored !== null && isIsoDate(stored) ? stored : localIsoDate(new Date());
  return useMemo(() => {
    const docs = documents ?? [];
    const isLoading = documents === undefined || state === undefined || templates.status === 'loading';
    if (item === null || isLoading) return { item, documents: docs, state: state ?? null, date, plan: [], checklist: null, templates, isLoading };
    const plan = planFor(item, record, docs, templates.status === 'ready' ? templates.templates : new Map(), date);
    const checklist = buildChecklist({ item, plan, state, documents: docs, record, date });
    return { item, documents: docs, state, date, plan, checklist, templates, isLoading };
  }, [documents, state, templates, item, record, date]);
}
