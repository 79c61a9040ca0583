import { Alert, Form, Input, Select } from 'antd';
import type { IsoDate } from '../../../../shared/domain/isoDate';
import { DateInput } from '../../../components/DateInput';
import { useRepositories, useStoredQuery } from '../../../storage/repositories';
import { describeBulkSelection, markBulkDone, type BulkDoneValues } from '../dutyActions';
import type { DutyRow } from '../dutyModel';
import { useActorName } from '../reminderSettings';
import { ActionModal } from './ActionModal';
import { ACTOR_FIELD, evidenceRequiredRule } from './dutyFormParts';

/** 批量标记完成: several open duties (a fleet's vehicles) with one date and one piece of evidence. */
export function BulkDoneDialog({ rows, today, onClose, onDone }: { readonly rows: readonly DutyRow[]; readonly today: IsoDate; readonly onClose: () => void; readonly onDone: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  const selection = describeBulkSelection(rows);
  const onlyCompany = selection.onlyCompanyId;
  const documents = useStoredQuery(async (repositories) => (onlyCompany === null ? [] : repositories.listDocuments(onlyCompany)), [onlyCompany]);
  return (
    <ActionModal<BulkDoneValues>
      title={`批量标记完成（${rows.length} 项）`}
      okText={`确认完成 ${rows.length} 项`}
      initialValues={{ doneOn: today, evidence: '', documentId: null, actor }}
      onClose={onClose}
      onSubmit={async (values) => {
        const said = await markBulkDone(repositories, { rows, today, values, libraryDocuments: documents ?? [] });
        onDone();
        return said;
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={selection.title} description={selection.description} />
      <Form.Item name="doneOn" label="完成日期" rules={[{ required: true, message: '请选择完成日期' }]}>
        <DateInput aria-label="完成日期" />
      </Form.Item>
      {onlyCompany !== null && (
        <Form.Item name="documentId" label="证明文件（材料库）">
          <Select<string>
            aria-label="证明文件"
            allowClear
            placeholder="不选择"
            options={(documents ?? []).map((d) => ({ value: d.id, label: `${d.kind}：${d.title.trim() || d.fileName}` }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name="evidence"
        label="证明材料说明"
        dependencies={['documentId']}
        rules={[evidenceRequiredRule('请选择证明文件或填写证明材料说明')]}
      >
        <Input.TextArea aria-label="证明材料" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1800} />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}
