import { errorMessage } from '../../components/failureDialog';
import { Alert, App, Modal, Radio, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Store } from '../../../shared/domain/company';
import type { EnergyReading, EnergySettings } from '../../../shared/energy/ledger';
import { useRepositories } from '../../storage/repositories';
import { applyRecompute, previewRecompute, type RecomputeRange, type RecomputeRow } from './coefficientSettingsFlow';
import { formatAmount, formatTce, siteLabel } from './energyModel';

/**
 * 重新计算历史月份: the before/after list of the months whose coefficient would change, in the
 * page's year or all years; nothing is written until the officer confirms it.
 */
export function RecomputeModal({ readings, settings, stores, year, onClose }: {
  readonly readings: readonly EnergyReading[];
  readonly settings: EnergySettings;
  readonly stores: readonly Store[];
  readonly year: number;
  readonly onClose: () => void;
}) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [range, setRange] = useState<RecomputeRange>('year');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const { rows, failures, summary } = useMemo(() => previewRecompute(readings, settings, year, range), [range, readings, settings, year]);

  const apply = async () => {
    setIsSaving(true);
    try {
      void message.success(await applyRecompute(repositories, rows));
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open
      title="按当前系数重新计算历史月份"
      width={1000}
      okText={rows.length === 0 ? '无需更新' : `确认更新 ${rows.length} 条记录`}
      okButtonProps={{ disabled: rows.length === 0 }}
      confirmLoading={isSaving}
      cancelText="取消"
      onOk={() => void apply()}
      onCancel={onClose}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group value={range} onChange={(e) => setRange(e.target.value as RecomputeRange)} options={[{ value: 'year', label: `${year} 年` }, { value: 'all', label: '全部年份' }]} />
        {error && <Alert type="error" showIcon title="更新失败" description={error} />}
        {failures.length > 0 && (
          <Alert type="warning" showIcon title={`${failures.length} 条记录无法按当前设置计算，将保持不变`} description={failures.join('；')} />
        )}
        <Typography.Text>{summary}</Typography.Text>
        <Table<RecomputeRow>
          size="small"
          rowKey="key"
          aria-label="重新计算前后对比"
          dataSource={[...rows]}
          pagination={rows.length > 12 ? { pageSize: 12 } : false}
          columns={[
            { title: '月份', render: (_: unknown, r) => r.before.month, width: 80 },
            { title: '场所', render: (_: unknown, r) => siteLabel(r.before.siteId, stores) },
            { title: '能源品种', render: (_: unknown, r) => `${r.before.energyType}${r.before.isItEquipment ? '（IT）' : ''}` },
            { title: '用量', align: 'right', render: (_: unknown, r) => `${formatAmount(r.before.amount)} ${r.before.unit}` },
            { title: '原系数', render: (_: unknown, r) => `${r.before.coefficient.value} ${r.before.coefficient.unit}` },
            { title: '新系数', render: (_: unknown, r) => <span title={r.after.coefficient.reference}>{r.after.coefficient.value} {r.after.coefficient.unit}</span> },
            { title: '原 tce', align: 'right', render: (_: unknown, r) => formatTce(r.before.tce) },
            { title: '新 tce', align: 'right', render: (_: unknown, r) => <Typography.Text strong>{formatTce(r.after.tce)}</Typography.Text> },
          ]}
        />
      </Space>
    </Modal>
  );
}
