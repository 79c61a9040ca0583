import { Button, Layout, Menu, Typography, theme } from 'antd';
import { BellOutlined, SafetyCertificateOutlined } from '../components/navIcons';
import { assertNever } from '../../shared/util/assertNever';
import { lazy, Suspense, useEffect, useEffectEvent, useState } from 'react';
import type { MenuCommand } from '../../shared/ipc/contract';
import { useWorkspaceActions } from '../features/workspace/WorkspaceTransferProvider';
import { menuCommands } from '../platform/electronPlatform';
import { CompanySwitcher } from './CompanySwitcher';
import { LazyResult } from './LazyResult';
import { navigate, useHashLocation } from './hashLocation';
import { useIsPageShown } from './lazyPage';
import { APP_ROUTES, matchRoute } from './routes';

const { Header, Sider, Content } = Layout;

/**
 * The header's reminders are loaded after the first screen: they bring the duty store, the policy
 * data loader and the holiday calendar, which the page shown first may not need. Until then the
 * bell is shown, disabled, in its place.
 */
const ReminderBell = lazy(() => import('../features/deadlines/ReminderBell').then((m) => ({ default: m.ReminderBell })));
const BELL_PLACEHOLDER = <Button type="text" disabled aria-label="期限提醒" icon={<BellOutlined style={{ fontSize: 18 }} />} />;
/** The bell loads this long after start-up at the latest, even when no page has shown (an unknown address). */
const BELL_LATEST_MS = 5_000;

/**
 * Whether the reminders may load: once the first page is on screen and the window is idle, so
 * their knowledge base parsing (a task of about 0.5 s on a loaded machine) and duty worker do not
 * delay the page, or after BELL_LATEST_MS.
 */
function useIsBellDue(): boolean {
  const isPageShown = useIsPageShown();
  const [isDue, setIsDue] = useState(false);
  useEffect(() => {
    if (isDue) return;
    const latest = setTimeout(() => setIsDue(true), BELL_LATEST_MS);
    if (!isPageShown) return () => clearTimeout(latest);
    const idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(() => setIsDue(true), { timeout: 1_000 }) : null;
    const soon = idle === null ? setTimeout(() => setIsDue(true), 0) : null;
    return () => {
      clearTimeout(latest);
      if (idle !== null) cancelIdleCallback(idle);
      if (soon !== null) clearTimeout(soon);
    };
  }, [isDue, isPageShown]);
  return isDue;
}

export function AppShell() {
  const location = useHashLocation();
  const route = matchRoute(APP_ROUTES, location.path);
  const isBellDue = useIsBellDue();
  const { token } = theme.useToken();
  const { startImport, exportWorkspace } = useWorkspaceActions();

  // The native menu (Electron only; in a browser nothing arrives).
  const onMenuCommand = useEffectEvent((command: MenuCommand) => {
    switch (command) {
      case 'new-company':
        navigate('/companies?edit=new');
        return;
      case 'import-workspace':
        startImport();
        return;
      case 'export-workspace':
        exportWorkspace();
        return;
      case 'open-settings':
        navigate(APP_ROUTES.some((r) => r.path === '/settings') ? '/settings' : '/about');
        return;
      default:
        assertNever(command);
    }
  });
  useEffect(() => menuCommands.subscribe(onMenuCommand), []);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={208} theme="light" style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }} breakpoint="lg">
        <div style={{ height: 56, display: 'flex', alignItems: 'center', gap: 10, padding: '0 20px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
          <SafetyCertificateOutlined style={{ fontSize: 22, color: token.colorPrimary }} />
          <Typography.Text strong style={{ fontSize: 16 }}>企业合规工作台</Typography.Text>
        </div>
        <nav aria-label="主导航">
          <Menu
            mode="inline"
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            selectedKeys={route ? [route.path] : []}
            items={APP_ROUTES.map((r) => ({ key: r.path, icon: r.icon, label: <a href={`#${r.path}`}>{r.label}</a> }))}
            onClick={({ key }) => navigate(key)}
          />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            height: 56, lineHeight: '56px', padding: '0 24px', background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`, display: 'flex', alignItems: 'center', gap: 12,
          }}
        >
          <Typography.Text type="secondary">当前企业</Typography.Text>
          <CompanySwitcher />
          <div style={{ marginInlineStart: 'auto' }}>{isBellDue ? <Suspense fallback={BELL_PLACEHOLDER}><ReminderBell /></Suspense> : BELL_PLACEHOLDER}</div>
        </Header>
        <Content style={{ padding: 24, overflow: 'auto' }}>
          <main>
            {route ? route.element : <LazyResult status="404" title="页面不存在" subTitle={`没有“${location.path}”这个页面`} />}
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}
