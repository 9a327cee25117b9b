/** The frame around every screen after login: the side menu, the user, the language switch. */
import { lazy, Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Dropdown, Layout, Menu, Spin } from 'antd';
import { AppstoreOutlined, AuditOutlined, BookOutlined, CalendarOutlined, EnvironmentOutlined, FireOutlined, FormOutlined, SettingOutlined, SolutionOutlined, TableOutlined, UploadOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_NAMES } from '../../../shared/enums.ts';
import { useAuth } from './auth.tsx';
// The password dialog carries the form machinery: loaded only when it opens.
const ChangePassword = lazy(() => import('./ChangePassword.tsx').then((m) => ({ default: m.ChangePassword })));
// The outbox (IndexedDB) loads on its own: a phone's waiting records, sent when the network returns.
const OutboxBadge = lazy(() => import('./OutboxBadge.tsx'));
import { useI18n } from './i18n.tsx';
import { usePhone } from '../lib/media.ts';

/** Layout with the navigation. */
export default function Shell() {
  const { me, logout, hasRole, passwordChanged } = useAuth();
  const [pwOpen, setPwOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const phone = usePhone();
  const { t, n, lang, setLang } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const fieldRoles = hasRole('cadre', 'clerk', 'leader');
  const selected = location.pathname === '/' ? '/' : '/' + (location.pathname.split('/')[1] ?? '');
  const items = [
    { key: '/', icon: <AppstoreOutlined />, label: <Link to="/">{t('workbench')}</Link> },
    { key: '/issues', icon: <TableOutlined />, label: <Link to="/issues">{t('ledger')}</Link> },
    ...(hasRole('clerk', 'cadre', 'leader') ? [{ key: '/intake', icon: <FormOutlined />, label: <Link to="/intake">{t('intake')}</Link> }] : []),
    ...(fieldRoles ? [{ key: '/field', icon: <EnvironmentOutlined />, label: <Link to="/field" data-testid="menu-field">{t('field')}</Link> }] : []),
    { key: '/activities', icon: <CalendarOutlined />, label: <Link to="/activities" data-testid="menu-activities">{t('activities')}</Link> },
    { key: '/cadre-ledger', icon: <SolutionOutlined />, label: <Link to="/cadre-ledger" data-testid="menu-cadre-ledger">{t('cadreLedger')}</Link> },
    { key: '/cases', icon: <BookOutlined />, label: <Link to="/cases" data-testid="menu-cases">{t('cases')}</Link> },
    { key: '/hotspots', icon: <FireOutlined />, label: <Link to="/hotspots" data-testid="menu-hotspots">{t('hotspots')}</Link> },
    ...(hasRole('clerk', 'admin') ? [{ key: '/imports', icon: <UploadOutlined />, label: <Link to="/imports" data-testid="menu-imports">{t('imports')}</Link> }] : []),
    ...(hasRole('admin') ? [{ key: '/admin', icon: <SettingOutlined />, label: <Link to="/admin">{t('admin')}</Link> }] : []),
    ...(hasRole('admin', 'inspector') ? [{ key: '/audit', icon: <AuditOutlined />, label: <Link to="/audit" data-testid="menu-audit">{t('audit')}</Link> }] : []),
  ];
  const roles = [...new Set(me?.roles.map((r) => n(ROLE_NAMES[r.role])))].join('、');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={56} width={196} theme="dark" onCollapse={setCollapsed}>
        {/* Collapsed to icons (below 992 px), the menu has room for the short name only. */}
        <div data-testid="app-logo" style={{ color: '#fff', fontWeight: 600, fontSize: 16, padding: collapsed ? '16px 0 12px' : '16px 16px 12px', textAlign: collapsed ? 'center' : undefined, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed ? t('appShortName') : t('appName')}
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} />
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        {/* The header's buttons shrink (the name is cut, the roles are left out on a phone) rather than push past its left edge. */}
        <Layout.Header style={{ background: '#fff', padding: phone ? '0 8px' : '0 16px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: phone ? 4 : 12, borderBottom: '1px solid #f0f0f0', minWidth: 0 }}>
          {fieldRoles && <Suspense fallback={null}><OutboxBadge /></Suspense>}
          <Button type="text" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} style={{ flex: 'none' }} data-testid="lang-switch">{t('language')}</Button>
          <Dropdown menu={{ items: [
            { key: 'password', label: lang === 'zh' ? '修改密码' : 'Change password', onClick: () => setPwOpen(true) },
            { key: 'logout', label: t('logout'), onClick: () => { void logout().then(() => navigate('/login')); } },
          ] }}>
            <Button type="text" icon={<UserOutlined />} data-testid="user-menu" style={{ minWidth: 0, maxWidth: '100%' }}>
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {me?.displayName} <span className="yx-desk-only" style={{ marginLeft: 4, color: 'rgba(0,0,0,0.45)' }}>{roles}</span>
              </span>
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 8 : 16, minWidth: 0 }}>
          <Suspense fallback={<div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {(pwOpen || !!me?.mustChangePassword) && (
        <Suspense fallback={null}>
          <ChangePassword open forced={!!me?.mustChangePassword} onCancel={() => setPwOpen(false)}
            onDone={() => { setPwOpen(false); passwordChanged(); }} />
        </Suspense>
      )}
    </Layout>
  );
}
