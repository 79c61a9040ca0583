import type { CompanyDocument, FormDraft } from '../../shared/workspace/workspaceFile';
import type { AcroFormMapping } from '../../shared/pdf/acroForm';
import type { EnergySettings } from '../../shared/energy/ledger';

/*
 * Every record type the store keeps, in one place: what each table of WorkbenchDatabase (workbenchDatabase.ts)
 * holds. Domain records (companies and their children, energy, duty tracking, the change log) are
 * defined beside their schemas in shared/ and named here; records that exist only because of
 * storage (files as Blobs, checklist state, packet history, settings) are defined here.
 */

export type { Company, CompanyEvent, Licence, Person, Store, Vehicle } from '../../shared/domain/company';
export type { EnergyReading, EnergyTraining } from '../../shared/energy/ledger';
export type { EnergySubmission } from '../../shared/energy/submissions';
export type { DutyHistoryRecord, DutyScheduleRecord, DutyTrackingRecord } from '../../shared/deadlines/trackingRecords';
export type { ChangeLogEntry } from '../../shared/history/changeLog';

/** One company's energy settings (coefficients, densities, yearly figures, submission day). */
export type EnergySettingsRecord = EnergySettings & { readonly companyId: string };

/**
 * A file attached to energy records as evidence (a bill or meter photo, a platform receipt, a
 * training certificate, an imported meter export), referenced by id from documentId fields. This
 * row is the file's metadata; its bytes are in the one file store, documentFiles, under the same
 * id (DocumentFileRecord), like every attached file. It is not a 文件库 document, so it keeps its
 * own table (schema version 7 moved the bytes out of it). Both travel in backups like every
 * table, and in workspace packages as evidence/<id>.<ext>.
 */
export interface EnergyAttachment {
  readonly id: string;
  readonly companyId: string;
  readonly fileName: string;
  readonly mimeType: string;
  readonly size: number;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
  /** ISO timestamp. */
  readonly addedAt: string;
}

/** An evidence file's metadata with its own bytes (opened when stored encrypted). */
export interface EnergyAttachmentWithFile extends EnergyAttachment {
  readonly blob: Blob;
}

/** A key-value setting (window preferences, reminder lead times, the user's monthly energy day...). */
export interface SettingRecord {
  readonly key: string;
  readonly value: unknown;
}

export interface StoredDocument extends CompanyDocument {
  /** ISO timestamps. */
  readonly addedAt: string;
  readonly updatedAt: string;
  /** False for metadata imported from a workspace file without the file itself. */
  readonly hasFile: boolean;
}

/**
 * The one file store: the bytes of every attached file, a 文件库 document's (metadata in
 * documents) and an energy evidence file's (metadata in energyAttachments) alike, under the id of
 * its metadata row. Sealed as a whole when encryption at rest is on (shared/vault/vaultCrypto.ts).
 */
export interface DocumentFileRecord {
  readonly id: string;
  readonly companyId: string;
  readonly blob: Blob;
}

/** An AcroForm's field mapping, saved once per form (keyed by its field names) and reused. */
export interface FormMappingRecord {
  readonly id: string;
  /** The file name it was first saved from, for display. */
  readonly name: string;
  readonly mapping: AcroFormMapping;
  readonly updatedAt: string;
}

/** What the officer typed into one generated form for one company (schema v6). */
export interface FormDraftRecord extends FormDraft {
  /** `${companyId}|${templateId}` */
  readonly id: string;
  readonly companyId: string;
}

export interface ChecklistMaterialState {
  /** Documents the user attached as evidence for this material, in order. */
  readonly documentIds: readonly string[];
  /** For materials needing 签字盖章: the user confirmed the paper is signed and sealed. */
  readonly isSigned: boolean;
  /** The user decided the material does not apply (e.g. 视情况提供). */
  readonly isNotApplicable: boolean;
  readonly note: string;
}

export interface ChecklistStateRecord {
  /** `${companyId}|${itemId}` */
  readonly id: string;
  readonly companyId: string;
  readonly itemId: string;
  /** The planned submission date the checks use; null: today. */
  readonly submissionDate: string | null;
  readonly materials: Readonly<Record<string, ChecklistMaterialState>>;
  readonly updatedAt: string;
}

interface PacketHistoryPart {
  readonly materialTitle: string;
  readonly title: string;
  readonly fileName: string;
  readonly firstPage: number;
  readonly pageCount: number;
  readonly isSkipped: boolean;
}

export interface PacketHistoryRecord {
  readonly seq?: number;
  readonly companyId: string;
  readonly itemId: string;
  readonly itemTitle: string;
  /** ISO timestamp. */
  readonly builtAt: string;
  readonly fileName: string;
  readonly pageCount: number;
  readonly size: number;
  readonly parts: readonly PacketHistoryPart[];
  /** Files left out, with the reason (Chinese). */
  readonly skipped: readonly { readonly fileName: string; readonly message: string }[];
  readonly missingMaterials: readonly string[];
}
