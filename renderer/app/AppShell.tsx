import { Button, Layout, Menu, Typography, theme } from 'antd';
import { BellOutlined, SafetyCertificateOutlined } from '../components/navIcons';
import { assertNever } from '../../shared/util/assertNever';
import { lazy, Suspense, useEffect, useEffectEvent } from 'react';
import type { MenuCommand } from '../../shared/ipc/contract';
import { useWorkspaceActions } from '../features/workspace/WorkspaceTransferProvider';
import { menuCommands } from '../platform/electronPlatform';
import { CompanySwitcher } from './CompanySwitcher';
import { LazyResult } from './LazyResult';
import { navigate, useHashLocation } from './hashLocation';
import { APP_ROUTES, matchRoute } from './routes';

const { Header, Sider, Content } = Layout;

/**
 * The header's reminders are loaded after the first screen: they bring the duty store, the policy
 * data loader and the holiday calendar, which the page shown first may not need. Until then the
 * bell is shown, disabled, in its place.
 */
const ReminderBell = lazy(() => import('../features/deadlines/ReminderBell').then((m) => ({ default: m.ReminderBell })));
const BELL_PLACEHOLDER = <Button type="text" disabled aria-label="期限提醒" icon={<BellOutlined style={{ fontSize: 18 }} />} />;

export function AppShell() {
  const location = useHashLocation();
  const route = matchRoute(APP_ROUTES, location.path);
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
          <div style={{ marginInlineStart: 'auto' }}><Suspense fallback={BELL_PLACEHOLDER}><ReminderBell /></Suspense></div>
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
