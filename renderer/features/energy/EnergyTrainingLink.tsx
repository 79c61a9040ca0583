import { Typography } from 'antd';
import type { Person } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { ENERGY_MANAGER_ROLE } from './TrainingPanel';

/**
 * Beside a person in the company's people list: for a 能源管理负责人, a link to their 节能培训
 * records on the energy page (the person's company is the current one on that page).
 */
export function EnergyTrainingLink({ record, person }: { readonly record: CompanyRecord; readonly person: Person }) {
  if (!person.roles.includes(ENERGY_MANAGER_ROLE)) return null;
  const count = (record.energyTrainings ?? []).filter((t) => t.personId === person.id).length;
  return (
    <Typography.Link href={`#/energy?tab=people&person=${encodeURIComponent(person.id)}`} style={{ whiteSpace: 'nowrap' }}>
      节能培训 {count} 条
    </Typography.Link>
  );
}
