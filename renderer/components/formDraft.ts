import { useCallback, useMemo } from 'react';
import { SEALED_FIELDS } from '../../shared/vault/vaultCrypto';
import { isEncryptionOn } from '../storage/vaultAccess';

/**
 * Unsaved form input survives a reload or a crash: every change is written to localStorage under
 * a key naming the entity ("company:<id>", "person:new:<companyId>"), read back when the form
 * opens again, and removed on save or cancel.
 */
const PREFIX = 'workbench.draft.';

function readDraft<T>(key: string): T | undefined {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

/** Drafts whose key starts with one of these hold a row of that table (see childDraftKey); only people have sealed fields and a draft. */
const DRAFT_TABLES: Readonly<Record<string, string>> = { 'person:': 'people' };

function sealedFieldsOfDraft(key: string): readonly string[] {
  const prefix = Object.keys(DRAFT_TABLES).find((p) => key.startsWith(p));
  return prefix === undefined ? [] : (SEALED_FIELDS[DRAFT_TABLES[prefix]!] ?? []);
}

/**
 * While encryption at rest is on, personal fields are left out of drafts: localStorage is not
 * encrypted. The user retypes an ID number after a crash rather than have it stored in clear.
 */
function withoutSealedFields(key: string, values: unknown): unknown {
  const sealed = sealedFieldsOfDraft(key);
  if (!isEncryptionOn() || sealed.length === 0 || typeof values !== 'object' || values === null || Array.isArray(values)) return values;
  return Object.fromEntries(Object.entries(values).filter(([field]) => !sealed.includes(field)));
}

function writeDraft(key: string, values: unknown): void {
  try {
    window.localStorage.setItem(PREFIX + key, JSON.stringify(withoutSealedFields(key, values)));
  } catch {
    // A full quota must not break typing; the draft is a convenience, the store is the record.
  }
}

function clearDraft(key: string): void {
  try {
    window.localStorage.removeItem(PREFIX + key);
  } catch {
    // See writeDraft.
  }
}

export interface FormDraft<T> {
  /** The draft found when the form opened, if any. */
  readonly restored: T | undefined;
  /** Call from Form's onValuesChange with all current values. */
  readonly save: (values: T) => void;
  readonly clear: () => void;
}

export function useFormDraft<T>(key: string): FormDraft<T> {
  // Read once per key: later saves must not change what the form was initialised with.
  const restored = useMemo(() => readDraft<T>(key), [key]);
  const save = useCallback((values: T) => writeDraft(key, values), [key]);
  const clear = useCallback(() => clearDraft(key), [key]);
  return { restored, save, clear };
}
