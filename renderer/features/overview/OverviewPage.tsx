import { RequireCompany } from '../../app/RequireCompany';
import { KnowledgeBaseProvider } from '../policies/KnowledgeBaseProvider';
import { CompanyOverview } from './CompanyOverview';
import { useJudgementDate } from './useJudgementDate';

/** 合规概览 of the company selected in the header, judged on the 判断日 in the address (today by default). */
export function OverviewPage() {
  const judgement = useJudgementDate();
  return (
    <KnowledgeBaseProvider>
      <RequireCompany>{(record) => <CompanyOverview record={record} judgement={judgement} />}</RequireCompany>
    </KnowledgeBaseProvider>
  );
}
