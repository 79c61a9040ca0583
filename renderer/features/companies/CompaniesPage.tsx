import { useHashLocation } from '../../app/hashLocation';
import { CompanyDetail } from './CompanyDetail';
import { CompanyList } from './CompanyList';

/** '/companies' lists the workspace; '/companies/<id>' shows one company. */
export function CompaniesPage() {
  const { segments } = useHashLocation();
  const companyId = segments[1];
  return companyId === undefined ? <CompanyList /> : <CompanyDetail companyId={companyId} />;
}
