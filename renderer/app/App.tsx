import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import { useSyncExternalStore } from 'react';
import 'dayjs/locale/zh-cn';
import { BackupProvider } from '../features/backup/BackupProvider';
import { AppShell } from './AppShell';
import { WorkspaceTransferProvider } from '../features/workspace/WorkspaceTransferProvider';
import { CurrentCompanyProvider } from './currentCompany';
import { VaultGate } from '../features/vault/VaultGate';

dayjs.locale('zh-cn');

/**
 * Whether the system asks for reduced motion (an accessibility setting on Windows and macOS):
 * antd's opening and closing animations are then turned off. End-to-end tests run with it, so a
 * click never lands on a dialog that is still zooming in.
 */
function usePrefersReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

export function App() {
  const prefersReducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider
      locale={zhCN}
      // "保 存" with an inserted space reads oddly in a tool and breaks accessible names ("保存").
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          motion: !prefersReducedMotion,
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
