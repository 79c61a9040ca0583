import { Drawer, Empty, Table, Tag, Typography } from 'antd';
import { HISTORY_ACTION_LABELS, type DutyHistoryRecord } from '../../../../shared/deadlines/trackingRecords';
import { useStoredQuery } from '../../../storage/repositories';
import { dutyName } from '../dutyActions';
import { formatTimestamp, historyChange } from '../dutyHistoryText';
import type { DutyRow } from '../dutyModel';

/** 操作记录: every action taken on the duty and its schedule, append-only. */
export function DutyHistoryDrawer({ row, onClose }: { readonly row: DutyRow; readonly onClose: () => void }) {
  const history = useStoredQuery((repositories) => repositories.listDutyHistory(row.companyId, [row.duty.key, row.duty.scheduleKey]), [row.companyId, row.duty.key, row.duty.scheduleKey]);
  return (
    <Drawer open title={`操作记录：${dutyName(row)}`} size="large" onClose={onClose}>
      <Typography.Paragraph type="secondary">操作记录只增不改：标记完成、撤销完成、填写日期等每次操作都留有记录，不能在此修改或删除。</Typography.Paragraph>
      {history !== undefined && history.length === 0 ? (
        <Empty description="尚无操作记录" />
      ) : (
        <Table<DutyHistoryRecord>
          size="small"
          rowKey="id"
          loading={history === undefined}
          dataSource={history ?? []}
          pagination={false}
          columns={[
            { title: '时间', dataIndex: 'at', width: 140, render: (_: unknown, h) => formatTimestamp(h.at) },
            { title: '操作', dataIndex: 'action', width: 110, render: (_: unknown, h) => <Tag>{HISTORY_ACTION_LABELS[h.action]}</Tag> },
            { title: '记录人', dataIndex: 'actor', width: 90, render: (_: unknown, h) => (h.actor === '' ? '未署名' : h.actor) },
            { title: '变更', key: 'change', render: (_: unknown, h) => <Typography.Text style={{ fontSize: 12 }}>{historyChange(h)}</Typography.Text> },
            { title: '说明', dataIndex: 'note', width: 160, render: (_: unknown, h) => h.note || '—' },
          ]}
        />
      )}
    </Drawer>
  );
}
