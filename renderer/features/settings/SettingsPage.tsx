import { Space } from 'antd';
import { BackupSection } from '../backup/BackupSection';
import { EncryptionSection } from '../vault/EncryptionSection';

/**
 * 设置: one card per area. Other features add their section below as another card.
 */
export function SettingsPage() {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <BackupSection />
      <EncryptionSection />
    </Space>
  );
}
