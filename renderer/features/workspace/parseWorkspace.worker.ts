import '../../app/zodConfig';
import { decodeWorkspaceBytes } from './workspaceCodec';

/** Parses a workspace file off the page's thread, so a 100 MB file does not freeze the window. */
self.onmessage = (event: MessageEvent<ArrayBuffer>) => {
  self.postMessage(decodeWorkspaceBytes(new Uint8Array(event.data)));
};
