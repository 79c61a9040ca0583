/*
 * Where in a policy pack a refused value sits, said in the officer's words: 「第 2 份文书 › 第 5
 * 项事项 › 标题」 rather than the schema path `documents.1.items.4.title` (issue 13, point 4).
 * One table of the pack's field names beside its schema (knowledgeBase.ts); a name missing here
 * is shown quoted as it is, so a new schema field is still locatable before it gets its label.
 */

/** Lists of the pack: the measure word that counts their entries and what an entry is. */
const LIST_LABELS: Readonly<Record<string, string>> = {
  documents: '份文书',
  items: '项事项',
  questions: '个问题',
  deadlines: '条期限规则',
  materials: '项材料',
  examples: '个示例',
  of: '个子条件',
  fulfilledBy: '个完成事件',
  documentKinds: '个材料类别',
  tags: '个标签',
  issuers: '个发文机关',
  options: '个选项',
  value: '个取值',
};

/** Fields of the pack's records. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  format: '格式标识',
  schemaVersion: '格式版本',
  dataVersion: '数据版本',
  source: '原文来源',
  sourceText: '原文全文',
  file: '文件名',
  lineCount: '行数',
  id: '编号',
  title: '标题',
  docNumber: '文号',
  issuedOn: '发布日期',
  effectiveOn: '施行日期',
  domain: '领域',
  lines: '行号范围',
  start: '起始行',
  end: '结束行',
  isGovernmentOnly: '仅对政府部门',
  summary: '摘要',
  kind: '类别',
  citation: '出处',
  ref: '条款',
  quote: '引文',
  date: '日期',
  isInferred: '是否推定',
  note: '说明',
  appliesWhen: '适用条件',
  requirements: '申请条件',
  period: '有效期间',
  from: '起始日期',
  until: '截止日期',
  label: '名称',
  benefit: '扶持内容',
  description: '说明',
  ratePercent: '比例（%）',
  capWanYuan: '上限（万元）',
  authority: '主管部门',
  op: '条件类型',
  fact: '事实',
  param: '参数',
  comparator: '比较方式',
  gap: '待补说明',
  key: '字段',
  text: '问题文本',
  type: '类型',
  unit: '单位',
  help: '提示',
  presume: '推定',
  when: '条件',
  audience: '适用对象',
  because: '推定理由',
  trigger: '起算事件',
  event: '事件',
  every: '周期',
  direction: '期限方向',
  offset: '期限长度',
  amount: '数量',
  actor: '义务主体',
  per: '计算对象',
  statedInText: '原文是否写明',
  limit: '取值规则',
  name: '名称',
  formTemplate: '表单模板',
  needsSignatureAndSeal: '是否需签字盖章',
  facts: '事实',
  applies: '是否适用',
  requirementsMet: '条件是否满足',
};

/** Splits both path spellings the app produces: `a.0.b` (zod) and `a[0].b` (the text check). */
function segmentsOf(path: string | readonly PropertyKey[]): (string | number)[] {
  if (typeof path !== 'string') return path.map((p) => (typeof p === 'number' ? p : String(p)));
  return path
    .split(/\.|\[|\]/)
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** 「第 2 份文书 › 第 5 项事项 › 标题」; '' for the pack as a whole. */
export function describePackPath(path: string | readonly PropertyKey[]): string {
  const segments = segmentsOf(path);
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const next = segments[i + 1];
    if (segment === undefined) break;
    if (typeof segment === 'number') {
      parts.push(`第 ${segment + 1} 个`);
      continue;
    }
    const list = LIST_LABELS[segment];
    if (list !== undefined && typeof next === 'number') {
      parts.push(`第 ${next + 1} ${list}`);
      i++;
      continue;
    }
    parts.push(FIELD_LABELS[segment] ?? list?.replace(/^[个份项条]/, '') ?? `“${segment}”`);
  }
  return parts.join(' › ');
}
