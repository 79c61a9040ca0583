import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CompanyRecord } from '../../shared/domain/companyRecord';
import { localIsoDate, type IsoDate } from '../../shared/domain/isoDate';
import { buildWorkCalendar, parseHolidayTable, type WorkCalendar } from '../../shared/deadlines/calendar';
import { EMPTY_TRACKING, parseTrackingFile, type TrackingFile, type TrackingState } from '../../shared/deadlines/tracking';
import { trackingStateFromRecords } from '../../shared/deadlines/trackingRecords';
import { createFontSubsetter, type FontSubsetter } from '../../shared/pdf/fontSubset';
import { formTemplateManifestSchema, parseFormTemplate, type FormTemplate } from '../../shared/pdf/formTemplates';
import type { KnowledgeBase } from '../../shared/policy/knowledgeBase';
import { assembleKnowledgeBase, chooseKnowledgeBase, type KnowledgeBaseChoice } from '../../shared/policy/loadKnowledgeBase';
import { decodePolicyPack } from '../../shared/policy/packText';
import { err, ok, type Result } from '../../shared/util/result';
import { describeJsonSyntaxError } from '../../shared/util/technicalDetail';
import { decodeUtf8Strict } from '../../shared/util/utf8Text';
import { describeFileError } from '../main/atomicWrite';
import type { CliIo } from './command';
import { resourcePath } from './resourcePaths';
import { findCompany, loadWorkspaceFile } from './workspaceLoader';
import { errFrom } from '../../shared/util/errorDescription';

/*
 * What several commands load, written once: the bundled knowledge base (or a newer pack the user
 * names), the holiday calendar, the CJK font with its subsetter, the form templates, and for the
 * deadline commands all of these with a workspace and its tracking. Commands import from here
 * (and from command.ts and workspaceLoader.ts), never from one another.
 */

/** Reads the bundled knowledge base from resources/policies (manifest, document files, compilation text). */
export function loadBundledKnowledgeBase(policiesDir = resourcePath('policies')): Result<{ kb: KnowledgeBaseChoice['kb']; sourceText: string }> {
  const root = path.resolve(policiesDir);
  const read = (relative: string): string | undefined => {
    const full = path.resolve(root, relative);
    // The manifest names files inside its own folder only.
    if (!full.startsWith(root + path.sep)) return undefined;
    try {
      return readFileSync(full, 'utf8');
    } catch {
      return undefined;
    }
  };
  const manifestText = read('manifest.json');
  if (manifestText === undefined) return err('kb.noManifest', `找不到知识库清单：${path.join(root, 'manifest.json')}`);
  let sourceFile = 'source.txt';
  try {
    const declared = (JSON.parse(manifestText) as { source?: { file?: unknown } }).source?.file;
    if (typeof declared === 'string') sourceFile = declared;
  } catch {
    // assembleKnowledgeBase reports the malformed manifest with a proper message.
  }
  const sourceText = read(sourceFile);
  if (sourceText === undefined) return err('kb.noSource', `找不到政策汇编原文：${path.join(root, sourceFile)}`);
  const assembled = assembleKnowledgeBase(manifestText, read, sourceText);
  return assembled.ok ? ok({ kb: assembled.value, sourceText }) : assembled;
}

/** The bundled knowledge base, replaced by a user-supplied pack when that is valid and newer. */
export async function loadKnowledgeBaseForCli(packFile: string | undefined, cwd: string): Promise<Result<KnowledgeBaseChoice>> {
  const bundled = loadBundledKnowledgeBase();
  if (!bundled.ok) return bundled;
  if (packFile === undefined) return ok(chooseKnowledgeBase(bundled.value, null));
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path.resolve(cwd, packFile)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err('cli.readFailed', code === 'ENOENT' ? `找不到政策数据包 ${packFile}` : `无法读取政策数据包 ${packFile}：${describeFileError(e, packFile, 'read')}`);
  }
  // The same limit and strict decoding as the app (packText.ts): a broken pack is refused, never repaired.
  const text = decodePolicyPack(bytes);
  if (!text.ok) return err(text.error.code, `政策数据包 ${packFile}：${text.error.message}，已拒绝`);
  return ok(chooseKnowledgeBase(bundled.value, text.value));
}

/** The shipped holiday schedule (resources/holidays/cn-holidays.json) as a working-day calendar. */
export function loadHolidayCalendar(file = resourcePath('holidays', 'cn-holidays.json')): Result<WorkCalendar> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return err('holidays.readFailed', `无法读取节假日数据 ${file}：${describeFileError(e, file, 'read')}`);
  }
  const table = parseHolidayTable(json);
  return table.ok ? ok(buildWorkCalendar(table.value)) : table;
}

