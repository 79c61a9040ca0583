import { liveQuery } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AuditedTable } from '../../shared/history/changeLog';
import type { ChangeSourceResolver } from './auditMiddleware';
import {
  countCompanyHistory, countCompanyTableHistory, listCompanyHistory, listCompanyTableHistory, listRecordHistory, writeWithSource,
} from './changeLogRepository';
import {
  createCompany, deleteCompany, findStoredCompanies, getCompanyRecord,
  getSetting, listCompanies, listCompanyIds, putSetting, saveCompanyAnswer, saveEvent, saveLicence, savePerson,
  saveStore, saveVehicle, setPresumptionOverturned, updateCompany,
} from './companyRepository';
import { appDb } from './connections';
import {
  addDocument, getChecklistState, getDocumentBlob, getFormDrafts, getFormMapping, importDocumentMetadata,
  listAllDocumentMetadata, listDocuments, listPacketHistory, putImportedFiles, recordPacket, saveFormDraft, saveFormMapping, sealImportedFiles,
  setSubmissionDate, updateDocumentMetadata, updateMaterialState,
} from './documentRepository';
import {
  deleteEnergyReading, deleteEnergyReadings, deleteEnergySubmission, deleteEnergyTraining, describeEnergyAttachments, getEnergyAttachment,
  getEnergySettings, listAllEnergyAttachmentMetadata, reassignReadingsToCompanyWide, replaceRecomputedReadings, saveEnergyReading, saveEnergyReadings,
  saveEnergySettings, saveEnergySubmission, saveEnergyTraining, withEnergySettings,
} from './energyRepository';
import { importFleetVehicles } from './fleetRepository';
import {
  listDutyHistory, markDutiesDone, markDutyDone, markDutyDoneWithProof, setDutyAssignee, setDutyDueDate, setDutySchedule, setDutyTriggerDate, undoDutyDone,
} from './trackingRepository';
import { deleteChildForUndo, deleteCompanyForUndo, deleteDocumentForUndo, restoreDeletion } from './undoRepository';
import type { WorkbenchDatabase } from './workbenchDatabase';
import { collectWorkspaceFile, importWorkspace, readPackageFiles } from './workspaceRepository';

/*
 * The one way the page reaches stored data. Components take the repositories from
 * useRepositories() (or read live through useStoredQuery); plain async flows (imports, exports,
 * the tracker's store) take them as a parameter, so a test hands them repositories over its own
 * database. Only renderer/storage/ knows Dexie and the database objects (an ESLint rule keeps it
 * so); every transaction over more than one table is written here, in a repository module.
 *
 * Each repository function takes the database as its first argument; the repositories are the
 * ones the page uses, with the page's database already given.
 */

type DatabaseFunction = (db: WorkbenchDatabase, ...args: never[]) => unknown;
type WithDatabase<F> = F extends (db: WorkbenchDatabase, ...args: infer A) => infer R ? (...args: A) => R : never;

