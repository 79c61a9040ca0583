import { Select } from 'antd';
import { useCurrentCompany } from './currentCompany';
import { navigate, parseHash } from './hashLocation';

/** The header's company picker: what every feature page works on. */
export function CompanySwitcher() {
  const { companyId, companies, isLoading, selectCompany } = useCurrentCompany();
  return (
    <Select
      aria-label="当前企业"
      style={{ width: 320 }}
      loading={isLoading}
      placeholder={isLoading ? '正在读取…' : '尚无企业'}
      value={companyId ?? undefined}
      disabled={companies.length === 0}
      showSearch={{ optionFilterProp: 'label' }}
      options={companies.map((c) => ({ value: c.id, label: c.name }))}
      onChange={(value: string) => {
        selectCompany(value);
        // On a company's own page, switching company means showing the other company's page.
        const { segments } = parseHash(window.location.hash);
        if (segments[0] === 'companies' && segments.length > 1) {
          navigate(`/companies/${encodeURIComponent(value)}`);
        }
      }}
    />
  );
}
