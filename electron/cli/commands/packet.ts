import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type TemplateValues } from '../../../shared/pdf/formTemplates';
import { buildPacket } from '../../../shared/pdf/packet';
import { assemblePacket } from '../../../shared/pdf/packetAssembly';
import { outOfDateDocuments, planPacket } from '../../../shared/pdf/packetPlan';
import { createFactContext, evaluateCondition } from '../../../shared/policy/evaluate';
import type { PolicyItem } from '../../../shared/policy/knowledgeBase';
import { err, ok, type Result } from '../../../shared/util/result';
import { writeFileAtomicStreaming } from '../../main/atomicWrite';
import { dateOptionOrToday, parseOptions, UsageError, type CliCommand, type CliIo } from '../command';
import { findCompany, loadWorkspaceWithFiles } from '../workspaceLoader';
import { loadFontSubsetter, loadFormTemplates, loadKnowledgeBaseForCli } from '../commandInputs';
import { errFrom } from '../../../shared/util/errorDescription';

async function readValues(file: string | undefined, cwd: string): Promise<Result<Record<string, TemplateValues>>> {
  if (file === undefined) return ok({});
  try {
    const json: unknown = JSON.parse(await readFile(path.resolve(cwd, file), 'utf8'));
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return err('cli.badValues', `${file} 应为 { "模板编号": { "字段编号": "值" } }`);
    const values: Record<string, TemplateValues> = {};
    for (const [templateId, fields] of Object.entries(json)) {
      if (typeof fields !== 'object' || fields === null) return err('cli.badValues', `${file}：模板 ${templateId} 的值应为对象`);
      values[templateId] = Object.fromEntries(Object.entries(fields as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    }
    return ok(values);
  } catch (e) {
    return errFrom('cli.badValues', e, { lead: `无法读取表单填写值 ${file}`, reason: '文件缺失或不是有效的 JSON' });
  }
}

function findItem(items: readonly PolicyItem[], id: string): Result<PolicyItem> {
  const item = items.find((i) => i.id === id);
  if (item) return ok(item);
  const withMaterials = items.filter((i) => i.materials.length > 0).map((i) => `  ${i.id}  ${i.title}`);
  return err('cli.itemNotFound', `知识库中没有条目 ${id}。列有申报材料的条目：\n${withMaterials.join('\n')}`);
}

function progressPrinter(io: CliIo, isQuiet: boolean): (p: { done: number; total: number; message: string }) => void {
  let last = '';
  return (p) => {
    if (isQuiet || p.message === last) return;
    last = p.message;
    io.err(`[${p.done}/${p.total}] ${p.message}`);
  };
}

export const packetCommand: CliCommand = {
  name: 'packet',
  summary: '按申请事项的材料清单生成申报材料包 PDF（封面、目录、书签、页码，合并表单与附件）',
  usage:
    'packet <工作区包.zip|workspace.json> --company <编号或名称> --application <条目编号> --out <输出.pdf> ' +
    '[--date YYYY-MM-DD] [--store <门店编号>] [--values <填写值.json>] [--skip-bad-files] [--stop-on-out-of-date] [--no-watermark] [--watermark <文字>] ' +
    '[--policy-pack <数据包.json>] [--json] [--quiet]',
  async run(args, io) {
    const { positional, values, switches } = parseOptions(args, {
      values: ['company', 'application', 'out', 'date', 'store', 'values', 'watermark', 'policy-pack'],
      switches: ['skip-bad-files', 'stop-on-out-of-date', 'no-watermark', 'json', 'quiet'],
    });
    const [file, ...extra] = positional;
    if (file === undefined) throw new UsageError('缺少工作区文件');
    if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}`);
    const companyQuery = values.get('company');
    const itemId = values.get('application');
    const out = values.get('out');
    if (companyQuery === undefined) throw new UsageError('缺少 --company');
    if (itemId === undefined) throw new UsageError('缺少 --application（知识库条目编号，如 pharmacy-designation/designation-application）');
    if (out === undefined) throw new UsageError('缺少 --out');
    if (switches.has('no-watermark') && values.has('watermark')) throw new UsageError('--no-watermark 与 --watermark 不能同时使用');
    const today = dateOptionOrToday('date', values.get('date'));
    const isJson = switches.has('json');
    const fail = (code: string, message: string): number => {
      if (isJson) io.out(JSON.stringify({ ok: false, error: { code, message } }, null, 2));
      else io.err(`错误：${message}`);
      return 1;
    };

    const workspace = await loadWorkspaceWithFiles(file, io.cwd);
    if (!workspace.ok) return fail(workspace.error.code, workspace.error.message);
    for (const problem of workspace.value.problems) io.err(`注意：${problem}`);
    const found = findCompany(workspace.value.workspace, companyQuery);
    if (!found.ok) return fail(found.error.code, found.error.message);
    // findCompany types its answer as the domain record; the workspace's own entry also carries documents.
    const record = workspace.value.workspace.companies.find((c) => c.company.id === found.value.company.id);
    if (!record) return fail('cli.companyNotFound', `工作区中没有企业 ${companyQuery}`);
    const loaded = await loadKnowledgeBaseForCli(values.get('policy-pack'), io.cwd);
    if (!loaded.ok) return fail(loaded.error.code, loaded.error.message);
    if (loaded.value.message !== null) io.err(loaded.value.message);
    const item = findItem(loaded.value.kb.documents.flatMap((d) => d.items), itemId);
    if (!item.ok) return fail(item.error.code, item.error.message);
    if (item.value.materials.length === 0) return fail('cli.noMaterials', `条目 ${itemId}（${item.value.title}）没有列出申报材料`);
    const templates = loadFormTemplates();
    if (!templates.ok) return fail(templates.error.code, templates.error.message);
    const formValues = await readValues(values.get('values'), io.cwd);
    if (!formValues.ok) return fail(formValues.error.code, formValues.error.message);

    // The workspace's form drafts (what was typed on the 表单 tab), with --values over them field by field.
    const drafts: Record<string, TemplateValues> = Object.fromEntries(record.formDrafts.map((d) => [d.templateId, d.values]));
    for (const [templateId, fields] of Object.entries(formValues.value)) drafts[templateId] = { ...drafts[templateId], ...fields };

    const facts = createFactContext(record, today);
    const planned = planPacket(item.value, record.documents, {
      today: today,
      templates: templates.value,
      people: record.people,
      isMaterialApplicable: (material) => {
        if (!material.when) return true;
        const outcome = evaluateCondition(material.when, facts);
        return outcome === 'pass' ? true : outcome === 'fail' ? false : null;
      },
    });
    // A document out of its 有效期 on the date goes in behind a note page, as in the app, unless told to stop.
    const outOfDate = outOfDateDocuments(planned, today);
    if (outOfDate.length > 0 && switches.has('stop-on-out-of-date')) {
      return fail('cli.outOfDate', `以下文件在申报日不在有效期内，未生成材料包：\n${outOfDate.map((o) => `  ${o.text}（${o.materialName}）`).join('\n')}`);
    }
    const plan = planned.map((p) => ({
      ...p,
      documentNotices: Object.fromEntries(outOfDate.filter((o) => o.materialId === p.material.id).map((o) => [o.document.id, o.notice])),
    }));
    const files = workspace.value.files;
    const subsetter = await loadFontSubsetter();
    try {
      const assembled = await assemblePacket({
        item: item.value,
        record,
        plan,
        readDocument: (document) => {
          const bytes = files.get(document.id);
          return bytes ? () => Promise.resolve(bytes) : undefined;
        },
        subsetter,
        today: today,
        formValues: drafts,
        watermark: switches.has('no-watermark') ? null : values.get('watermark'),
        storeId: values.get('store') ?? null,
        options: { onBadFile: switches.has('skip-bad-files') ? 'skip' : 'stop' },
      });
      // Written while it is built (the packet sink), so thousands of scanned pages never sit in
      // memory at once; the file appears only when the build succeeds (atomic rename).
      const target = path.resolve(io.cwd, out);
      const built = await writeFileAtomicStreaming(target, async (write) => {
        const packet = await buildPacket({ ...assembled.packet, sink: { write } }, progressPrinter(io, switches.has('quiet') || isJson));
        return { isKept: packet.ok, value: packet };
      });
      if (!built.ok) return fail(built.error.code, built.error.message);
      const warnings = [...plan.flatMap((p) => p.warnings), ...assembled.unavailable];
      const result = built.value;
      if (isJson) {
        io.out(JSON.stringify({
          ok: true,
          out: target,
          bytes: result.byteLength,
          pageCount: result.pageCount,
          materials: result.materials,
          skipped: result.skipped,
          forms: assembled.forms.map((f) => ({ ...f, unfilled: f.unfilled.map((u) => ({ id: u.id, label: u.label })) })),
          warnings,
        }, null, 2));
        return 0;
      }
      io.out(`已生成 ${out}：共 ${result.pageCount} 页，${(result.byteLength / 1024).toFixed(0)} KB`);
      for (const m of result.materials) {
        const where = m.firstPage === null ? '（缺）' : `第 ${m.firstPage} 页起，${m.pageCount} 页`;
        io.out(`  ${m.isMissing ? '缺' : '  '} ${m.title}  ${where}`);
      }
      for (const s of result.skipped) io.out(`  未能加入：${s.message}`);
      for (const f of assembled.forms) {
        if (f.unfilled.length > 0) io.out(`  表单“${f.title}”待手工填写：${f.unfilled.map((u) => u.label).join('、')}`);
        if (f.overflowing.length > 0) io.out(`  表单“${f.title}”内容过长被截断：${f.overflowing.join('、')}`);
      }
      for (const w of warnings) io.out(`  注意：${w}`);
      return 0;
    } finally {
      subsetter.dispose();
    }
  },
};
