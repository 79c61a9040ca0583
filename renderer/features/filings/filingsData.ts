import { useEffect, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import { formTemplateManifestSchema, parseFormTemplate, type FormTemplate } from '../../../shared/pdf/formTemplates';
import { planPacket, type PlannedMaterial } from '../../../shared/pdf/packetPlan';
import { createFactContext, evaluateCondition } from '../../../shared/policy/evaluate';
import type { KnowledgeBase, PolicyItem } from '../../../shared/policy/knowledgeBase';
import { useStoredQuery } from '../../storage/repositories';
import { describeError } from '../../../shared/util/errorDescription';
import { type ChecklistStateRecord, type PacketHistoryRecord, type StoredDocument } from '../../storage/documentRepository';

/** Live views of the document library for one company; undefined while loading. */
export function useDocuments(companyId: string): StoredDocument[] | undefined {
  return useStoredQuery((repositories) => repositories.listDocuments(companyId), [companyId]);
}

/** null: nothing recorded yet for this application. */
export function useChecklistState(companyId: string, itemId: string | null): ChecklistStateRecord | null | undefined {
  return useStoredQuery(async (repositories) => (itemId === null ? null : repositories.getChecklistState(companyId, itemId)), [companyId, itemId]);
}

export function usePacketHistory(companyId: string): PacketHistoryRecord[] | undefined {
  return useStoredQuery((repositories) => repositories.listPacketHistory(companyId), [companyId]);
}

/** Items of the knowledge base that list materials: the applications a checklist can be made for. */
export function applicationItems(kb: KnowledgeBase): { readonly item: PolicyItem; readonly documentTitle: string }[] {
  return kb.documents.flatMap((d) => d.items.filter((i) => i.materials.length > 0 && i.kind !== 'duty').map((item) => ({ item, documentTitle: d.title })));
}

export type TemplatesState = { readonly status: 'loading' } | { readonly status: 'failed'; readonly message: string } | { readonly status: 'ready'; readonly templates: ReadonlyMap<string, FormTemplate> };

let templatesPromise: Promise<Map<string, FormTemplate>> | null = null;

/** resources/forms, fetched once per page. */
function loadTemplates(): Promise<Map<string, FormTemplate>> {
  templatesPromise ??= (async () => {
    const response = await fetch('./forms/manifest.json');
    if (!response.ok) throw new Error(`无法读取表单模板清单（HTTP ${response.status}）`);
    const manifest = formTemplateManifestSchema.parse(await response.json());
    const templates = new Map<string, FormTemplate>();
    for (const entry of manifest.templates) {
      const file = await fetch(`./forms/${entry.file}`);
      if (!file.ok) throw new Error(`无法读取表单模板 ${entry.file}（HTTP ${file.status}）`);
      const parsed = parseFormTemplate(await file.json(), `表单模板 ${entry.file} `);
      if (!parsed.ok) throw new Error(parsed.error.message);
      templates.set(parsed.value.id, parsed.value);
    }
    return templates;
  })();
  templatesPromise.catch(() => {
    templatesPromise = null;
  });
  return templatesPromise;
}

export function useFormTemplates(): TemplatesState {
  const [state, setState] = useState<TemplatesState>({ status: 'loading' });
  useEffect(() => {
    let isCurrent = true;
    loadTemplates().then(
      (templates) => isCurrent && setState({ status: 'ready', templates }),
      (e: unknown) => isCurrent && setState({ status: 'failed', message: describeError(e).message }),
    );
    return () => {
      isCurrent = false;
    };
  }, []);
  return state;
}

/** The plan of an application for this company: which materials apply, their templates and suggested documents. */
export function planFor(item: PolicyItem, record: CompanyRecord, documents: readonly StoredDocument[], templates: ReadonlyMap<string, FormTemplate>, date: IsoDate): PlannedMaterial[] {
  const facts = createFactContext(record, date);
  return planPacket(item, documents, {
    today: date,
    templates,
    people: record.people,
    isMaterialApplicable: (material) => {
      if (!material.when) return true;
      const outcome = evaluateCondition(material.when, facts);
      return outcome === 'pass' ? true : outcome === 'fail' ? false : null;
    },
  });
}
