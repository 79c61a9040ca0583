import { Button, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { IsoDate } from '../../../../shared/domain/isoDate';
import { FormDateInput } from '../../../components/DateInput';
import { failureMessage } from '../../../components/failureDialog';
import { validDateRule } from '../../../components/fieldRules';
import { useRepositories, useStoredQuery } from '../../../storage/repositories';
import { checkPickedFile } from '../../filings/fileImport';
import { dutyName, markDone, type MarkDoneValues, type PendingProof } from '../dutyActions';
import type { DutyRow } from '../dutyModel';
import { useActorName } from '../reminderSettings';
import { ActionModal } from './ActionModal';
import { ACTOR_FIELD, DutyFacts, evidenceRequiredRule } from './dutyFormParts';

/** 上传新的证明文件: a form field holding the picked, checked file; a refused file is named where it was picked. */
function ProofUpload({ value, onChange }: { readonly value?: PendingProof | null; readonly onChange?: (value: PendingProof | null) => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isChecking, setIsChecking] = useState(false);
  const pick = async (file: File) => {
    setProblem(null);
    setIsChecking(true);
    const result = await checkPickedFile(file);
    setIsChecking(false);
    if (!result.ok) {
      setProblem(failureMessage(result.error));
      return;
    }
    onChange?.({ file, checked: result.value });
  };
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap>
        <Button loading={isChecking} onClick={() => inputRef.current?.click()}>{value ? '换一个文件…' : '上传新的证明文件…'}</Button>
        {value && <Tag closable onClose={(e) => {
          e.preventDefault();
          onChange?.(null);
        }}>{value.file.name}</Tag>}
      </Space>
      <input ref={inputRef} type="file" aria-label="选择证明文件" style={{ display: 'none' }} accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx" onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) void pick(file);
      }} />
      {problem !== null && <Typography.Text type="danger" role="alert">{problem}</Typography.Text>}
    </Space>
  );
}

/** 标记完成: the date and what proves it (a new file, a library document or a description); dutyActions.markDone stores it. */
export function MarkDoneDialog({ row, today, onClose }: { readonly row: DutyRow; readonly today: IsoDate; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  const documents = useStoredQuery((repositories) => repositories.listDocuments(row.companyId), [row.companyId]);
  return (
    <ActionModal<MarkDoneValues>
      title={`标记完成：${dutyName(row)}`}
      okText="确认完成"
      initialValues={{ doneOn: today, evidence: '', documentId: null, proof: null, actor }}
      onClose={onClose}
      onSubmit={(values) => markDone(repositories, { row, today, values, libraryDocuments: documents ?? [] })}
    >
      <DutyFacts row={row} />
      <Form.Item name="doneOn" label="完成日期" rules={[{ required: true, message: '请选择完成日期' }, validDateRule('完成日期')]}>
        <FormDateInput aria-label="完成日期" />
      </Form.Item>
      <Form.Item name="proof" label="上传新的证明文件" extra="上传的文件存入本企业的文件库（材料与申报 › 文件库），并记在本事项的证明材料中">
        <ProofUpload />
      </Form.Item>
      <Form.Item
        name="documentId"
        label="证明文件（材料库）"
        extra={documents !== undefined && documents.length === 0 ? '本企业的材料库中还没有文件；可在“材料与申报”中添加，或在下方说明证明材料。' : '可选：选择材料库中的回执、证照或通知书'}
      >
        <Select<string>
          aria-label="证明文件"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="不选择"
          loading={documents === undefined}
          options={(documents ?? []).map((d) => ({ value: d.id, label: `${d.kind}：${d.title.trim() || d.fileName}${d.hasFile ? '' : '（仅信息，无文件）'}` }))}
        />
      </Form.Item>
      <Form.Item
        name="evidence"
        label="证明材料说明"
        dependencies={['documentId', 'proof']}
        rules={[evidenceRequiredRule('请上传或选择证明文件，或填写证明材料说明（回执编号、存放位置等）')]}
        extra="如：备案回执编号、主管部门受理通知书、变更后的行驶证复印件（存放位置）等"
      >
        <Input.TextArea aria-label="证明材料" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1800} />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}
