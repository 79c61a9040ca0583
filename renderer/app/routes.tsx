import { BankOutlined, CalendarOutlined, DashboardOutlined, FolderOpenOutlined, InfoCircleOutlined, ReadOutlined, SettingOutlined, ThunderboltOutlined } from '../components/navIcons';
import type { ReactNode } from 'react';
import { lazyPage } from './lazyPage';

/**
 * The navigation registry: one entry per page, in menu order. A page owns every path under its
 * `path` ('/companies' also serves '/companies/<id>'); read the rest of the location with
 * `useHashLocation()` from ./hashLocation and move with `navigate('/path')`.
 *
 * This list is the one place a page is registered: feature pages add ONE line each at their place
 * below (a feature does not export its own route object, so nothing here imports back), e.g.
 *   { path: '/overview', label: '合规概览', icon: <DashboardOutlined />, element: <OverviewPage /> },
 * and read the selected company with `useCurrentCompany()` / `useCurrentCompanyRecord()`
 * (./currentCompany) or wrap their content in `<RequireCompany>` (./RequireCompany).
 */
export interface AppRoute {
  /** '/name', one segment. */
  readonly path: string;
  /** Menu label, Chinese. */
  readonly label: string;
  readonly icon: ReactNode;
  readonly element: ReactNode;
  /** Starts loading the page's code ahead of its first render (main.tsx, for the page in the address). */
  readonly preload?: () => void;
}

export const APP_ROUTES: readonly AppRoute[] = [
  { path: '/overview', label: '合规概览', icon: <DashboardOutlined />, ...lazyPage(() => import('../features/overview/OverviewPage').then((m) => m.OverviewPage)) },
  { path: '/companies', label: '企业', icon: <BankOutlined />, ...lazyPage(() => import('../features/companies/CompaniesPage').then((m) => m.CompaniesPage)) },
  { path: '/policies', label: '政策库', icon: <ReadOutlined />, ...lazyPage(() => import('../features/policies/PoliciesPage').then((m) => m.PoliciesPage)) },
  { path: '/deadlines', label: '期限跟踪', icon: <CalendarOutlined />, ...lazyPage(() => import('../features/deadlines/DeadlinesPage').then((m) => m.DeadlinesPage)) },
  { path: '/filings', label: '材料与申报', icon: <FolderOpenOutlined />, ...lazyPage(() => import('../features/filings/FilingsPage').then((m) => m.FilingsPage)) },
  { path: '/energy', label: '能源', icon: <ThunderboltOutlined />, ...lazyPage(() => import('../features/energy/EnergyPage').then((m) => m.EnergyPage)) },
  { path: '/settings', label: '设置', icon: <SettingOutlined />, ...lazyPage(() => import('../features/settings/SettingsPage').then((m) => m.SettingsPage)) },
  { path: '/about', label: '数据与关于', icon: <InfoCircleOutlined />, ...lazyPage(() => import('../features/about/AboutPage').then((m) => m.AboutPage)) },
];

/** The route serving `path`: exact match or the route whose path is a segment prefix of it. */
export function matchRoute(routes: readonly AppRoute[], path: string): AppRoute | undefined {
  return routes.find((r) => path === r.path || path.startsWith(`${r.path}/`));
}
