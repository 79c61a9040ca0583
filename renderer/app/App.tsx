import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BackupProvider } from '../features/backup/BackupProvider';
import { AppShell } from './AppShell';
import { WorkspaceTransferProvider } from '../features/workspace/WorkspaceTransferProvider';
import { CurrentCompanyProvider } from './currentCompany';
import { VaultGate } from '../features/vault/VaultGate';

dayjs.locale('zh-cn');

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      // "保 存" with an inserted space reads oddly in a tool and breaks accessible names ("保存").
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          colorPrimary: '#1f5fbf',
          borderRadius: 6,
          fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, sans-serif',
        },
        components: { Layout: { bodyBg: '#f4f6f9', siderBg: '#ffffff', headerBg: '#ffffff' } },
      }}
    >
      <AntApp>
        {/* Nothing reads the store before the vault knows whether it is encrypted and has its key. */}
        <VaultGate>
          <CurrentCompanyProvider>
            <BackupProvider>
              <WorkspaceTransferProvider>
                <AppShell />
              </WorkspaceTransferProvider>
            </BackupProvider>
          </CurrentCompanyProvider>
        </VaultGate>
      </AntApp>
    </ConfigProvider>
  );
}
