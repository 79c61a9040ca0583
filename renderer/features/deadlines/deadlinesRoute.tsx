import { CalendarOutlined } from '@ant-design/icons';
import type { AppRoute } from '../../app/routes';
import { DeadlinesPage } from './DeadlinesPage';

/** 期限跟踪 in the navigation (renderer/app/routes.tsx). */
export const DEADLINES_ROUTE: AppRoute = { path: '/deadlines', label: '期限跟踪', icon: <CalendarOutlined />, element: <DeadlinesPage /> };
