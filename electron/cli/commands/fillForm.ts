import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fillAcroForm, listFields, parseAcroFormMapping, type AcroFieldInfo } from '../../../shared/pdf/acroForm';
import { collectFormFacts, isFormDraftFactKey, isResolvableFactKey, withFormDrafts } from '../../../shared/pdf/formFacts';
import { describeFileError, writeFileAtomic } from '../../main/atomicWrite';
import { dateOptionOrToday, parseOptions, UsageError, type CliCommand } from '../command';
import { findCompany } from '../workspaceLoader';
import { loadFontSubsetter } from '../commandInputs';
import { loadWorkspaceWithFiles } from '../workspaceLoader';
import { describeError } from '../../../shared/util/errorDescription';

const KIND_NAMES: Readonly<Record<AcroFieldInfo['kind'], string>> = {
  text: '文本',
  checkbox: '复选框',
  radio: '单选',
  dropdown: '下拉框',
  list: '列表',
  button: '按钮',
  signature: '签名',
};

async function readPdf(file: string, cwd: string): Promise<Uint8Array> {
  try {
    return await readFile(path.resolve(cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `找不到文件 ${file}` : `无法读取 ${file}：${describeFileError(e, file, 'read')}`, { cause: e });
  }
}

export const fillFormCommand: CliCommand = {
  name: 'fill-form',
  summary: '用企业信息填写官方可填写 PDF 表单（AcroForm）；--list 列出表单字段',
  usage:
    'fill-form <表单.pdf> <工作区包.zip|workspace.json> --company <编号或名称> --mapping <对应关系.json> --out <输出.pdf> ' +
    '[--flatten] [--date YYYY-MM-DD] [--store <门店编号>] [--json]\n       fill-form <表单.pdf> --list [--json]',
  async run(args, io) {
    const { positional, values, switches } = parseOptions(args, {
      values: ['company', 'mapping', 'out', 'date', 'store'],
      switches: ['flatten', 'list', 'json'],
    });
    const isJson = switches.has('json');
    const fail = (code: string, message: string): number => {
      if (isJson) io.out(JSON.stringify({ ok: false, error: { code, message } }, null, 2));
      else io.err(`错误：${message}`);
      return 1;
    };
    const [formFile, workspaceFile, ...extra] = positional;
    if (formFile === undefined) throw new UsageError('缺少表单 PDF');
    if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}`);
    const formName = path.basename(formFile);
    const pdf = await readPdf(formFile, io.cwd);

    if (switches.has('list')) {
      const listing = await listFields(formName, pdf);
      if (!listing.ok) return fail(listing.error.code, listing.error.message);
      if (isJson) {
        io.out(JSON.stringify({ ok: true, ...listing.value }, null, 2));
        return 0;
      }
      if (listing.value.hasXfa) io.err('注意：该表单同时含 XFA 动态表单，本应用只使用其普通表单（AcroForm）部分');
      io.out(`${formName}：共 ${listing.value.fields.length} 个字段`);
      for (const f of listing.value.fields) {
        const extras = [
          f.options.length > 0 ? `选项：${f.options.join('、')}` : '',
          f.isMultiline ? '多行' : '',
          f.maxLength !== null ? `最多 ${f.maxLength} 字` : '',
          f.isReadOnly ? '只读' : '',
          f.page !== null ? `第 ${f.page} 页` : '',
        ].filter((x) => x !== '');
        io.out(`  ${f.name}  [${KIND_NAMES[f.kind]}] ${f.label === f.name ? '' : f.label}${extras.length > 0 ? `（${extras.join('，')}）` : ''}`);
      }
      return 0;
    }

    if (workspaceFile === undefined) throw new UsageError('缺少工作区文件');
    const companyQuery = values.get('company');
    const mappingFile = values.get('mapping');
    const out = values.get('out');
    if (companyQuery === undefined) throw new UsageError('缺少 --company');
    if (mappingFile === undefined) throw new UsageError('缺少 --mapping（字段对应关系 JSON，如 {"fields": {"企业名称": "company.name"}}）');
    if (out === undefined) throw new UsageError('缺少 --out');
    const today = dateOptionOrToday('date', values.get('date'));

    let mappingJson: unknown;
    try {
      mappingJson = JSON.parse(await readFile(path.resolve(io.cwd, mappingFile), 'utf8'));
    } catch (e) {
      return fail('cli.badMapping', describeError(e, { lead: `无法读取字段对应关系 ${mappingFile}`, reason: '文件缺失或不是有效的 JSON' }).message);
    }
    const mapping = parseAcroFormMapping(mappingJson, `字段对应关系 ${mappingFile} `);
    if (!mapping.ok) return fail(mapping.error.code, mapping.error.message);
    const unknownFacts = Object.entries(mapping.value.fields)
      .map(([field, m]) => [field, typeof m === 'string' ? m : m.fact] as const)
      // form:<模板编号>.<字段编号> takes what was typed into that form on the 表单 tab (the workspace's formDrafts).
      .filter(([, fact]) => fact !== undefined && !isResolvableFactKey(fact) && !isFormDraftFactKey(fact));
    if (unknownFacts.length > 0) {
      return fail('cli.unknownFact', `字段对应关系中有未知的企业信息项：\n${unknownFacts.map(([field, fact]) => `  ${field} → ${fact ?? ''}`).join('\n')}`);
    }

    const workspace = await loadWorkspaceWithFiles(workspaceFile, io.cwd);
    if (!workspace.ok) return fail(workspace.error.code, workspace.error.message);
    const record = findCompany(workspace.value.workspace, companyQuery);
    if (!record.ok) return fail(record.error.code, record.error.message);
    const entry = workspace.value.workspace.companies.find((c) => c.company.id === record.value.company.id);
    const drafts = Object.fromEntries((entry?.formDrafts ?? []).map((d) => [d.templateId, d.values]));
    const facts = withFormDrafts(collectFormFacts(record.value, { today, storeId: values.get('store') ?? null }), drafts);

    const subsetter = await loadFontSubsetter();
    try {
      const filled = await fillAcroForm(formName, pdf, mapping.value, facts, subsetter, { flatten: switches.has('flatten') });
      if (!filled.ok) return fail(filled.error.code, filled.error.message);
      await writeFileAtomic(path.resolve(io.cwd, out), filled.value.bytes);
      const { filled: names, problems, missingCharacters } = filled.value;
      if (isJson) {
        io.out(JSON.stringify({ ok: true, out: path.resolve(io.cwd, out), bytes: filled.value.bytes.byteLength, filled: names, problems, missingCharacters }, null, 2));
        return 0;
      }
      io.out(`已生成 ${out}：填写 ${names.length} 个字段${switches.has('flatten') ? '，已固化（不可再编辑）' : ''}`);
      for (const p of problems) io.out(`  未填写或有问题：${p.field}：${p.message}`);
      if (missingCharacters.length > 0) io.out(`  注意：字体中没有这些字符，将显示为空白：${missingCharacters.join(' ')}`);
      return 0;
    } finally {
      subsetter.dispose();
    }
  },
};
