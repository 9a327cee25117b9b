/** 系统管理: the org tree, users and roles, categories, deadline rules, the holiday calendar and the document templates, one tab each at /admin/<tab>. */
import { Navigate, useNavigate, useParams } from 'react-router';
import { Card, Result, Tabs } from 'antd';
import { useAuth } from '../../app/auth.tsx';
import { usePhone } from '../../lib/media.ts';
import { useAdminT, type AdminWord } from './common.tsx';
import OrgTab from './OrgTab.tsx';
import UsersTab from './UsersTab.tsx';
import CategoriesTab from './CategoriesTab.tsx';
import DeadlinesTab from './DeadlinesTab.tsx';
import CalendarTab from './CalendarTab.tsx';
import TemplatesTab from './TemplatesTab.tsx';

const TABS: { key: string; label: AdminWord; Component: () => React.ReactNode }[] = [
  { key: 'org', label: 'tabOrg', Component: OrgTab },
  { key: 'users', label: 'tabUsers', Component: UsersTab },
  { key: 'categories', label: 'tabCategories', Component: CategoriesTab },
  { key: 'deadlines', label: 'tabDeadlines', Component: DeadlinesTab },
  { key: 'calendar', label: 'tabCalendar', Component: CalendarTab },
  { key: 'templates', label: 'tabTemplates', Component: TemplatesTab },
];

/** The administration screen (admins only; the menu entry is hidden from others, and the API refuses them too). */
export default function AdminPage() {
  const { hasRole } = useAuth();
  const t = useAdminT();
  const navigate = useNavigate();
  const phone = usePhone();
  const sub = (useParams()['*'] ?? '').split('/')[0] ?? '';
  if (!hasRole('admin')) return <Result status="403" title="403" subTitle={t('adminOnly')} data-testid="admin-forbidden" />;
  const tab = TABS.find((x) => x.key === sub);
  if (!tab) return <Navigate to="/admin/org" replace />;
  return (
    <Card variant="borderless" styles={{ body: { paddingTop: 4, ...(phone ? { paddingInline: 12 } : {}) } }}>
      <Tabs
        className="yx-wrap-tabs"
        activeKey={tab.key}
        onChange={(k) => navigate(`/admin/${k}`)}
        destroyOnHidden
        items={TABS.map(({ key, label, Component }) => ({
          key,
          label: <span data-testid={`admin-tab-${key}`}>{t(label)}</span>,
          children: key === tab.key ? <Component /> : null,
        }))}
      />
    </Card>
  );
}
