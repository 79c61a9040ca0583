import { DeleteOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined, PlusOutlined } from '../../components/icons';
import { Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { Person } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { addDays } from '../../../shared/domain/isoDate';
import { PERSON_ROLES } from '../../../shared/domain/vocabulary';
import { maskIdNumber } from '../../../shared/validation/idCard';
import type { Finding } from '../../../shared/validation/recordFindings';
import { describeSpan } from '../../components/display';
import { FindingTags } from '../../components/FindingTags';
import { EnergyTrainingLink } from '../energy/EnergyTrainingLink';
import { HistoryButton } from '../history/HistoryButton';
import { useHistoryDrawer } from '../history/useHistoryDrawer';
import { useEditorParam } from './editorParam';
import { useDeleteChild } from './useDeleteChild';
import { PersonFormModal } from './PersonFormModal';

export function PeopleTab({ record, findings }: { readonly record: CompanyRecord; readonly findings: ReadonlyMap<string, Finding[]> }) {
  const editor = useEditorParam('person');
  const removeChild = useDeleteChild();
  const history = useHistoryDrawer(record);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const storeName = (id: string | null) => (id === null ? null : (record.stores.find((s) => s.id === id)?.name ?? null));

  const toggleReveal = (id: string) =>
    setRevealed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.open('new')}>添加人员</Button>
        <Typography.Text type="secondary">身份证号码属于敏感个人信息，默认隐藏，仅在需要时显示。</Typography.Text>
      </Space>
      <Table<Person>
        rowKey="id"
        size="middle"
        dataSource={sortPeople(record.people)}
        pagination={record.people.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: '尚未添加人员' }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            width: 110,
            render: (_: unknown, p) => (
              <Space size={4}>
                <Typography.Text strong>{p.name}</Typography.Text>
                <FindingTags findings={findings.get(p.id)} />
              </Space>
            ),
          },
          { title: '岗位', dataIndex: 'roles', render: (_: unknown, p) => (p.roles.length ? <>{p.roles.map((r) => <Tag key={r}>{r}</Tag>)}<EnergyTrainingLink record={record} person={p} /></> : '—') },
          {
            title: '身份证号码',
            dataIndex: 'idNumber',
            width: 230,
            render: (_: unknown, p) =>
              p.idNumber === '' ? (
                <Typography.Text type="secondary">未填写</Typography.Text>
              ) : (
                <Space size={2}>
                  <Typography.Text style={{ fontFamily: 'monospace' }}>{revealed.has(p.id) ? p.idNumber : maskIdNumber(p.idNumber)}</Typography.Text>
                  <Tooltip title={revealed.has(p.id) ? '隐藏' : '显示完整号码'}>
                    <Button
                      type="text"
                      size="small"
                      aria-label={`${revealed.has(p.id) ? '隐藏' : '显示'}${p.name}的身份证号码`}
                      icon={revealed.has(p.id) ? <EyeInvisibleOutlined /> : <EyeOutlined />}
                      onClick={() => toggleReveal(p.id)}
                    />
                  </Tooltip>
                </Space>
              ),
          },
          {
            title: '劳动合同',
            width: 240,
            render: (_: unknown, p) => {
              if (p.isContractOpenEnded) return <Space size={4}>{p.contractStart ?? '起始日期未填'} 起 <Tag color="blue">无固定期限</Tag></Space>;
              if (!p.contractStart && !p.contractEnd) return <Typography.Text type="secondary">未录入</Typography.Text>;
              // A contract's end date is its last day, so the term runs to the day after it.
              const term = p.contractStart && p.contractEnd && p.contractEnd >= p.contractStart ? describeSpan(p.contractStart, addDays(p.contractEnd, 1)) : null;
              return (
                <Space orientation="vertical" size={0}>
                  <span>{`${p.contractStart ?? '?'} 至 ${p.contractEnd ?? '?'}`}</span>
                  {term && <Typography.Text type="secondary" style={{ fontSize: 12 }}>期限 {term}</Typography.Text>}
                </Space>
              );
            },
          },
          {
            title: '资格证书',
            render: (_: unknown, p) =>
              p.certificates.length === 0 ? '—' : (
                <Space orientation="vertical" size={0}>
                  {p.certificates.map((c, i) => (
                    <Typography.Text key={i}>
                      {c.kind}
                      {c.validTo ? <Typography.Text type="secondary">（至 {c.validTo}）</Typography.Text> : null}
                    </Typography.Text>
                  ))}
                </Space>
              ),
          },
          {
            title: '工作/执业注册门店',
            width: 170,
            render: (_: unknown, p) => {
              const work = storeName(p.storeId);
              const practice = storeName(p.practiceStoreId);
              if (!work && !practice) return '—';
              return (
                <Space orientation="vertical" size={0}>
                  {work && <span>工作：{work}</span>}
                  {practice && <span>执业注册：{practice}</span>}
                </Space>
              );
            },
          },
          {
            title: '操作',
            width: 132,
            render: (_: unknown, p) => (
              <Space size={0}>
                <Button type="text" aria-label={`编辑${p.name}`} icon={<EditOutlined />} onClick={() => editor.open(p.id)} />
                <HistoryButton name={p.name} onClick={() => history.open({ kind: 'record', table: 'people', entityId: p.id, title: `修改记录：${p.name}` })} />
                <Popconfirm title={`删除人员“${p.name}”？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => removeChild('people', p.id, `人员“${p.name}”`)}>
                  <Button type="text" danger aria-label={`删除${p.name}`} icon={<DeleteOutlined />} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editor.editing !== null && <PersonFormModal record={record} editing={editor.editing} onClose={editor.close} />}
      {history.drawer}
    </>
  );
}

/** Key people first (法定代表人, 主要负责人 …, in vocabulary order), then by name. */
function sortPeople(people: readonly Person[]): Person[] {
  const rank = (p: Person) => Math.min(PERSON_ROLES.length, ...p.roles.map((r) => PERSON_ROLES.indexOf(r)));
  return [...people].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh-CN'));
}
