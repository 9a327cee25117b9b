/** "Not found": also what an out-of-scope issue looks like (the API never says it exists). */
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../app/i18n.tsx';

/** The not-found page. */
export default function NotFoundPage() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('notFound')} extra={<Link to="/"><Button type="primary">{t('backHome')}</Button></Link>} data-testid="not-found" />;
}
