/** The shell: language and theme, the logged-in user, routes (each screen its own lazily loaded chunk). */
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { I18nProvider, useI18n } from './i18n.tsx';
import { AuthProvider, useAuth } from './auth.tsx';
import { LookupsProvider } from './lookups.tsx';
import { THEME } from './theme.ts';

const LoginPage = lazy(() => import('../features/login/LoginPage.tsx'));
const Shell = lazy(() => import('./Shell.tsx'));
const WorkbenchPage = lazy(() => import('../features/workbench/WorkbenchPage.tsx'));
const LedgerPage = lazy(() => import('../features/ledger/LedgerPage.tsx'));
const IssueDetailPage = lazy(() => import('../features/issue/IssueDetailPage.tsx'));
const IntakePage = lazy(() => import('../features/intake/IntakePage.tsx'));
const AdminPage = lazy(() => import('../features/admin/AdminPage.tsx'));
const HotspotsPage = lazy(() => import('../features/hotspots/HotspotsPage.tsx'));
const ImportsPage = lazy(() => import('../features/imports/ImportsPage.tsx'));
const AuditPage = lazy(() => import('../features/audit/AuditPage.tsx'));
const ActivitiesPage = lazy(() => import('../features/activities/ActivitiesPage.tsx'));
const ActivityFormPage = lazy(() => import('../features/activities/ActivityFormPage.tsx'));
const ActivityDetailPage = lazy(() => import('../features/activities/ActivityDetailPage.tsx'));
const QrSheetPage = lazy(() => import('../features/activities/QrSheetPage.tsx'));
const ResearchReportPage = lazy(() => import('../features/activities/ResearchReportPage.tsx'));
const CasesPage = lazy(() => import('../features/cases/CasesPage.tsx'));
const IdeasPage = lazy(() => import('../features/cases/IdeasPage.tsx'));
const QuestionnairePage = lazy(() => import('../features/questionnaires/QuestionnairePage.tsx'));
const QuestionnaireBuilderPage = lazy(() => import('../features/questionnaires/QuestionnaireBuilderPage.tsx'));
const QuestionnaireFillPage = lazy(() => import('../features/questionnaires/QuestionnaireFillPage.tsx'));
const QuestionnaireQrPage = lazy(() => import('../features/questionnaires/QuestionnaireQrPage.tsx'));
const CadreLedgerPage = lazy(() => import('../features/activities/CadreLedgerPage.tsx'));
const OnsiteMinutesPage = lazy(() => import('../features/activities/OnsiteMinutesPage.tsx'));
const FieldCapturePage = lazy(() => import('../features/field/FieldCapturePage.tsx'));
const OutboxPage = lazy(() => import('../features/field/OutboxPage.tsx'));
const DocumentPage = lazy(() => import('../features/issue/DocumentPage.tsx'));
const NotFoundPage = lazy(() => import('../components/NotFoundPage.tsx'));

const loading = <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;

function RequireLogin({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const location = useLocation();
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <LookupsProvider>{children}</LookupsProvider>;
}

function Themed({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** The whole app. */
export function App() {
  return (
    <I18nProvider>
      <Themed>
        <AuthProvider>
          <BrowserRouter>
            <Suspense fallback={loading}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route element={<RequireLogin><Shell /></RequireLogin>}>
                  <Route index element={<WorkbenchPage />} />
                  <Route path="issues" element={<LedgerPage />} />
                  <Route path="issues/:id" element={<IssueDetailPage />} />
                  <Route path="documents/:id" element={<DocumentPage />} />
                  <Route path="intake" element={<IntakePage />} />
                  <Route path="field" element={<FieldCapturePage />} />
                  <Route path="outbox" element={<OutboxPage />} />
                  <Route path="hotspots" element={<HotspotsPage />} />
                  <Route path="imports" element={<ImportsPage />} />
                  <Route path="audit" element={<AuditPage />} />
                  <Route path="activities" element={<ActivitiesPage />} />
                  <Route path="activities/new" element={<ActivityFormPage />} />
                  <Route path="activities/:id" element={<ActivityDetailPage />} />
                  <Route path="activities/:id/edit" element={<ActivityFormPage />} />
                  <Route path="activities/:id/qr" element={<QrSheetPage />} />
                  <Route path="activities/:id/report" element={<ResearchReportPage />} />
                  <Route path="activities/:id/minutes" element={<OnsiteMinutesPage />} />
                  <Route path="activities/:id/questionnaires/new" element={<QuestionnaireBuilderPage />} />
                  <Route path="questionnaires/:id" element={<QuestionnairePage />} />
                  <Route path="questionnaires/:qid/edit" element={<QuestionnaireBuilderPage />} />
                  <Route path="questionnaires/:id/fill" element={<QuestionnaireFillPage />} />
                  <Route path="questionnaires/:id/qr" element={<QuestionnaireQrPage />} />
                  <Route path="cadre-ledger" element={<CadreLedgerPage />} />
                  <Route path="cases" element={<CasesPage />} />
                  <Route path="ideas" element={<IdeasPage />} />
                  <Route path="admin/*" element={<AdminPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </Themed>
    </I18nProvider>
  );
}