export function createRepositories(db: WorkbenchDatabase) {
  const on = <F extends DatabaseFunction>(fn: F): WithDatabase<F> =>
    ((...args: unknown[]) => (fn as unknown as (...all: unknown[]) => unknown)(db, ...args)) as WithDatabase<F>;
  return {
    // Companies and their records (companyRepository.ts)
    listCompanies: on(listCompanies),
    listCompanyIds: on(listCompanyIds),
    getCompanyRecord: on(getCompanyRecord),
    findStoredCompanies: on(findStoredCompanies),
    createCompany: on(createCompany),
    updateCompany: on(updateCompany),
    deleteCompany: on(deleteCompany),
    saveCompanyAnswer: on(saveCompanyAnswer),
    setPresumptionOverturned: on(setPresumptionOverturned),
    savePerson: on(savePerson),
    saveLicence: on(saveLicence),
    saveVehicle: on(saveVehicle),
    saveStore: on(saveStore),
    saveEvent: on(saveEvent),
    importFleetVehicles: on(importFleetVehicles),
    // Settings (key-value)
    getSetting: <T>(key: string) => getSetting<T>(db, key),
    putSetting: on(putSetting),
    // Document library, checklists, forms and packets (documentRepository.ts)
    listDocuments: on(listDocuments),
    listAllDocumentMetadata: on(listAllDocumentMetadata),
    getDocumentBlob: on(getDocumentBlob),
    addDocument: on(addDocument),
    updateDocumentMetadata: on(updateDocumentMetadata),
    sealImportedFiles: on(sealImportedFiles),
    putImportedFiles: on(putImportedFiles),
    importDocumentMetadata: on(importDocumentMetadata),
    getChecklistState: on(getChecklistState),
    updateMaterialState: on(updateMaterialState),
    setSubmissionDate: on(setSubmissionDate),
    recordPacket: on(recordPacket),
    listPacketHistory: on(listPacketHistory),
    getFormMapping: on(getFormMapping),
    saveFormMapping: on(saveFormMapping),
    getFormDrafts: on(getFormDrafts),
    saveFormDraft: on(saveFormDraft),
    // Energy ledger (energyRepository.ts)
    withEnergySettings: on(withEnergySettings),
    getEnergySettings: on(getEnergySettings),
    saveEnergySettings: on(saveEnergySettings),
    saveEnergyReading: on(saveEnergyReading),
    saveEnergyReadings: on(saveEnergyReadings),
    replaceRecomputedReadings: on(replaceRecomputedReadings),
    deleteEnergyReading: on(deleteEnergyReading),
    deleteEnergyReadings: on(deleteEnergyReadings),
    reassignReadingsToCompanyWide: on(reassignReadingsToCompanyWide),
    saveEnergyTraining: on(saveEnergyTraining),
    deleteEnergyTraining: on(deleteEnergyTraining),
    saveEnergySubmission: on(saveEnergySubmission),
    deleteEnergySubmission: on(deleteEnergySubmission),
    getEnergyAttachment: on(getEnergyAttachment),
    describeEnergyAttachments: on(describeEnergyAttachments),
    listAllEnergyAttachmentMetadata: on(listAllEnergyAttachmentMetadata),
    // Duty tracking (trackingRepository.ts)
    markDutyDone: on(markDutyDone),
    markDutyDoneWithProof: on(markDutyDoneWithProof),
    markDutiesDone: on(markDutiesDone),
    undoDutyDone: on(undoDutyDone),
    setDutyDueDate: on(setDutyDueDate),
    setDutyTriggerDate: on(setDutyTriggerDate),
    setDutyAssignee: on(setDutyAssignee),
    setDutySchedule: on(setDutySchedule),
    listDutyHistory: on(listDutyHistory),
    // Change history (changeLogRepository.ts)
    listRecordHistory: on(listRecordHistory),
    listCompanyHistory: on(listCompanyHistory),
    countCompanyHistory: on(countCompanyHistory),
    listCompanyTableHistory: on(listCompanyTableHistory),
    countCompanyTableHistory: on(countCompanyTableHistory),
    /** Runs `write` (repository calls) in one transaction over `tables` whose history entries carry a recognised scan's source. */
    writeWithSource: <T>(tables: readonly (AuditedTable | 'documentFiles')[], resolver: ChangeSourceResolver, write: () => Promise<T>) =>
      writeWithSource(db, tables, resolver, write),
    // Deletions that can be undone (undoRepository.ts)
    deleteCompanyForUndo: on(deleteCompanyForUndo),
    deleteChildForUndo: on(deleteChildForUndo),
    deleteDocumentForUndo: on(deleteDocumentForUndo),
    restoreDeletion: on(restoreDeletion),
    // A whole workspace (workspaceRepository.ts)
    importWorkspace: on(importWorkspace),
    collectWorkspaceFile: on(collectWorkspaceFile),
    readPackageFiles: on(readPackageFiles),
    /**
     * Runs `query` now and again whenever a table it read changes (also from another window),
     * outside React (a store that keeps its own state). Returns the function that stops it.
     */
    watch: <T>(query: () => Promise<T>, observer: { readonly next: (value: T) => void; readonly error: (error: unknown) => void }) => {
      const subscription = liveQuery(query).subscribe({ next: observer.next, error: observer.error });
      return () => subscription.unsubscribe();
    },
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

/** The page's repositories: its database with history and encryption at rest. */
export const appRepositories: Repositories = createRepositories(appDb);

/**
 * The repositories a component reads and writes through. A hook rather than the constant, so the
 * components do not name which store they work on.
 */
export function useRepositories(): Repositories {
  return appRepositories;
}

/**
 * A live read: re-runs (and re-renders) when a table it read changes, also from another window.
 * `undefined` means "still loading".
 */
export function useStoredQuery<T>(query: (repositories: Repositories) => Promise<T> | T, deps: readonly unknown[]): T | undefined {
  const repositories = useRepositories();
  // The query closes over `deps`; the caller lists them, as for useEffect.
  return useLiveQuery(() => query(repositories), [repositories, ...deps]);
}
