import { DOCUMENT_KIND_NAMES, type DocumentKind, type ProposedField } from '../../../shared/ocr/fields';
import type { ChangeSource, ChangeSourceField } from '../../../shared/history/changeLog';

/*
 * The review of one recognised scan (issue 18), as plain data: every proposed value with its
 * flag, what the officer typed over it, whether a doubtful value was explicitly accepted, and
 * where each value goes in the record it fills. Nothing here saves; RecognitionReview.tsx shows
 * it, and the entry point writes the confirmed values (with the change-history source note built
 * by `changeSourceFor`).
 */

/** Where a recognised field goes: a field of the record, or nowhere (with the reason said in the review). */
type FieldTarget =
  | { readonly kind: 'field'; readonly key: string }
  | { readonly kind: 'none'; readonly reason: string };

export type TargetMap = Readonly<Record<string, FieldTarget>>;

const none = (reason: string): FieldTarget => ({ kind: 'none', reason });
const to = (key: string): FieldTarget => ({ kind: 'field', key });

/** 营业执照 → the company form (CompanyFormValues). */
export const COMPANY_TARGETS: TargetMap = {
  名称: to('name'),
  统一社会信用代码: to('uscc'),
  类型: to('entityType'),
  法定代表人: to('legalRepresentative'),
  注册资本: none('企业信息中没有“注册资本”一项，此值不会保存'),
  成立日期: to('establishedOn'),
  营业期限: none('企业信息中没有“营业期限”一项，此值不会保存'),
  住所: to('registeredAddress'),
  经营范围: to('businessScope'),
};

/** 机动车行驶证 → a vehicle (the roster import's fields, plus 车辆类型 and 核定载客 the roster has no column for). */
export const VEHICLE_TARGETS: TargetMap = {
  号牌号码: to('plate'),
  车辆类型: to('vehicleType'),
  使用性质: to('usageNature'),
  品牌型号: to('model'),
  注册日期: to('registeredOn'),
  发证日期: none('车辆信息中没有“发证日期”一项，此值不会保存'),
  核定载人数: to('seats'),
};

type FieldFlag = 'ok' | 'low' | 'failed' | 'missing';

export interface ReviewField {
  readonly field: string;
  /** What was recognised (null: nothing). */
  readonly recognised: string | null;
  /** What the input holds now. */
  readonly value: string;
  readonly status: FieldFlag;
  readonly problem: string | null;
  readonly confidence: number;
  readonly box: ProposedField['box'];
  /** A failed-check value is never pre-accepted: the officer edits it or accepts it explicitly. */
  readonly accepted: boolean;
  readonly target: FieldTarget;
}

export function initialReview(fields: readonly ProposedField[], targets: TargetMap): ReviewField[] {
  return fields.map((f) => ({
    field: f.field,
    recognised: f.value,
    value: f.value ?? '',
    status: f.status,
    problem: f.problem,
    confidence: f.confidence,
    box: f.box,
    accepted: f.status !== 'failed',
    target: targets[f.field] ?? none('此项没有对应的记录字段，不会保存'),
  }));
}

export function isEdited(field: ReviewField): boolean {
  return field.value.trim() !== (field.recognised ?? '');
}

/** Still needs the officer: a failed check neither edited nor explicitly accepted. */
export function needsDecision(field: ReviewField): boolean {
  return field.status === 'failed' && !field.accepted && !isEdited(field);
}

export function editField(fields: readonly ReviewField[], name: string, value: string): ReviewField[] {
  return fields.map((f) => (f.field === name ? { ...f, value } : f));
}

export function acceptField(fields: readonly ReviewField[], name: string): ReviewField[] {
  return fields.map((f) => (f.field === name ? { ...f, accepted: true } : f));
}

/** Why 确认 cannot be pressed yet (empty: it can). */
export function confirmBlockers(fields: readonly ReviewField[]): string[] {
  return fields.filter(needsDecision).map((f) => `“${f.field}”未通过校验，请修改或点“采用此值”`);
}

/** The confirmed values by record key (only fields that go somewhere and are not blank). */
export function confirmedValues(fields: readonly ReviewField[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const value = f.value.trim();
    if (f.target.kind === 'field' && value !== '') out[f.target.key] = value;
  }
  return out;
}

/** 置信度 93 % */
export function confidenceText(confidence: number): string {
  return `置信度 ${Math.round(Math.max(0, Math.min(1, confidence)) * 100)} %`;
}

