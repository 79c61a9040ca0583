import type { Citation, Condition, PolicyItem } from '../../../shared/policy/knowledgeBase';

function conditionCitations(condition: Condition | undefined, out: Citation[]): void {
  if (condition === undefined) return;
  if (condition.citation !== undefined) out.push(condition.citation);
  switch (condition.op) {
    case 'fact':
      return;
    case 'all':
    case 'any':
      for (const child of condition.of) conditionCitations(child, out);
      return;
    case 'not':
      conditionCitations(condition.of, out);
      return;
  }
}

/** Every citation an item makes (its own, its conditions', deadlines' and materials'), each once. */
export function itemCitations(item: PolicyItem): Citation[] {
  const all: Citation[] = [item.citation];
  conditionCitations(item.appliesWhen, all);
  conditionCitations(item.requirements, all);
  for (const rule of item.deadlines) {
    all.push(rule.citation);
    conditionCitations(rule.when, all);
  }
  for (const material of item.materials) all.push(material.citation);
  const seen = new Set<string>();
  return all.filter((c) => {
    const key = `${c.lines.start}:${c.lines.end}:${c.quote}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
