import { FolderOpenOutlined } from '../../components/icons';
import type { AppRoute } from '../../app/routes';
import { lazyPage } from '../../app/lazyPage';

/** The navigation entry of 材料与申报, kept here so the registry needs one line for it. */
export const FILINGS_ROUTE: AppRoute = { path: '/filings', label: '材料与申报', icon: <FolderOpenOutlined />, element: lazyPage(() => import('./FilingsPage').then((m) => m.FilingsPage)) };
