import { Alert, Checkbox, Flex, Table, Typography } from 'antd';
import type { FactDiff } from './libraryRecognition';
import type { LibraryRecognised } from './libraryRecognitionWrite';

/*
 * The document library's 识别并核对 (issue 18), as shown in the 登记材料 dialog: the stored facts
 * that differ from the confirmed review, each with 更新 (ticked by default). Written on 保存 by
 * libraryRecognitionWrite.ts.
 */

export function RecognisedFacts({ recognised, onTick }: { readonly recognised: LibraryRecognised; readonly onTick: (ticked: ReadonlySet<string>) => void }) {
  const { plan, note, fillNotes, ticked } = recognised;
  const notes = [...fillNotes, ...plan.notes];
  const toggle = (key: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(key);
    else next.delete(key);
    onTick(next);
  };
  return (
    <Flex vertical gap={12} role="region" aria-label="识别结果与已登记信息">
      <Alert type="success" showIcon title={`已按${note.text.replace(/^来源：/, '')}的结果填入左侧，请核对后保存`} />
      {notes.length > 0 && (
        <Alert type="warning" showIcon title="请注意" description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{notes.map((n) => <li key={n}>{n}</li>)}</ul>} />
      )}
      {plan.target !== null && (
        <>
          <Typography.Text strong>与已登记的{plan.target.label}比对</Typography.Text>
          {plan.diffs.length === 0
            ? <Typography.Text type="secondary">已登记的信息与识别结果一致，无需更新。</Typography.Text>
            : (
              <Table<FactDiff>
                rowKey="key" size="small" pagination={false} tableLayout="fixed" dataSource={[...plan.diffs]} aria-label="识别结果与已登记信息的差异"
                columns={[
                  { title: '项目', dataIndex: 'label', width: 124 },
                  { title: '已登记', render: (_, d) => <Typography.Paragraph style={{ marginBottom: 0 }} ellipsis={{ rows: 2, tooltip: d.stored }}>{d.stored === '' ? '（空）' : d.stored}</Typography.Paragraph> },
                  { title: '识别结果', render: (_, d) => <Typography.Paragraph style={{ marginBottom: 0 }} ellipsis={{ rows: 2, tooltip: d.confirmed }}>{d.confirmed}</Typography.Paragraph> },
                  { title: '更新', width: 60, render: (_, d) => <Checkbox aria-label={`更新${d.label}`} checked={ticked.has(d.key)} onChange={(e) => toggle(d.key, e.target.checked)} /> },
                ]}
              />
            )}
          {plan.diffs.length > 0 && <Typography.Text type="secondary">勾选的项目在保存材料时一并更新，修改记录注明识别来源；未勾选的保持原值。</Typography.Text>}
        </>
      )}
    </Flex>
  );
}
