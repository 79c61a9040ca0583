import { DeleteOutlined, EditOutlined, PlusOutlined, SyncOutlined } from '../../components/icons';
import { errorMessage } from '../../components/failureDialog';
import { App, Button, Card, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Store } from '../../../shared/domain/company';
import { GBT_2589_2020 } from '../../../shared/energy/coefficients';
import { BUILTIN_ENERGY_TYPES } from '../../../shared/energy/energyTypes';
import type { CoefficientOverride, Density, EnergyReading, EnergySettings } from '../../../shared/energy/ledger';
import { useRepositories } from '../../storage/repositories';
import { CoefficientModal, DensityModal } from './CoefficientDialogs';
import { saveSettingsChange, withoutCoefficient, withoutDensity } from './coefficientSettingsFlow';
import { RecomputeModal } from './RecomputeModal';

/**
 * 折标系数: the GB/T 2589-2020 defaults, the company's measured coefficients and densities.
 * Saving here changes only what NEW entries get; stored months keep their snapshot until the
 * user runs 重新计算历史月份 and confirms the before/after list.
 */
export function CoefficientSettings({ companyId, settings, readings, stores, year }: {
  readonly companyId: string;
  readonly settings: EnergySettings;
  readonly readings: readonly EnergyReading[];
  readonly stores: readonly Store[];
  readonly year: number;
}) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [editingCoefficient, setEditingCoefficient] = useState<{ readonly index: number | null } | null>(null);
  const [editingDensity, setEditingDensity] = useState<{ readonly index: number | null } | null>(null);
  const [isRecomputing, setIsRecomputing] = useState(false);

  const save = async (next: EnergySettings, done: string) => {
    void message.success(await saveSettingsChange(repositories, companyId, next, done));
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="电力折标口径">
        <Radio.Group
          aria-label="电力折标口径"
          value={settings.electricityBasis}
          onChange={(e) => void save({ ...settings, electricityBasis: e.target.value as EnergySettings['electricityBasis'] }, '已更改电力折标口径').catch((err: unknown) => message.error(errorMessage(err)))}
          options={[
            { value: '当量值', label: '当量值（0.1229 kgce/kWh，GB/T 2589-2020）' },
            { value: '等价值', label: '等价值（须在下方填写企业采用的系数及依据）' },
          ]}
        />
      </Card>

      <Card
        size="small"
        title="企业实测或有依据的折标系数"
        extra={<Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditingCoefficient({ index: null })}>添加系数</Button>}
      >
        <Table<CoefficientOverride & { readonly index: number }>
          size="small"
          rowKey="index"
          pagination={false}
          aria-label="企业折标系数"
          locale={{ emptyText: '尚未填写；新录入的月份使用下表的国家标准参考系数' }}
          dataSource={settings.coefficients.map((c, index) => ({ ...c, index }))}
          columns={[
            { title: '能源品种', dataIndex: 'energyType', render: (t: string) => <>{t}{!(BUILTIN_ENERGY_TYPES as readonly string[]).includes(t) && <Tag style={{ marginLeft: 4 }}>自定义</Tag>}</> },
            { title: '折标系数', dataIndex: 'value', align: 'right', render: (v: number, c) => `${v} kgce/${c.perUnit}` },
            { title: '口径', dataIndex: 'basis', render: (b: string | null) => b ?? '—' },
            { title: '来源', dataIndex: 'source' },
            { title: '依据', dataIndex: 'reference' },
            {
              title: '操作', width: 96, render: (_: unknown, c) => (
                <Space size={0}>
                  <Button type="text" aria-label={`编辑${c.energyType}系数`} icon={<EditOutlined />} onClick={() => setEditingCoefficient({ index: c.index })} />
                  <Popconfirm title={`删除${c.energyType}的系数？`} description="已录入的月份不受影响。" okText="删除" cancelText="取消" okButtonProps={{ danger: true }}
                    onConfirm={() => { void save(withoutCoefficient(settings, c.index), '已删除系数').catch((e: unknown) => message.error(errorMessage(e))); }}>
                    <Button type="text" danger aria-label={`删除${c.energyType}系数`} icon={<DeleteOutlined />} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title="油品密度（按升录入时使用）"
        extra={<Button size="small" icon={<PlusOutlined />} onClick={() => setEditingDensity({ index: null })}>添加密度</Button>}
      >
        <Table<Density & { readonly index: number }>
          size="small"
          rowKey="index"
          pagination={false}
          aria-label="油品密度"
          locale={{ emptyText: '尚未填写；汽油、柴油请按吨录入，或在此填写密度后按升录入' }}
          dataSource={settings.densities.map((d, index) => ({ ...d, index }))}
          columns={[
            { title: '能源品种', dataIndex: 'energyType' },
            { title: '密度', dataIndex: 'kgPerL', align: 'right', render: (v: number) => `${v} kg/L` },
            { title: '依据', dataIndex: 'reference' },
            {
              title: '操作', width: 96, render: (_: unknown, d) => (
                <Space size={0}>
                  <Button type="text" aria-label={`编辑${d.energyType}密度`} icon={<EditOutlined />} onClick={() => setEditingDensity({ index: d.index })} />
                  <Popconfirm title={`删除${d.energyType}的密度？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }}
                    onConfirm={() => { void save(withoutDensity(settings, d.index), '已删除密度').catch((e: unknown) => message.error(errorMessage(e))); }}>
                    <Button type="text" danger aria-label={`删除${d.energyType}密度`} icon={<DeleteOutlined />} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card size="small" title="重新计算历史月份" extra={<Button size="small" icon={<SyncOutlined />} onClick={() => setIsRecomputing(true)}>重新计算历史月份…</Button>}>
        <Typography.Text type="secondary">
          每条台账记录保存了录入时使用的折标系数。修改系数后，已录入的月份不会自动改变；如需改用新系数，请在此预览每条记录的前后差异并确认。
        </Typography.Text>
      </Card>

      <Card size="small" title={`国家标准参考系数（${GBT_2589_2020.standard.code}《${GBT_2589_2020.standard.title}》${GBT_2589_2020.tableRef}）`}>
        <Table
          size="small"
          rowKey={(e) => `${e.energyType}-${e.basis ?? ''}-${e.perUnit}`}
          pagination={false}
          aria-label="国家标准参考系数"
          dataSource={[...GBT_2589_2020.entries]}
          columns={[
            { title: '能源品种', dataIndex: 'energyType', render: (t: string, e) => `${t}${e.basis ? `（${e.basis}）` : ''}` },
            { title: '折标系数', dataIndex: 'value', align: 'right', render: (v: number, e) => `${v} kgce/${e.perUnit}` },
            { title: '平均低位发热量', dataIndex: 'heatValueText' },
            { title: '出处', dataIndex: 'reference' },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 4 }}>{GBT_2589_2020.scopeNote.replace(/，?见 withoutDefault/, '，见下')}</Typography.Paragraph>
        {GBT_2589_2020.withoutDefault.map((w) => (
          <Typography.Paragraph key={`${w.energyType}-${w.basis ?? ''}-${w.perUnit}`} type="secondary" style={{ marginBottom: 4 }}>
            <Typography.Text strong>{w.energyType}{w.basis ? `（${w.basis}）` : ''}（kgce/{w.perUnit}）无默认值：</Typography.Text>{w.note}
          </Typography.Paragraph>
        ))}
      </Card>

      {editingCoefficient && (
        <CoefficientModal settings={settings} index={editingCoefficient.index} onClose={() => setEditingCoefficient(null)} onSave={(next) => save(next, '已保存系数')} />
      )}
      {editingDensity && (
        <DensityModal settings={settings} index={editingDensity.index} onClose={() => setEditingDensity(null)} onSave={(next) => save(next, '已保存密度')} />
      )}
      {isRecomputing && <RecomputeModal readings={readings} settings={settings} stores={stores} year={year} onClose={() => setIsRecomputing(false)} />}
    </Space>
  );
}
