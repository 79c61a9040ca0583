import { Form, Input } from 'antd';
import { useRepositories } from '../../../storage/repositories';
import { dutyName, saveAssignee, type AssigneeValues } from '../dutyActions';
import type { DutyRow } from '../dutyModel';
import { useActorName } from '../reminderSettings';
import { ActionModal } from './ActionModal';
import { ACTOR_FIELD } from './dutyFormParts';

/** 责任人: who in the company handles the duty. */
export function AssigneeDialog({ row, onClose }: { readonly row: DutyRow; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  return (
    <ActionModal<AssigneeValues>
      title={`责任人：${dutyName(row)}`}
      okText="保存"
      initialValues={{ assignee: row.duty.tracking?.assignee ?? '', actor }}
      onClose={onClose}
      onSubmit={(values) => saveAssignee(repositories, row, values)}
    >
      <Form.Item name="assignee" label="责任人">
        <Input maxLength={100} aria-label="责任人" />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}
