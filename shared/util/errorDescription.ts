import type { AppError } from './result';
import { technicalText } from './technicalDetail';

/*
 * The one place the page (and its workers) turns a failure into words (issue 13 point 4, issue 14
 * point 5). The sentence the officer reads is Chinese and never carries a library's or
 * JavaScript's own text ("Cannot read properties of undefined", "invalid zip data"); that text is
 * kept apart as `technical`, shown collapsed under 技术详情 in the failure dialog and logged.
 *
 * The app's own errors are already Chinese sentences and pass through unchanged. An exception
 * from a library becomes the caller's reason (or a general one). A Chinese sentence that ends in
 * library text ("读取文件失败：invalid zip data", as older workers and IPC replies still build
 * them) keeps its Chinese lead and gets the reason in place of the library's words.
 */

export interface ErrorDescription {
  /** Simplified Chinese, shown as is. */
  readonly message: string;
  /** The library's or JavaScript's own words, for 技术详情 and the log; null when there are none. */
  readonly technical: string | null;
}

/** Said when the failure's own words are not the officer's and the caller gave no better reason. */
export const UNEXPECTED_REASON = '程序遇到了意外情况，操作未完成';

const MAX_TECHNICAL_CHARS = 4000;

/**
 * Where a library's or JavaScript's words start: error class names, the engine's and the common
 * libraries' phrases, NaN/undefined leaking from a conversion, or a run of three English words
 * (the app's sentences name formats such as .xlsx or SHA-256, never English prose).
 */
const TECHNICAL_TEXT = new RegExp(
  [
    String.raw`\b[A-Z][A-Za-z]*(?:Error|Exception)\b`,
    String.raw`\b(?:undefined|null is|NaN|Infinity)\b`,
    'NaN',
    String.raw`\bis not (?:a function|defined|iterable|valid)`,
    String.raw`\bCannot (?:read|set|convert|access)\b`,
    String.raw`\b(?:Unexpected|unexpected) (?:token|end|EOF|character)`,
    String.raw`\binvalid (?:zip|data|stored|block|distance|time|date)\b`,
    String.raw`\b[Ff]ailed to\b`,
    String.raw`\bat (?:new )?[\w.$<>]+ \(`,
    String.raw`[A-Za-z]{2,}(?:[ ,':]+[A-Za-z]{2,}){2,}`,
  ].join('|'),
);

const HAN = /[\u3400-\u9fff]/;

/**
 * Text the officer chose is never taken for library text: a file name in “…”, a path. They are
 * blanked (same length) before the search so that positions still point into the original.
 */
function blankQuotedAndPaths(text: string): string {
  return text
    .replace(/“[^”]*”|「[^」]*」|《[^》]*》/g, (m) => ' '.repeat(m.length))
    .replace(/(?:[A-Za-z]:)?[\\/][^\s，。；：、）)“”]+|[^\s，。；：、（(“”]+[\\/][^\s，。；：、）)“”]*/g, (m) => ' '.repeat(m.length));
}

/** Index where library or JavaScript text starts in `text`, or -1 when there is none. */
function technicalTextIndex(text: string): number {
  const match = TECHNICAL_TEXT.exec(blankQuotedAndPaths(text));
  return match === null ? -1 : match.index;
}

/** True when `text` is fit to show the officer as it is: Chinese, with no library text. */
function isOfficerText(text: string): boolean {
  return HAN.test(text) && technicalTextIndex(text) < 0;
}

/** The Chinese words before the library's, without the trailing "：" or "（"; null when none. */
function officerLead(text: string, at: number): string | null {
  const lead = text.slice(0, at).replace(/[\s:：,，;；(（\-—"'“]+$/u, '');
  return HAN.test(lead) && technicalTextIndex(lead) < 0 ? lead : null;
}

function joinSentence(lead: string | undefined, rest: string): string {
  return lead === undefined || lead === '' ? rest : `${lead}：${rest}`;
}

function clip(text: string): string {
  return text.length > MAX_TECHNICAL_CHARS ? `${text.slice(0, MAX_TECHNICAL_CHARS)}…` : text;
}

/**
 * Describes a message that may carry library text, e.g. an AppError's message from a worker.
 * `lead` says what failed ("无法读取文件“名册.xlsx”"); `reason` replaces library words.
 */
export function describeText(text: string, options: { readonly lead?: string; readonly reason?: string; readonly technical?: string | null } = {}): ErrorDescription {
  const reason = options.reason ?? UNEXPECTED_REASON;
  const trimmed = text.trim();
  const at = technicalTextIndex(trimmed);
  if (at < 0 && HAN.test(trimmed)) return { message: joinSentence(options.lead, trimmed), technical: options.technical ?? null };
  const ownLead = at < 0 ? null : officerLead(trimmed, at);
  const said = ownLead === null ? reason : joinSentence(ownLead, reason);
  const technical = options.technical ?? (trimmed === '' ? null : trimmed);
  return { message: joinSentence(options.lead, said), technical: technical === null ? null : clip(technical) };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
  return '';
}

/** Describes anything thrown or rejected: an Error (the app's or a library's), a string, a value. */
export function describeError(error: unknown, options: { readonly lead?: string; readonly reason?: string } = {}): ErrorDescription {
  const text = messageOf(error);
  const isOwnSentence = isOfficerText(text);
  return describeText(text, { ...options, technical: isOwnSentence ? null : clip(technicalText(error)) });
}

/** Describes a refusal carried as a value: its message, with `details.technical` kept apart. */
export function describeFailure(error: AppError, options: { readonly lead?: string; readonly reason?: string } = {}): ErrorDescription {
  const details = error.details as { technical?: unknown } | undefined;
  const carried = typeof details?.technical === 'string' ? details.technical : null;
  const described = describeText(error.message, options);
  const technical = [carried, described.technical].filter((t): t is string => t !== null).join('\n');
  return { message: described.message, technical: technical === '' ? null : clip(technical) };
}

/** A refusal built from an exception: a Chinese message and the exception's text in details. */
export function failureFromError(code: string, error: unknown, options: { readonly lead?: string; readonly reason?: string } = {}): AppError {
  const described = describeError(error, options);
  return described.technical === null ? { code, message: described.message } : { code, message: described.message, details: { technical: described.technical } };
}

/** The failed Result of an exception: `errFrom('file.unreadable', e, { lead: '无法读取文件“a.pdf”' })`. */
export function errFrom(code: string, error: unknown, options: { readonly lead?: string; readonly reason?: string } = {}): { readonly ok: false; readonly error: AppError } {
  return { ok: false, error: failureFromError(code, error, options) };
}
