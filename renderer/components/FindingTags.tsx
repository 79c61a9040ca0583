import { ExclamationCircleOutlined, WarningOutlined } from './icons';
import { Tooltip, Typography } from 'antd';
import type { Finding } from '../../shared/validation/recordFindings';

/** The validation findings of one record, as an icon with the messages on hover. */
export function FindingTags({ findings }: { readonly findings: readonly Finding[] | undefined }) {
  if (!findings || findings.length === 0) return null;
  const hasError = findings.some((f) => f.severity === 'error');
  return (
    <Tooltip title={<ul style={{ margin: 0, paddingLeft: 16 }}>{findings.map((f, i) => <li key={i}>{f.message}</li>)}</ul>}>
      <Typography.Text type={hasError ? 'danger' : 'warning'} aria-label={findings.map((f) => f.message).join('；')}>
        {hasError ? <ExclamationCircleOutlined /> : <WarningOutlined />}
      </Typography.Text>
    </Tooltip>
  );
}

export function groupFindingsByEntity(findings: readonly Finding[]): ReadonlyMap<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = map.get(f.entityId);
    if (list) list.push(f);
    else map.set(f.entityId, [f]);
  }
  return map;
}
