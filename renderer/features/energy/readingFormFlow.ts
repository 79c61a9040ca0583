import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import { checkReadingEntry, READING_FIELD_LABELS, type EntryIssue, type OutlierFlag, type ReadingField } from '../../../shared/energy/checks';
import { resolveConversion } from '../../../shared/energy/coefficients';
import { BUILTIN_ENERGY_TYPES, isBuiltinEnergyType, UNITS_BY_ENERGY_TYPE } from '../../../shared/energy/energyTypes';
import {
  computeTce, customEnergyTypes, type CoefficientSnapshot, type ConversionSnapshot, type EnergyReading, type EnergySettings,
} from '../../../shared/energy/ledger';
import { ENERGY_UNITS, isEnergyUnit, parseEnergyUnit } from '../../../shared/energy/units';
import { EnergyStorageError, type NewAttachment } from '../../storage/energyRepository';
import { newId } from '../../storage/newId';
import type { Repositories } from '../../storage/repositories';
import { COMPANY_WIDE_KEY, currentLedgerMonth, formatAmount, formatTce } from './energyModel';

/*
 * The steps of 录入月度用量 below its dialog (ReadingFormModal.tsx draws the form and shows what
 * these say): the form's starting values, the tce preview, the domain's check of an entry, and
 * storing or deleting the reading. Plain functions over the repositories, so they are tested in Node.
 */

export interface ReadingFormValues {
  readonly siteKey: string;
  readonly month: string;
  readonly energyType: string;
  readonly unit: string;
  /** Text as typed, so "12吨" reaches the check and is refused with a message instead of vanishing. */
  readonly amount: string;
  readonly isItEquipment: boolean;
  readonly note: string;
}

/** Prefill of a new entry (the page's site and the clicked month). */
export type ReadingFormDefaults = Partial<Pick<ReadingFormValues, 'siteKey' | 'month' | 'energyType' | 'unit' | 'isItEquipment'>>;

const FORM_FIELD: Readonly<Record<ReadingField, keyof ReadingFormValues>> = {
  siteId: 'siteKey', month: 'month', energyType: 'energyType', amount: 'amount', unit: 'unit', isItEquipment: 'isItEquipment', note: 'note',
};

/** The units offered for an energy type: a built-in type's own, any unit for a custom one. */
export function unitsFor(energyType: string): readonly string[] {
  return isBuiltinEnergyType(energyType) ? UNITS_BY_ENERGY_TYPE[energyType] : ENERGY_UNITS;
}

/** The form's values when it opens: the stored reading's, or a new entry's from the defaults. */
export function initialReadingValues(editing: EnergyReading | null, defaults: ReadingFormDefaults | undefined): ReadingFormValues {
  if (editing) {
    return {
      siteKey: editing.siteId ?? COMPANY_WIDE_KEY, month: editing.month, energyType: editing.energyType, unit: editing.unit,
      amount: String(editing.amount), isItEquipment: editing.isItEquipment, note: editing.note,
    };
  }
  const energyType = defaults?.energyType ?? '电力';
  return {
    siteKey: defaults?.siteKey ?? COMPANY_WIDE_KEY, month: defaults?.month ?? '', energyType,
    unit: defaults?.unit ?? unitsFor(energyType)[0] ?? '', amount: '', isItEquipment: defaults?.isItEquipment ?? false, note: '',
  };
}

/** The energy types to choose from: built-in, the company's own, and the edited reading's even if no longer set up. */
export function energyTypeChoices(settings: EnergySettings, editing: EnergyReading | null): string[] {
  const types = [...BUILTIN_ENERGY_TYPES, ...customEnergyTypes(settings, BUILTIN_ENERGY_TYPES)];
  if (editing && !types.includes(editing.energyType)) types.push(editing.energyType);
  return types;
}

/** Only a data centre's electricity can be an IT-equipment (UPS/PDU output) reading. */
export function canBeItEquipment(record: CompanyRecord, siteKey: string, energyType: string): boolean {
  const site = record.stores.find((s) => s.id === siteKey);
  return site?.kind === '数据中心' && energyType === '电力';
}