/** The flag shown beside a value, null when it is fine. */
export function flagText(field: Pick<ReviewField, 'status' | 'problem'>): string | null {
  switch (field.status) {
    case 'ok': return null;
    case 'low': return '请核对';
    case 'failed': return `校验未通过：${field.problem ?? '请核对'}`;
    case 'missing': return '未识别到';
  }
}

export interface CropStyle {
  readonly width: number;
  readonly height: number;
  readonly backgroundSize: string;
  readonly backgroundPosition: string;
}

/**
 * The CSS that shows `box` of an image of `image` size inside at most maxWidth × maxHeight
 * (a little margin around the box, never scaled up beyond 2×).
 */
export function cropStyle(
  box: NonNullable<ProposedField['box']>, image: { readonly width: number; readonly height: number }, maxWidth: number, maxHeight: number,
): CropStyle {
  const pad = Math.round(Math.min(box.height, 40) * 0.3);
  const x = Math.max(0, box.x - pad);
  const y = Math.max(0, box.y - pad);
  const w = Math.max(1, Math.min(image.width, box.x + box.width + pad) - x);
  const h = Math.max(1, Math.min(image.height, box.y + box.height + pad) - y);
  const scale = Math.min(maxWidth / w, maxHeight / h, 2);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    width: Math.max(1, Math.round(w * scale)),
    height: Math.max(1, Math.round(h * scale)),
    backgroundSize: `${round(image.width * scale)}px ${round(image.height * scale)}px`,
    backgroundPosition: `${round(-x * scale)}px ${round(-y * scale)}px`,
  };
}

/** MIME of a scan the page can show as is (null: a PDF, shown through the recognition's preview). */
export function imageMimeOf(name: string): string | null {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'png') return 'image/png';
  return null;
}

/** 来源：营业执照扫描件“x.jpg”识别 */
function sourceText(kind: DocumentKind, fileName: string): string {
  return `来源：${DOCUMENT_KIND_NAMES[kind]}扫描件“${fileName}”识别`;
}

/** Fields whose value the change history must not hold in clear (sealed in the record itself). */
const PRIVATE_KEYS: ReadonlySet<string> = new Set(['idNumber']);
const PRIVATE_TEXT = '（已识别；证件号码属个人敏感信息，不在此记录）';

export interface SourceNote {
  readonly text: string;
  readonly fields: readonly { readonly label: string; readonly key: string | null; readonly recognised: string | null; readonly confirmed: string }[];
}

/** What the history keeps of a confirmed review: the source and per field the recognised value. */
export function sourceNoteOf(kind: DocumentKind, fileName: string, fields: readonly ReviewField[]): SourceNote {
  return {
    text: sourceText(kind, fileName),
    fields: fields.map((f) => ({ label: f.field, key: f.target.kind === 'field' ? f.target.key : null, recognised: f.recognised, confirmed: f.value.trim() })),
  };
}

/** Fields the record keeps as one of its own options, not as printed (类型, 车辆类型, 核定载客 as a number). */
const CONVERTED_KEYS: ReadonlySet<string> = new Set(['entityType', 'vehicleType', 'seats']);

function valueText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/**
 * The change-history source of the row written from a review: per field the recognised value and,
 * where what was stored differs, the stored (final) value — marked as converted when the officer
 * did not change it in the review (or the form) and only the record's terms differ. Fields that
 * go nowhere are listed with what was read and no final value.
 */
export function changeSourceFor(note: SourceNote, stored: Readonly<Record<string, unknown>>): ChangeSource {
  const fields: ChangeSourceField[] = note.fields.map((f) => {
    if (f.key !== null && PRIVATE_KEYS.has(f.key)) return { label: f.label, recognised: f.recognised === null ? null : PRIVATE_TEXT, final: null };
    if (f.key === null) return { label: f.label, recognised: f.recognised, final: null, isNotSaved: true };
    const final = valueText(stored[f.key]);
    if (final === f.recognised) return { label: f.label, recognised: f.recognised, final: null };
    // Not typed over in the review, stored differently: put into the record's own terms (a 类型 as one of its options).
    const isConverted = CONVERTED_KEYS.has(f.key) && f.confirmed === (f.recognised ?? '') && final !== null;
    return { label: f.label, recognised: f.recognised, final: final ?? '（空）', ...(isConverted ? { isConverted } : {}) };
  });
  return { text: note.text, fields };
}
