import { describe, expect, it } from 'vitest';
import { outstandingText, type ChecklistRow, type MaterialStatus } from '../../../renderer/features/filings/checklistModel';

/* Issue 17, point 3: 尚缺 says why a material that is attached still counts as missing. */

function row(name: string, status: MaterialStatus): ChecklistRow {
  return { material: { name }, status } as ChecklistRow;
}

describe('outstandingText', () => {
  it('names missing materials plainly and the others with their reason', () => {
    expect(outstandingText([
      row('申请表', 'attached'), row('营业执照', 'expired'), row('劳动合同', 'notYetValid'), row('制度', 'missing'),
      row('授权委托书', 'notApplicable'), row('承诺书', 'needsSignature'),
    ])).toBe('营业执照（已过期）；劳动合同（尚未生效）；制度；承诺书（待签字盖章）');
  });
});
