import { CalendarOutlined } from '../../components/icons';
import type { AppRoute } from '../../app/routes';
import { lazyPage } from '../../app/lazyPage';

/** 期限跟踪 in the navigation (renderer/app/routes.tsx). */
export const DEADLINES_ROUTE: AppRoute = { path: '/deadlines', label: '期限跟踪', icon: <CalendarOutlined />, element: lazyPage(() => import('./DeadlinesPage').then((m) => m.DeadlinesPage)) };
