import { Spin } from 'antd';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { LazyResult } from '../../app/LazyResult';
import { initializeVault, sweepFiles, type VaultStatus } from '../../storage/vaultOperations';
import { appVaultDeps } from '../../storage/vaultAccess';
import { errorMessage } from '../../components/failureDialog';

// The passphrase form is needed only for an encrypted store that the OS does not open: its own chunk.
const UnlockScreen = lazy(() => import('./UnlockScreen'));

/**
 * Opens the store before anything reads it: unencrypted stores and stores whose key the OS
 * holds open at once; otherwise (the browser build, or data restored from another machine) the
 * recovery passphrase is asked for here. Files a previous session left unsealed (the window was
 * closed while encryption was being turned on) are sealed in the background after unlocking.
 */
export function VaultGate({ children }: { readonly children: ReactNode }) {
  const [status, setStatus] = useState<VaultStatus | 'opening'>('opening');
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    initializeVault(appVaultDeps()).then((next) => {
      if (isCurrent) setStatus(next);
    }, (error: unknown) => {
      if (isCurrent) setFailure(errorMessage(error));
    });
    return () => {
      isCurrent = false;
    };
  }, []);

  useEffect(() => {
    if (status !== 'unlocked') return;
    sweepFiles(appVaultDeps(), true).catch((error: unknown) => console.warn('[vault] sealing remaining files failed', error));
  }, [status]);

  if (failure !== null) {
    return <LazyResult status="error" title="无法打开数据" subTitle={failure} />;
  }
  if (status === 'opening') {
    return <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}><Spin size="large" aria-label="正在打开数据" /></div>;
  }
  if (status === 'locked') {
    return (
      <Suspense fallback={<div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}><Spin size="large" aria-label="正在打开数据" /></div>}>
        <UnlockScreen onUnlocked={() => setStatus('unlocked')} />
      </Suspense>
    );
  }
  return children;
}
