import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReactNode } from 'react';
import { buildWorkCalendar, parseHolidayTable } from '../../../shared/deadlines/calendar';
import { KnowledgeBaseStoreProvider } from '../../../renderer/features/policies/KnowledgeBaseProvider';
import { createKnowledgeBaseStore, type KnowledgeBaseStore } from '../../../renderer/features/policies/knowledgeBaseStore';
import { provideWorkCalendar } from '../../../renderer/features/deadlines/workCalendarSource';
import { diskLoader } from '../../fixtures/policy/diskKnowledgeBase';

/** The shipped holiday table, as the page fetches it from resources/holidays. */
export function installShippedCalendar(): void {
  const json = JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/holidays/cn-holidays.json'), 'utf8')) as unknown;
  const table = parseHolidayTable(json);
  if (!table.ok) throw new Error(table.error.message);
  provideWorkCalendar(buildWorkCalendar(table.value));
}

/** A knowledge-base store over the shipped documents named (read from disk). */
export function knowledgeBaseStore(documentIds: readonly string[]): KnowledgeBaseStore {
  return createKnowledgeBaseStore(diskLoader({ documentIds }));
}

export function WithKnowledgeBase({ store, children }: { readonly store: KnowledgeBaseStore; readonly children: ReactNode }) {
  return <KnowledgeBaseStoreProvider store={store}>{children}</KnowledgeBaseStoreProvider>;
}
