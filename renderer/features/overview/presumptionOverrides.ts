import { companySchema } from '../../../shared/domain/company';
import type { WorkbenchDatabase } from '../../storage/workbenchDatabase';

/**
 * Records that the officer overturned (or restored) a presumption for one company: the key goes
 * into company.overturnedPresumptions with the moment it was overturned, so the decision is kept
 * with the company and travels in workspace exports and backups. Read and written in one
 * transaction, like saveCompanyAnswer, so no concurrent edit of the company is lost.
 */
export async function setPresumptionOverturned(
  db: WorkbenchDatabase, companyId: string, keys: readonly string[], isOverturned: boolean, now = new Date(),
): Promise<void> {
  await db.transaction('rw', db.companies, async () => {
    const company = await db.companies.get(companyId);
    if (!company) throw new Error('企业已不存在，可能已被删除');
    const overturned = { ...(company.overturnedPresumptions ?? {}) };
    for (const key of keys) {
      if (isOverturned) overturned[key] = now.toISOString();
      else delete overturned[key];
    }
    await db.companies.put(companySchema.parse({ ...company, overturnedPresumptions: overturned, updatedAt: now.toISOString() }));
  });
}
