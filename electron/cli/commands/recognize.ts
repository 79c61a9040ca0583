import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DOCUMENT_KIND_NAMES, DOCUMENT_KINDS, type DocumentKind, type ProposedField } from '../../../shared/ocr/fields';
import { describeError } from '../../../shared/util/errorDescription';
import { recognizeScan } from '../../ocr/recognizeScan';
import { parseOptions, UsageError, type CliCommand } from '../command';

const USAGE = `recognize <图片或扫描版 PDF> [--kind ${DOCUMENT_KINDS.join('|')}] [--json]`;

const STATUS_TEXT: Readonly<Record<ProposedField['status'], string>> = {
  ok: '可采用',
  low: '请核对',
  failed: '校验未通过',
  missing: '未找到',
};

/** Pads to a display width, counting a Chinese character as two columns. */
function pad(text: string, width: number): string {
  const columns = [...text].reduce((n, c) => n + (/[\u2e80-\uffef]/.test(c) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, width - columns));
}

function readFailure(file: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' ? `找不到文件 ${file}`
    : code === 'EACCES' || code === 'EPERM' ? `没有读取 ${file} 的权限`
    : code === 'EISDIR' ? `${file} 是文件夹，不是图片`
    : describeError(error, { lead: `无法读取 ${file}`, reason: '读取出错' }).message;
}

export const recognizeCommand: CliCommand = {
  name: 'recognize',
  summary: '离线识别证照扫描件（营业执照、药品经营许可证、机动车行驶证、居民身份证、执业药师注册证），列出建议填写的字段、置信度和校验结果；不写入任何数据，须由专员核对确认',
  usage: USAGE,
  async run(args, io) {
    const { positional, values, switches } = parseOptions(args, { values: ['kind'], switches: ['json'] });
    const [file] = positional;
    if (!file || positional.length > 1) throw new UsageError(positional.length > 1 ? '一次只能识别一个文件' : '缺少要识别的图片或扫描版 PDF');
    const kindOption = values.get('kind');
    if (kindOption !== undefined && !(DOCUMENT_KINDS as readonly string[]).includes(kindOption)) {
      throw new UsageError(`--kind 应为 ${DOCUMENT_KINDS.join('、')} 之一`);
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path.resolve(io.cwd, file)));
    } catch (error) {
      io.err(readFailure(file, error));
      return 1;
    }
    let result;
    try {
      result = await recognizeScan(bytes, path.basename(file), kindOption as DocumentKind | undefined);
    } catch (error) {
      io.err(describeError(error, { lead: `识别“${path.basename(file)}”失败`, reason: '识别程序遇到了意外情况' }).message);
      return 1;
    }
    if (!result.ok) {
      if (switches.has('json')) io.out(JSON.stringify({ ok: false, message: result.error.message }, null, 2));
      else io.err(result.error.message);
      return 1;
    }
    const r = result.value;
    if (switches.has('json')) {
      io.out(JSON.stringify({
        ok: true,
        kind: r.kind,
        kindLabel: DOCUMENT_KIND_NAMES[r.kind],
        detectedKind: r.detectedKind,
        rotation: r.page.rotation,
        image: r.image,
        preview: r.preview === null ? null : { mime: r.preview.mime, bytes: r.preview.bytes.length },
        skewDegrees: Math.round(r.page.skewDegrees * 10) / 10,
        notes: r.notes,
        fields: r.fields.map((f) => ({ ...f, certain: f.status === 'ok', statusLabel: STATUS_TEXT[f.status] })),
        lines: r.page.lines.map((l) => ({ text: l.text, confidence: Math.round(l.confidence * 1000) / 1000, quad: l.quad.map((p) => [Math.round(p.x), Math.round(p.y)]) })),
        seconds: { load: Math.round(r.seconds.load * 100) / 100, recognition: Math.round(r.seconds.recognition * 100) / 100 },
      }, null, 2));
      return 0;
    }
    io.out(`${file}：${DOCUMENT_KIND_NAMES[r.kind]}${kindOption === undefined ? '（按内容判断）' : ''}`);
    for (const note of r.notes) io.out(note);
    io.out('');
    io.out(`${pad('字段', 18)}${pad('置信度', 8)}${pad('状态', 12)}识别结果`);
    for (const f of r.fields) {
      const confidence = f.status === 'missing' ? '—' : `${Math.round(f.confidence * 100)}%`;
      io.out(`${pad(f.field, 18)}${pad(confidence, 8)}${pad(STATUS_TEXT[f.status], 12)}${f.value ?? ''}`);
      if (f.problem !== null && f.status !== 'missing') io.out(`${' '.repeat(38)}${f.problem}`);
    }
    io.out('');
    io.out(`识别用时 ${r.seconds.recognition.toFixed(1)} 秒（加载模型 ${r.seconds.load.toFixed(1)} 秒）。以上为建议值，请对照原件核对后再保存。`);
    return 0;
  },
};
