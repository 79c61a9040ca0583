import './app/zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installPlatform } from './platform/electronPlatform';
import { requestPersistentStorage } from './storage/persistence';

// Native dialogs in Electron; the browser build keeps the download/file-input platform.
installPlatform();
void requestPersistentStorage();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
