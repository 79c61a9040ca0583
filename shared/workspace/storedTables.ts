import { z } from 'zod';
import {
  companyEventSchema, companySchema, licenceSchema, personSchema, storeSchema, vehicleSchema,
} from '../domain/company';
import { isoDateSchema } from '../domain/isoDate';
import { energyReadingSchema, energySettingsSchema, energyTrainingSchema } from '../energy/ledger';
import { energySubmissionSchema } from '../energy/submissions';
import { dutyHistoryRecordSchema, dutyScheduleRecordSchema, dutyTrackingRecordSchema } from '../deadlines/trackingRecords';
import { AUDITED_TABLES } from '../history/changeLog';
import { err, ok, type Result } from '../util/result';
import { findRecordSafetyProblem } from '../validation/recordSafety';
import { isSealedValue, SEALED_FIELDS } from '../vault/vaultCrypto';
import { companyDocumentSchema } from './workspaceFile';

/*
 * The records of every stored table checked the way a workspace import checks them, for the
 * paths that write tables wholesale (a restore from backup above all): the same per-entity
 * schemas as the workspace file (shared/workspace/workspaceFile.ts) and the same record checks
 * (shared/validation/recordSafety.ts). A table added later without a schema here still gets the
 * record checks. Rows are checked as stored, so personal fields sealed by encryption at rest
 * (shared/vault) stand in for the plain value they hide.
 */

const id = z.string().min(1).max(64);
/** A Blob as IndexedDB returns it; shared/ has no DOM types, so it is recognised by shape. */
const blobLike = z.custom<object>((value) => typeof value === 'object' && value !== null
  && typeof (value as { size?: unknown }).size === 'number' && typeof (value as { arrayBuffer?: unknown }).arrayBuffer === 'function', { message: '应为文件内容' });

const storedDocumentSchema = companyDocumentSchema.extend({
  addedAt: z.string().max(64),
  updatedAt: z.string().max(64),
  hasFile: z.boolean(),
});

const checklistMaterialSchema = z.object({
  documentIds: z.array(id),
  isSigned: z.boolean(),
  isNotApplicable: z.boolean(),
  note: z.string().max(2000),
});

const changeLogRowSchema = z.object({
  seq: z.number().int().min(1).optional(),
  at: z.string().max(64),
  companyId: z.string().max(64),
  table: z.enum(Object.keys(AUDITED_TABLES) as [keyof typeof AUDITED_TABLES, ...(keyof typeof AUDITED_TABLES)[]]),
  entityId: z.string().max(500),
  action: z.enum(['create', 'update', 'delete', 'restore']),
  before: z.union([z.record(z.string(), z.unknown()), z.string()]).nullable(),
  after: z.union([z.record(z.string(), z.unknown()), z.string()]).nullable(),
  changedFields: z.array(z.string().max(100)),
  /** A recognised scan's source note (issue 18). */
  source: z.object({
    text: z.string().max(500),
    fields: z.array(z.object({ label: z.string().max(100), recognised: z.string().max(5000).nullable(), final: z.string().max(5000).nullable(), isNotSaved: z.boolean().optional(), isConverted: z.boolean().optional() })).max(50),
  }).optional(),
});

/** The schema of one stored row, per table the app declares (renderer/storage/workbenchDatabase.ts). */
const TABLE_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  companies: companySchema,
  people: personSchema,
  licences: licenceSchema,
  vehicles: vehicleSchema,
  stores: storeSchema,
  events: companyEventSchema,
  settings: z.object({ key: z.string().min(1).max(200), value: z.unknown() }),
  energyReadings: energyReadingSchema,
  energyTrainings: energyTrainingSchema,
  energySettings: energySettingsSchema.extend({ companyId: id }),
  energySubmissions: energySubmissionSchema,
  energyAttachments: z.object({
    id, companyId: id, fileName: z.string().min(1).max(255), mimeType: z.string().max(100), size: z.number().int().min(0),
    sha256: z.string().regex(/^([0-9a-f]{64})?$/), addedAt: z.string().max(64),
  }),
  dutyTracking: dutyTrackingRecordSchema,
  dutySchedules: dutyScheduleRecordSchema,
  dutyHistory: dutyHistoryRecordSchema,
  documents: storedDocumentSchema,
  // The one file store: documents' and energy evidence files' bytes (since version 7).
  documentFiles: z.object({ id, companyId: id, blob: blobLike }),
  formMappings: z.object({
    id: z.string().min(1).max(2000), name: z.string().max(255), updatedAt: z.string().max(64),
    mapping: z.object({ fields: z.record(z.string(), z.union([z.string(), z.record(z.string(), z.unknown())])) }),
  }),
  checklistStates: z.object({
    id: z.string().min(1).max(500), companyId: id, itemId: z.string().min(1).max(400), submissionDate: isoDateSchema.nullable(),
    materials: z.record(z.string(), checklistMaterialSchema), updatedAt: z.string().max(64),
  }),
  packetHistory: z.object({
    seq: z.number().int().min(1).optional(), companyId: id, itemId: z.string().min(1).max(400), itemTitle: z.string().max(500),
    builtAt: z.string().max(64), fileName: z.string().max(255), pageCount: z.number().int().min(0), size: z.number().int().min(0),
    parts: z.array(z.record(z.string(), z.unknown())),
    skipped: z.array(z.object({ fileName: z.string().max(255), message: z.string().max(2000) })),
    missingMaterials: z.array(z.string().max(500)),
  }),
  changeLog: changeLogRowSchema,
};

