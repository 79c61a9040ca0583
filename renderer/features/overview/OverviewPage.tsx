import { useState } from 'react';
import { localIsoDate } from '../../../shared/domain/isoDate';
import { RequireCompany } from '../../app/RequireCompany';
import { KnowledgeBaseProvider } from '../policies/KnowledgeBaseProvider';
import { CompanyOverview } from './CompanyOverview';

/** 合规概览 of the company selected in the header, judged as of today (the user's local date). */
export function OverviewPage() {
  const [today] = useState(() => localIsoDate(new Date()));
  return (
    <KnowledgeBaseProvider>
      <RequireCompany>{(record) => <CompanyOverview record={record} date={today} />}</RequireCompany>
    </KnowledgeBaseProvider>
  );
}
