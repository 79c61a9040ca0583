// Vite inlines only the used field of package.json, so the page shows the version it was built as.
import { version } from '../../package.json';

export const APP_VERSION: string = version;