/**
 * The store's schema version (WorkbenchDatabase's highest `version(n)`), for code that checks a
 * backup without opening the database (`cli validate`). A unit test holds it equal to the
 * database's, so a new schema version cannot leave it behind.
 */
export const STORE_SCHEMA_VERSION = 7;

/** Chinese names of the stored tables, for every message and summary the officer reads. */
export const STORED_TABLE_LABELS: Readonly<Record<string, string>> = {
  ...AUDITED_TABLES,
  settings: '设置',
  energyAttachments: '能源附件',
  documentFiles: '材料文件',
  formMappings: '表单字段对应',
  formDrafts: '表单草稿',
  checklistStates: '材料清单进度',
  packetHistory: '材料包记录',
  changeLog: '修改记录',
};

/** The officer's name for a stored table; a table unknown here is called 其他数据, never by its internal name. */
export function storedTableLabel(table: string): string {
  return Object.hasOwn(STORED_TABLE_LABELS, table) ? (STORED_TABLE_LABELS[table] ?? '其他数据') : '其他数据';
}

/** Sealed personal fields hold ciphertext; the schema sees a short stand-in of the right kind instead. */
function withSealedStandIns(table: string, row: unknown): unknown {
  const fields = Object.hasOwn(SEALED_FIELDS, table) ? SEALED_FIELDS[table] ?? [] : [];
  if (fields.length === 0 || typeof row !== 'object' || row === null) return row;
  const copy: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const field of fields) if (isSealedValue(copy[field])) copy[field] = 'sealed';
  return copy;
}

function describeRecord(row: unknown, index: number): string {
  const r = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
  const key = typeof r.id === 'string' ? r.id : typeof r.key === 'string' ? r.key : typeof r.seq === 'number' ? String(r.seq) : typeof r.companyId === 'string' ? r.companyId : null;
  const shown = key === null ? '' : `（编号 ${key.length > 80 ? `${key.slice(0, 80)}…` : key}）`;
  return `第 ${index + 1} 条记录${shown}`;
}

function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p + 1}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

interface StoredRecordRefusal {
  readonly table: string;
  readonly index: number;
  readonly message: string;
}

/**
 * Checks one stored row of `table`; null when it may be written. `row` may be a decoded row with
 * Blobs (restore) or a plain JSON row.
 */
function checkStoredRecord(table: string, row: unknown): string | null {
  const schema = Object.hasOwn(TABLE_SCHEMAS, table) ? TABLE_SCHEMAS[table] : undefined;
  if (schema !== undefined) {
    const parsed = schema.safeParse(withSealedStandIns(table, row));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === undefined || issue.path.length === 0 ? '' : `字段 ${formatIssuePath(issue.path)}：`;
      return `${where}${issue?.message ?? '内容不符合要求'}`;
    }
  } else if (typeof row !== 'object' || row === null) {
    return '不是一条记录';
  }
  const problem = findRecordSafetyProblem(table, row);
  if (problem !== null) return problem.path === '' ? problem.reason : `字段 ${problem.path}：${problem.reason}`;
  return null;
}

/**
 * Every row of every table, before anything is written. The first refused row names its table
 * (in Chinese), its position and id, and what is wrong with it.
 */
export function checkStoredTables(tables: Readonly<Record<string, readonly unknown[]>>, source = '备份'): Result<{ readonly records: number }> {
  let records = 0;
  for (const [table, rows] of Object.entries(tables)) {
    for (const [index, row] of rows.entries()) {
      const problem = checkStoredRecord(table, row);
      if (problem !== null) {
        const refusal: StoredRecordRefusal = { table, index, message: problem };
        return err('stored.invalidRecord', `${source}中“${storedTableLabel(table)}”的${describeRecord(row, index)}不符合要求：${problem}。现有数据没有任何改动。`, refusal);
      }
      records += 1;
    }
  }
  return ok({ records });
}