/** The shipped CJK font and HarfBuzz's subsetter, the platform inputs of every PDF builder. */
export async function loadFontSubsetter(): Promise<FontSubsetter> {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
  const font = readFileSync(resourcePath('fonts', 'NotoSansCJKsc-Regular.otf'));
  return createFontSubsetter({ harfBuzzWasm: wasm, fontBytes: font });
}

/** resources/forms: every template, checked; a broken template is an error naming its file. */
export function loadFormTemplates(formsDir = resourcePath('forms')): Result<Map<string, FormTemplate>> {
  const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(formsDir, file), 'utf8'));
  let manifest;
  try {
    manifest = formTemplateManifestSchema.safeParse(readJson('manifest.json'));
  } catch (e) {
    return errFrom('forms.noManifest', e, { lead: `无法读取表单模板清单 ${path.join(formsDir, 'manifest.json')}`, reason: '文件缺失或不是有效的 JSON' });
  }
  if (!manifest.success) return err('forms.badManifest', '表单模板清单格式有误');
  const templates = new Map<string, FormTemplate>();
  for (const entry of manifest.data.templates) {
    let json: unknown;
    try {
      json = readJson(entry.file);
    } catch (e) {
      return errFrom('forms.unreadable', e, { lead: `无法读取表单模板 ${entry.file}`, reason: '文件缺失或不是有效的 JSON' });
    }
    const parsed = parseFormTemplate(json, `表单模板 ${entry.file} `);
    if (!parsed.ok) return parsed;
    templates.set(parsed.value.id, parsed.value);
  }
  return ok(templates);
}

/** What the deadline commands share: the knowledge base, the calendar, tracking and "today". */
export interface DutyInputs {
  readonly kb: KnowledgeBase;
  readonly calendar: WorkCalendar;
  readonly tracking: TrackingFile;
  readonly today: IsoDate;
  readonly records: readonly CompanyRecord[];
}

async function readTrackingFile(file: string | undefined, cwd: string): Promise<Result<TrackingFile>> {
  if (file === undefined) return ok({});
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path.resolve(cwd, file)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err('cli.readFailed', code === 'ENOENT' ? `找不到跟踪记录文件 ${file}` : `无法读取跟踪记录文件 ${file}：${describeFileError(e, file, 'read')}`);
  }
  // Refused, not repaired, like every other file the app reads.
  const text = decodeUtf8Strict(bytes);
  if (text === null) return err('tracking.notUtf8', `跟踪记录文件 ${file} 不是 UTF-8 编码的文本（含有无效的字节），已拒绝`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err('tracking.notJson', `${file} 不是有效的 JSON（${describeJsonSyntaxError(text, e)}）`);
  }
  const parsed = parseTrackingFile(json);
  return parsed.ok ? parsed : err(parsed.error.code, `${file}：${parsed.error.message}`);
}

/**
 * Loads everything the deadline commands need. `company` narrows the workspace to one company
 * (by id or name); without it every company is taken.
 */
export async function loadDutyInputs(
  workspaceFile: string, options: { company?: string | undefined; today?: IsoDate | undefined; trackingFile?: string | undefined; policyPack?: string | undefined },
  io: CliIo,
): Promise<Result<DutyInputs>> {
  const workspace = await loadWorkspaceFile(workspaceFile, io.cwd);
  if (!workspace.ok) return workspace;
  let records: readonly CompanyRecord[] = workspace.value.companies;
  if (options.company !== undefined) {
    const found = findCompany(workspace.value, options.company);
    if (!found.ok) return found;
    records = [found.value];
  }
  // Without --tracking, what the officer recorded in the app (the workspace's dutyTracking and
  // dutySchedules) decides which duties are done; a --tracking file replaces it for its companies.
  const tracking = await readTrackingFile(options.trackingFile, io.cwd);
  if (!tracking.ok) return tracking;
  const recorded: TrackingFile = Object.fromEntries(records.map((r) => [r.company.id, trackingStateFromRecords(r.dutyTracking, r.dutySchedules)]));
  const calendar = loadHolidayCalendar();
  if (!calendar.ok) return calendar;
  const kb = await loadKnowledgeBaseForCli(options.policyPack, io.cwd);
  if (!kb.ok) return kb;
  if (kb.value.message !== null) io.err(kb.value.message);
  return ok({ kb: kb.value.kb, calendar: calendar.value, tracking: { ...recorded, ...tracking.value }, today: options.today ?? localIsoDate(new Date()), records });
}

export function trackingFor(tracking: TrackingFile, companyId: string): TrackingState {
  return tracking[companyId] ?? EMPTY_TRACKING;
}
