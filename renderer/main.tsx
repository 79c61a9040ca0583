import './app/zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { parseHash } from './app/hashLocation';
import { APP_ROUTES, matchRoute } from './app/routes';
import { prefetchBundledPack } from './features/policies/bundledPack';
import { installPlatform } from './platform/electronPlatform';
import { requestPersistentStorage } from './storage/persistence';

// Native dialogs in Electron; the browser build keeps the download/file-input platform.
installPlatform();
void requestPersistentStorage();

// Downloads that need nothing from the first render start before it (it is one long task of
// about a second on a loaded machine): the code of the page in the address and the bundled
// knowledge base, which 合规概览 waits for.
matchRoute(APP_ROUTES, parseHash(window.location.hash).path)?.preload?.();
prefetchBundledPack();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
