import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Result, Spin } from 'antd';
import { navigate } from '../../app/hashLocation';
import { useCompanyRecord } from '../../storage/hooks';

export function CompanyDetail({ companyId }: { readonly companyId: string }) {
  const record = useCompanyRecord(companyId);
  if (record === undefined) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (record === null) {
    return (
      <Result status="404" title="找不到该企业" subTitle="它可能已被删除。" extra={<Button onClick={() => navigate('/companies')}>返回企业列表</Button>} />
    );
  }
  const { company } = record;
  return (
    <Card title={<><Button type="text" aria-label="返回企业列表" icon={<ArrowLeftOutlined />} onClick={() => navigate('/companies')} /> {company.name}</>}>
      <Descriptions bordered column={2}>
        <Descriptions.Item label="统一社会信用代码">{company.uscc || '未填写'}</Descriptions.Item>
        <Descriptions.Item label="法定代表人">{company.legalRepresentative || '未填写'}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
