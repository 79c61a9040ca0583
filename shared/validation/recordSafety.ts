/*
 * Checks every importer applies to every record before it is written, beyond its schema: text
 * that cannot be right (NUL, lone UTF-16 surrogates), field names that would reach an object's
 * prototype, identifiers that a later step could read as a path, and numbers no real record has.
 * The policy is to refuse, never to repair: a file carrying such values is not what the officer
 * thinks it is, and quietly cleaning it would hide that.
 */

export interface SafetyProblem {
  /** Dotted path to the value inside the record, e.g. "certificates[0].number"; '' for the record itself. */
  readonly path: string;
  /** Chinese, ends without punctuation. */
  readonly reason: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Field names a plain assignment would turn into a prototype change. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any record the app writes; a guard for the walk itself. */
const MAX_WALK_DEPTH = 64;

/** Why a text value is refused, or null when it is fine. */
function badTextReason(text: string): string | null {
  if (text.includes('\u0000')) return '含有空字符（NUL）';
  if (LONE_SURROGATE.test(text)) return '含有无效的 Unicode 字符（不成对的代理项）';
  return null;
}

function isWalkable(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/**
 * The first string or field name in `value` that is refused, walking plain objects and arrays
 * only (Blobs, Dates and typed arrays are values, not text). Iterative, so depth cannot overflow.
 */
export function findBadText(value: unknown): SafetyProblem | null {
  const stack: { readonly value: unknown; readonly path: string; readonly depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const current = item.value;
    if (typeof current === 'string') {
      const reason = badTextReason(current);
      if (reason !== null) return { path: item.path, reason };
      continue;
    }
    if (typeof current !== 'object' || current === null || !isWalkable(current)) continue;
    if (item.depth >= MAX_WALK_DEPTH) return { path: item.path, reason: `嵌套超过 ${MAX_WALK_DEPTH} 层` };
    if (Array.isArray(current)) {
      current.forEach((entry, i) => stack.push({ value: entry, path: join(item.path, i), depth: item.depth + 1 }));
      continue;
    }
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) return { path: join(item.path, key), reason: `含有不允许的字段名“${key}”` };
      const keyReason = badTextReason(key);
      if (keyReason !== null) return { path: item.path, reason: `字段名${keyReason}` };
      stack.push({ value: (current as Record<string, unknown>)[key], path: join(item.path, key), depth: item.depth + 1 });
    }
  }
  return null;
}

/**
 * Why an identifier is refused, or null. Ids name files in packages and backups
 * (files/<id>.<ext>) and appear in URLs, so anything a file system or a URL would read as a
 * path, a drive or a device is refused: separators, "..", control characters, a trailing dot or
 * space, and Windows device names.
 */
export function unsafeIdReason(id: string): string | null {
  if (id.length === 0) return '编号为空';
  const text = badTextReason(id);
  if (text !== null) return `编号${text}`;
  if ([...id].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '编号含有控制字符';
  if (/[/\\]/.test(id)) return '编号含有路径分隔符（/ 或 \\）';
  if (id.includes('..')) return '编号含有“..”，可能被当作上级目录';
  if (/^[A-Za-z]:/.test(id)) return '编号以盘符开头';
  if (/[. ]$/.test(id) || /^\s/.test(id)) return '编号以点或空格开头或结尾';
  if (isWindowsDeviceName(id)) return '编号是 Windows 保留的设备名';
  return null;
}

/**
 * Windows reserves these names in every folder, with any extension and in any case, and treats
 * the superscript digits ¹ ² ³ as digits (COM¹ is a serial port); trailing dots and spaces are
 * dropped before the comparison ("CON .txt" is CON).
 */
const DEVICE_NAME = /^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9\u00b9\u00b2\u00b3]|LPT[0-9\u00b9\u00b2\u00b3])$/i;