/** The unit to switch to when the energy type changes and the chosen unit does not fit it, or null to keep it. */
export function unitAfterTypeChange(energyType: string, unit: string): string | null {
  const allowed = unitsFor(energyType);
  return allowed.includes(unit) ? null : allowed[0] ?? '';
}

function describeCoefficient(c: CoefficientSnapshot): string {
  // The standard's references already name it; a measured value's says what it rests on.
  const origin = c.reference.startsWith(c.source) ? c.reference : `${c.source}：${c.reference}`;
  return `${c.value} ${c.unit}${c.basis ? `（${c.basis}）` : ''}，${origin}`;
}

function amountOf(text: string): number {
  return Number(text.replace(/[,，\s]/g, ''));
}

function keepsStoredConversion(editing: EnergyReading | null, energyType: string, unit: string): editing is EnergyReading {
  return editing !== null && editing.energyType === energyType && editing.unit === unit;
}

/** What the preview under the amount says: how the entry converts to tce, or why it cannot yet. */
export type ConversionPreview =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'unknownUnit' }
  | { readonly kind: 'unconvertible'; readonly message: string }
  | {
    readonly kind: 'converted';
    readonly coefficient: string;
    readonly conversion: string;
    /** “12.3 tce”, or “—” before a usable amount is typed. */
    readonly tce: string;
    /** A correction keeps the coefficient it was stored with. */
    readonly keepsSnapshot: boolean;
    /** Said when the settings now give another coefficient than the kept one. */
    readonly currentCoefficientNote: string | null;
  };

export function previewConversion(values: Partial<ReadingFormValues>, settings: EnergySettings, editing: EnergyReading | null): ConversionPreview {
  const energyType = values.energyType ?? '';
  const unitText = values.unit ?? '';
  if (energyType === '' || unitText === '') return { kind: 'incomplete' };
  const unit = isEnergyUnit(unitText) ? unitText : parseEnergyUnit(unitText);
  if (unit === null) return { kind: 'unknownUnit' };
  const keepsSnapshot = keepsStoredConversion(editing, energyType, unit);
  const resolved = resolveConversion(energyType, unit, settings);
  let conversion: ConversionSnapshot;
  let coefficient: CoefficientSnapshot;
  if (keepsSnapshot) {
    conversion = editing.conversion;
    coefficient = editing.coefficient;
  } else if (resolved.ok) {
    conversion = resolved.value.conversion;
    coefficient = resolved.value.coefficient;
  } else {
    return { kind: 'unconvertible', message: resolved.error.message };
  }
  const amount = amountOf(values.amount ?? '');
  const hasAmount = (values.amount ?? '').trim() !== '' && Number.isFinite(amount) && amount >= 0;
  const isDifferentNow = keepsSnapshot && resolved.ok && resolved.value.coefficient.value !== coefficient.value;
  return {
    kind: 'converted',
    coefficient: describeCoefficient(coefficient),
    conversion: conversion.reference,
    tce: hasAmount ? `${formatTce(computeTce(amount, conversion, coefficient))} tce` : '—',
    keepsSnapshot,
    currentCoefficientNote: isDifferentNow && resolved.ok
      ? `当前设置的系数为 ${resolved.value.coefficient.value} ${resolved.value.coefficient.unit}，如需改用，请在“折标系数”中执行“重新计算历史月份”。`
      : null,
  };
}

function isSameEntry(reading: EnergyReading, v: ReadingFormValues): boolean {
  return (reading.siteId ?? COMPANY_WIDE_KEY) === v.siteKey && reading.month === v.month && reading.energyType === v.energyType &&
    reading.unit === v.unit && amountOf(v.amount) === reading.amount;
}

/** A refused entry's messages, by the form field they sit beside. */
interface FieldErrors {
  readonly name: keyof ReadingFormValues;
  readonly errors: readonly string[];
}

function fieldErrorsOf(issues: readonly EntryIssue[]): FieldErrors[] {
  const byField = new Map<keyof ReadingFormValues, string[]>();
  for (const i of issues) byField.set(FORM_FIELD[i.field], [...(byField.get(FORM_FIELD[i.field]) ?? []), i.message]);
  return [...byField.entries()].map(([name, errors]) => ({ name, errors }));
}

