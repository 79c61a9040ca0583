import { readFileSync } from 'node:fs';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { collectFormFacts, type FormFacts } from '../../../shared/pdf/formFacts';
import type { FontSubsetter } from '../../../shared/pdf/fontSubset';
import type { FormTemplate } from '../../../shared/pdf/formTemplates';
import { renderForm, type RenderFormResult } from '../../../shared/pdf/renderForm';
import { parseWorkspaceFile, toCompanyRecords } from '../../../shared/workspace/workspaceFile';
import { loadFontSubsetter, loadFormTemplates } from '../../../electron/cli/commandInputs';
import { resourcePath } from '../../../electron/cli/resourcePaths';
import type { Measurement } from '../harness';

const MAX_FORM_KB = 300;

/**
 * One filled one-page Chinese form with its font subset embedded, warm: the 10 MB font is loaded
 * into HarfBuzz once in setup, as the app's PDF worker keeps it between forms.
 */
export function formMeasurements(quick: boolean): Measurement[] {
  let subsetter: FontSubsetter | null = null;
  let template: FormTemplate | null = null;
  let facts: FormFacts | null = null;
  let last: RenderFormResult | null = null;
  return [
    {
      name: '填写一页中文表单（含字体子集）',
      get size() { return template ? `${template.title}，${last?.pageCount ?? 1} 页` : '定点零售药店申请表'; },
      targetMs: 300,
      repetitions: quick ? { warmups: 1, runs: 3 } : { warmups: 3, runs: 15 },
      setup: async () => {
        subsetter = await loadFontSubsetter();
        const templates = loadFormTemplates();
        if (!templates.ok) throw new Error(templates.error.message);
        template = templates.value.get('pharmacy-designation-application') ?? null;
        const workspace = parseWorkspaceFile(readFileSync(resourcePath('samples', 'retailPharmacy.json'), 'utf8'));
        if (!workspace.ok) throw new Error(workspace.error.message);
        const record = toCompanyRecords(workspace.value)[0];
        if (!record) throw new Error('sample has no company');
        facts = collectFormFacts(record, { today: asIsoDate('2026-11-26'), storeId: record.stores[0]?.id ?? null, applicationTitle: '定点零售药店申请' });
      },
      run: async () => {
        if (!subsetter || !template || !facts) throw new Error('not set up');
        last = await renderForm({ template, facts, subsetter, options: { hasPageNumbers: false } });
        if (last.pageCount !== 1) throw new Error(`expected one page, got ${last.pageCount}`);
      },
      checks: () => [{ label: '文件大小', value: Number(((last?.bytes.byteLength ?? 0) / 1024).toFixed(1)), max: MAX_FORM_KB, unit: 'KB' }],
      extras: () => ({ filledFields: (last?.fields.length ?? 0) - (last?.unfilled.length ?? 0), unfilled: last?.unfilled.length ?? 0 }),
      teardown: () => { subsetter?.dispose(); subsetter = null; },
    },
  ];
}
