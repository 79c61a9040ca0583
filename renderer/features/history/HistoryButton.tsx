import { HistoryOutlined } from '../../components/icons';
import { Button } from 'antd';

/**
 * A row's 修改记录 button. A native title instead of a Tooltip: the vehicle list renders this in
 * every visible row of a 10,000-row table.
 */
export function HistoryButton({ name, size, onClick }: { readonly name: string; readonly size?: 'small'; readonly onClick: () => void }) {
  return <Button type="text" size={size} title="修改记录" aria-label={`查看${name}的修改记录`} icon={<HistoryOutlined />} onClick={onClick} />;
}
