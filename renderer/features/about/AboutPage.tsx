import { Card, Descriptions, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { APP_VERSION } from '../../app/appVersion';
import { estimateStorage, requestPersistentStorage, type PersistenceState, type StorageEstimate } from '../../storage/persistence';

const PERSISTENCE_LABEL: Record<PersistenceState, { readonly color: string; readonly text: string }> = {
  granted: { color: 'success', text: '已获准持久保存（存储空间紧张时浏览器不会自动清除）' },
  denied: { color: 'warning', text: '未获准持久保存：存储空间紧张时数据可能被清除，请定期在“设置”中备份' },
  unsupported: { color: 'default', text: '当前环境不支持持久存储申请，请定期在“设置”中备份' },
  pending: { color: 'processing', text: '正在申请…' },
};

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export function AboutPage() {
  const [persistence, setPersistence] = useState<PersistenceState>('pending');
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);

  useEffect(() => {
    let isActive = true;
    void requestPersistentStorage().then((s) => isActive && setPersistence(s));
    void estimateStorage().then((e) => isActive && setEstimate(e));
    return () => {
      isActive = false;
    };
  }, []);

  const label = PERSISTENCE_LABEL[persistence];
  return (
    <Card title="数据与关于">
      <Descriptions column={1} bordered size="middle" styles={{ label: { width: 180 } }}>
        <Descriptions.Item label="应用">企业合规工作台 {APP_VERSION}</Descriptions.Item>
        <Descriptions.Item label="数据存放位置">仅保存在本机（IndexedDB），不上传任何服务器</Descriptions.Item>
        <Descriptions.Item label="持久存储">
          <Tag color={label.color}>{persistence === 'granted' ? '已授予' : persistence === 'pending' ? '申请中' : '未授予'}</Tag>
          <Typography.Text type="secondary">{label.text}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="已用空间">
          {estimate ? `${formatBytes(estimate.usageBytes)}（可用上限约 ${formatBytes(estimate.quotaBytes)}）` : '无法获取'}
        </Descriptions.Item>
        <Descriptions.Item label="备份">
          在<a href="#/settings">“设置 › 备份与恢复”</a>中备份全部数据和文档文件，或从备份恢复（桌面版在有改动时和退出时自动备份）。
          “企业”页的“导出工作区”可导出工作区文件（仅记录）或工作区包（另含全部材料文件），用于在另一台电脑“导入工作区”；导出的文件不加密，请按敏感文件保管。
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