export function isWindowsDeviceName(name: string): boolean {
  // The stem before the first dot, without trailing spaces/dots: "con .txt" → "con", "LPT².log" → "LPT²".
  const stem = (name.split('.')[0] ?? '').replace(/[ .]+$/, '');
  return DEVICE_NAME.test(stem);
}

/**
 * Upper bounds for numbers a record may carry, per table and field. They are far above any real
 * company (the largest building in the world has about 1.7 million m²), so they only stop values
 * like 1e308 that would break every sum, chart and export built from them.
 */
const NUMBER_LIMITS: Readonly<Record<string, Readonly<Record<string, { readonly max: number; readonly label: string }>>>> = {
  companies: {
    employeeCount: { max: 10_000_000, label: '从业人数' },
    annualRevenueWanYuan: { max: 1_000_000_000, label: '营业收入（万元）' },
    totalAssetsWanYuan: { max: 10_000_000_000, label: '资产总额（万元）' },
  },
  stores: { floorAreaSqm: { max: 10_000_000, label: '面积（平方米）' } },
  vehicles: { seats: { max: 99, label: '座位数' } },
  energyReadings: { amount: { max: 1e12, label: '用量' }, tce: { max: 1e10, label: '折标煤（吨）' } },
  energyTrainings: { hours: { max: 1000, label: '学时' } },
  documents: { size: { max: 4 * 1024 ** 3, label: '文件大小' } },
  energyAttachments: { size: { max: 4 * 1024 ** 3, label: '文件大小' } },
  packetHistory: { pageCount: { max: 1_000_000, label: '页数' }, size: { max: 64 * 1024 ** 3, label: '文件大小' } },
};

/** Tables whose `id` is a record id (not a composite key such as "<company>::<duty>"). */
const ENTITY_ID_TABLES: ReadonlySet<string> = new Set([
  'companies', 'people', 'licences', 'vehicles', 'stores', 'events', 'documents', 'documentFiles', 'energyAttachments',
  'energyReadings', 'energyTrainings', 'energySubmissions', 'dutyHistory',
]);

/** Reference fields that hold a record id of another table. */
const REFERENCE_FIELDS = ['companyId', 'storeId', 'practiceStoreId', 'siteId', 'personId', 'subjectId', 'documentId', 'receiptDocumentId', 'certificateDocumentId'] as const;

/**
 * Every check of this module on one record of `table` (a stored table name: companies, people,
 * documents …). Returns the first problem, or null.
 */
export function findRecordSafetyProblem(table: string, record: unknown): SafetyProblem | null {
  const text = findBadText(record);
  if (text !== null) return text;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return null;
  const row = record as Record<string, unknown>;
  if (ENTITY_ID_TABLES.has(table) && typeof row.id === 'string') {
    const reason = unsafeIdReason(row.id);
    if (reason !== null) return { path: 'id', reason };
  }
  for (const field of REFERENCE_FIELDS) {
    const value = row[field];
    if (typeof value !== 'string') continue;
    const reason = unsafeIdReason(value);
    if (reason !== null) return { path: field, reason };
  }
  const subject = row.subject;
  if (typeof subject === 'object' && subject !== null && typeof (subject as { id?: unknown }).id === 'string') {
    const reason = unsafeIdReason((subject as { id: string }).id);
    if (reason !== null) return { path: 'subject.id', reason };
  }
  const limits = Object.hasOwn(NUMBER_LIMITS, table) ? NUMBER_LIMITS[table] : undefined;
  for (const [field, limit] of Object.entries(limits ?? {})) {
    const value = row[field];
    if (typeof value !== 'number') continue;
    if (!Number.isFinite(value)) return { path: field, reason: `${limit.label}不是有效的数字` };
    if (Math.abs(value) > limit.max) return { path: field, reason: `${limit.label} ${formatNumber(value)} 超出合理范围（不超过 ${formatNumber(limit.max)}）` };
  }
  return null;
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 1e15 ? value.toExponential(2) : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
