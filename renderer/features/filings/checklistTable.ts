import type { Material } from '../../../shared/policy/knowledgeBase';
import { MATERIAL_STATUS_LABELS, type Checklist } from './checklistModel';

/*
 * The checklist as plain rows, built on the page and sent to the packet worker, which renders it
 * as PDF or Excel (checklistExport.ts). Kept apart from the renderers so the 材料与申报 page does
 * not load pdf-lib and exceljs to show itself.
 */

export interface ChecklistTable {
  readonly title: string;
  /** 企业、申报日、完成度 lines under the title. */
  readonly subtitle: readonly string[];
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * The material's name with its note in brackets, unless the name already says it: the knowledge
 * base notes 复印件 on materials named …身份证复印件, which read …复印件（复印件）.
 */
function materialLabel(material: Pick<Material, 'name' | 'note'>): string {
  const note = material.note.trim();
  return note === '' || material.name.includes(note) ? material.name : `${material.name}（${note}）`;
}

export function checklistTable(checklist: Checklist, companyName: string, itemTitle: string, date: string): ChecklistTable {
  return {
    title: `${itemTitle} 材料清单`,
    subtitle: [`企业：${companyName}`, `申报日：${date}    完成：${checklist.completeCount}/${checklist.applicableCount}（${checklist.percent}%）`],
    header: ['序号', '材料', '状态', '所附文件', '核验'],
    rows: checklist.rows.map((row, i) => [
      String(i + 1),
      materialLabel(row.material),
      MATERIAL_STATUS_LABELS[row.status],
      [...(row.template ? [`${row.template.title}（本应用生成）`] : []), ...row.attached.map((d) => d.title || d.fileName)].join('\n') || '—',
      [...row.checks.map((c) => `${c.isPassed === true ? '√' : c.isPassed === false ? '×' : '？'} ${c.text}`), ...row.warnings, row.notApplicableReason].filter((t) => t !== '').join('\n') || '—',
    ]),
  };
}