export type ReadingFormCheck =
  | { readonly status: 'refused'; readonly fields: readonly FieldErrors[] }
  | { readonly status: 'ready'; readonly reading: EnergyReading }
  /** An amount ten times off its neighbours: stored only after the officer confirms it. */
  | { readonly status: 'needsConfirmation'; readonly reading: EnergyReading; readonly outliers: readonly OutlierFlag[] };

export interface ReadingFormEntry {
  readonly values: ReadingFormValues;
  readonly record: CompanyRecord;
  readonly settings: EnergySettings;
  readonly editing: EnergyReading | null;
  /** The evidence already stored for the reading (a new file is stored with it by storeReading). */
  readonly evidenceDocumentId: string | null;
  /** The user's local date: months after the current one are refused. */
  readonly today: IsoDate;
}

/** Every check is the domain's (checkReadingEntry); this maps its refusals onto the form's fields. */
export function checkReadingForm({ values: v, record, settings, editing, evidenceDocumentId, today }: ReadingFormEntry): ReadingFormCheck {
  const check = checkReadingEntry(
    {
      id: editing?.id ?? null,
      siteId: v.siteKey === COMPANY_WIDE_KEY ? null : v.siteKey,
      month: v.month,
      energyType: v.energyType,
      amount: v.amount,
      unit: v.unit,
      isItEquipment: canBeItEquipment(record, v.siteKey, v.energyType) && v.isItEquipment,
      documentId: evidenceDocumentId,
      note: v.note,
      // A confirmed exception stays confirmed while the values it was confirmed for are unchanged.
      confirmedOutlier: editing !== null && editing.confirmedOutlier && isSameEntry(editing, v),
    },
    {
      companyId: record.company.id, stores: record.stores, existing: record.energyReadings ?? [], settings, newId,
      entryMethod: editing?.entryMethod ?? '手工录入', currentMonth: currentLedgerMonth(today),
    },
  );
  if (check.status === 'refused') return { status: 'refused', fields: fieldErrorsOf(check.issues) };
  let reading = check.reading;
  // A correction keeps the coefficient the month was computed with (see previewConversion).
  if (keepsStoredConversion(editing, reading.energyType, reading.unit)) {
    reading = { ...reading, conversion: editing.conversion, coefficient: editing.coefficient, tce: computeTce(reading.amount, editing.conversion, editing.coefficient) };
  }
  return check.status === 'needsConfirmation' ? { status: 'needsConfirmation', reading, outliers: check.outliers } : { status: 'ready', reading };
}

function readingName(reading: EnergyReading): string {
  return `${reading.month} ${reading.energyType}${reading.isItEquipment ? '（IT 设备）' : ''}`;
}

/** The dialog's title: the edited reading, or a new entry. */
export function readingFormTitle(editing: EnergyReading | null): string {
  return editing ? `编辑 ${readingName(editing)}` : '录入月度用量';
}

/** Stores the checked reading with a newly picked evidence file (one transaction); returns what to tell the officer. */
export async function storeReading(repositories: Repositories, reading: EnergyReading, pendingEvidence: NewAttachment | null): Promise<string> {
  await repositories.saveEnergyReading(reading, pendingEvidence);
  return `已保存 ${readingName(reading)}：${formatAmount(reading.amount)} ${reading.unit}`;
}

/**
 * Another window may have stored the month meanwhile: the store's refusal then belongs beside the
 * month field, as the form's own check would have put it. Null for any other failure.
 */
export function monthClashMessage(error: unknown, text: string): string | null {
  return error instanceof EnergyStorageError && text.includes('不能重复录入') ? `${READING_FIELD_LABELS.month}：${text}` : null;
}

/** Deletes the stored reading (and its evidence file when nothing else uses it); returns what to tell the officer. */
export async function deleteReading(repositories: Repositories, reading: EnergyReading): Promise<string> {
  await repositories.deleteEnergyReading(reading.id);
  return `已删除 ${reading.month} ${reading.energyType}`;
}
