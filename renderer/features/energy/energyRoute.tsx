import { ThunderboltOutlined } from '../../components/icons';
import type { AppRoute } from '../../app/routes';
import { lazyPage } from '../../app/lazyPage';

/** The navigation entry of the energy ledger, kept here so the registry needs one line for it. */
export const ENERGY_ROUTE: AppRoute = { path: '/energy', label: '能源', icon: <ThunderboltOutlined />, element: lazyPage(() => import('./EnergyPage').then((m) => m.EnergyPage)) };
