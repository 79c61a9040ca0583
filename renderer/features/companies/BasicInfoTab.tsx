import { Alert, Button, Descriptions, Typography } from 'antd';
import type { Company } from '../../../shared/domain/company';
import type { Finding } from '../../../shared/validation/recordFindings';
import { formatWan, orDash, yesNoUnknown } from '../../components/display';
import { useHistoryDrawer } from '../history/useHistoryDrawer';
import { UsccCell } from './CompanyList';

export function BasicInfoTab({ company, findings }: { readonly company: Company; readonly findings: readonly Finding[] }) {
  const usccFindings = findings.filter((f) => f.field === 'uscc');
  const history = useHistoryDrawer();
  return (
    <>
      <Descriptions bordered size="middle" column={{ xs: 1, md: 2, xl: 3 }} styles={{ label: { width: 150 } }}>
        <Descriptions.Item label="企业名称" span={2}>{company.name}</Descriptions.Item>
        <Descriptions.Item label="统一社会信用代码">
          <UsccCell uscc={company.uscc} />
          {usccFindings.map((f, i) => (
            <Typography.Paragraph key={i} type={f.severity === 'error' ? 'danger' : 'warning'} style={{ margin: '4px 0 0', fontSize: 12 }}>
              {f.message}
            </Typography.Paragraph>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="法定代表人">{orDash(company.legalRepresentative)}</Descriptions.Item>
        <Descriptions.Item label="企业类型">{orDash(company.entityType)}</Descriptions.Item>
        <Descriptions.Item label="成立日期">{orDash(company.establishedOn)}</Descriptions.Item>
        <Descriptions.Item label="注册地址" span={2}>{orDash(company.registeredAddress)}</Descriptions.Item>
        <Descriptions.Item label="所在区">{orDash(company.district)}</Descriptions.Item>
        <Descriptions.Item label="行业代码">{orDash(company.industryCode)}</Descriptions.Item>
        <Descriptions.Item label="行业名称">{orDash(company.industryName)}</Descriptions.Item>
        <Descriptions.Item label="位于自贸试验区">{yesNoUnknown(company.isInFreeTradeZone)}</Descriptions.Item>
        <Descriptions.Item label="经营范围" span={3}>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}>
            {orDash(company.businessScope)}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="从业人员">{company.employeeCount === null ? '—' : `${company.employeeCount} 人`}</Descriptions.Item>
        <Descriptions.Item label="营业收入">{formatWan(company.annualRevenueWanYuan)}</Descriptions.Item>
        <Descriptions.Item label="资产总额">{formatWan(company.totalAssetsWanYuan)}</Descriptions.Item>
        <Descriptions.Item label="联系人">{orDash(company.contactPerson)}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{orDash(company.contactPhone)}</Descriptions.Item>
        <Descriptions.Item label="电子邮箱">{orDash(company.email)}</Descriptions.Item>
        {company.note !== '' && <Descriptions.Item label="备注" span={3}><span style={{ whiteSpace: 'pre-wrap' }}>{company.note}</span></Descriptions.Item>}
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        最后修改：{new Date(company.updatedAt).toLocaleString('zh-CN')}
        <Button type="link" size="small" onClick={() => history.open({ kind: 'record', table: 'companies', entityId: company.id, title: `基本信息修改记录：${company.name}` })}>
          基本信息修改记录
        </Button>
      </Typography.Paragraph>
      {history.drawer}
    </>
  );
}

export function FindingsSummary({ findings }: { readonly findings: readonly Finding[] }) {
  if (findings.length === 0) return null;
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  return (
    <Alert
      style={{ marginBottom: 16 }}
      type={errors.length > 0 ? 'error' : 'warning'}
      showIcon
      title={`数据核对：${errors.length} 处错误，${warnings.length} 处提醒`}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {[...errors, ...warnings].slice(0, 8).map((f, i) => <li key={i}>{f.message}</li>)}
          {findings.length > 8 && <li>另有 {findings.length - 8} 处…</li>}
        </ul>
      }
    />
  );
}
