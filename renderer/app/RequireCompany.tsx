import { Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import type { CompanyRecord } from '../../shared/domain/companyRecord';
import { useCurrentCompanyRecord } from './currentCompany';
import { navigate } from './hashLocation';

/**
 * For feature pages that need a company: renders `children(record)` for the selected company,
 * a spinner while loading, and a pointer to the company list when there is none.
 */
export function RequireCompany({ children }: { readonly children: (record: CompanyRecord) => ReactNode }) {
  const record = useCurrentCompanyRecord();
  if (record === undefined) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (record === null) {
    return (
      <Empty style={{ marginTop: 64 }} description="尚未选择企业：请先新建企业或载入示例企业">
        <Button type="primary" onClick={() => navigate('/companies')}>前往企业列表</Button>
      </Empty>
    );
  }
  return <>{children(record)}</>;
}
