import { DeleteOutlined, EyeOutlined, PaperClipOutlined, UploadOutlined } from '../../components/icons';
import { errorMessage } from '../../components/failureDialog';
import { App, Button, Modal, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { NewAttachment } from '../../storage/energyRepository';
import { useAttachmentInfo } from './energyHooks';
import { isImage, loadEvidence, pickEvidenceFile, saveEvidenceCopy, type EvidenceContent } from './evidence';
import { useRepositories } from '../../storage/repositories';

/** A record's evidence: the stored file it references, or a file picked and not yet saved. */
export interface EvidenceValue {
  readonly documentId: string | null;
  readonly pending: NewAttachment | null;
}

export const NO_EVIDENCE: EvidenceValue = { documentId: null, pending: null };

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Attach, replace, view or remove one evidence file. The file is stored when the form saves. */
export function EvidenceField({ companyId, value, onChange, label }: {
  readonly companyId: string;
  readonly value: EvidenceValue;
  readonly onChange: (value: EvidenceValue) => void;
  /** Accessible name of the attach button, e.g. "添加凭证". */
  readonly label: string;
}) {
  const { message } = App.useApp();
  const info = useAttachmentInfo([value.documentId]);
  const [viewing, setViewing] = useState<string | null>(null);

  const pick = () => {
    void (async () => {
      try {
        const picked = await pickEvidenceFile(companyId);
        if (picked) onChange({ documentId: picked.id, pending: picked });
      } catch (e) {
        void message.error(errorMessage(e));
      }
    })();
  };

  const stored = value.documentId && !value.pending ? info?.get(value.documentId) : undefined;
  return (
    <Space wrap size={4}>
      {value.pending && (
        <Typography.Text>
          <PaperClipOutlined /> {value.pending.fileName}
          <Typography.Text type="secondary">（{formatSize(value.pending.bytes.byteLength)}，保存后附加）</Typography.Text>
        </Typography.Text>
      )}
      {stored && (
        <>
          <Typography.Text><PaperClipOutlined /> {stored.fileName}</Typography.Text>
          <Button size="small" icon={<EyeOutlined />} onClick={() => setViewing(stored.id)}>查看</Button>
        </>
      )}
      {value.documentId && !value.pending && info !== undefined && !stored && (
        <Typography.Text type="warning">凭证文件（编号 {value.documentId}）不在本机，可重新附加</Typography.Text>
      )}
      <Button size="small" icon={<UploadOutlined />} aria-label={label} onClick={pick}>{value.documentId ? '更换' : label}</Button>
      {value.documentId && (
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="移除凭证" onClick={() => onChange(NO_EVIDENCE)} />
      )}
      {viewing && <EvidenceViewer documentId={viewing} onClose={() => setViewing(null)} />}
    </Space>
  );
}

/** A link-sized button that opens a stored evidence file; shows nothing without one. */
export function EvidenceLink({ documentId, text = '凭证' }: { readonly documentId: string | null; readonly text?: string }) {
  const [isOpen, setIsOpen] = useState(false);
  if (!documentId) return null;
  return (
    <>
      <Button type="link" size="small" icon={<PaperClipOutlined />} style={{ padding: 0 }} onClick={() => setIsOpen(true)}>{text}</Button>
      {isOpen && <EvidenceViewer documentId={documentId} onClose={() => setIsOpen(false)} />}
    </>
  );
}

function EvidenceViewer({ documentId, onClose }: { readonly documentId: string; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [content, setContent] = useState<EvidenceContent | null | undefined>(undefined);
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    let objectUrl: string | null = null;
    void loadEvidence(repositories, documentId).then((loaded) => {
      if (!isCurrent) return;
      setContent(loaded);
      if (loaded && isImage(loaded.mimeType)) {
        objectUrl = URL.createObjectURL(loaded.blob);
        setUrl(objectUrl);
      }
    });
    return () => {
      isCurrent = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [repositories, documentId]);

  const saveCopy = () => {
    if (!content) return;
    void saveEvidenceCopy(content).catch((e: unknown) => message.error(errorMessage(e, { lead: '保存失败' })));
  };

  return (
    <Modal
      open
      title={content ? `凭证：${content.fileName}` : '凭证'}
      width={760}
      onCancel={onClose}
      footer={[
        <Button key="save" disabled={!content} onClick={saveCopy}>另存副本</Button>,
        <Button key="close" type="primary" onClick={onClose}>关闭</Button>,
      ]}
    >
      {content === undefined && <Spin />}
      {content === null && <Typography.Text type="warning">找不到该凭证文件（编号 {documentId}），可能已被删除。</Typography.Text>}
      {content && url && <img src={url} alt={content.fileName} style={{ maxWidth: '100%', maxHeight: '70vh', display: 'block', margin: '0 auto' }} />}
      {content && !url && <Typography.Text>该文件不是图片，请“另存副本”后用其他程序打开。</Typography.Text>}
    </Modal>
  );
}
