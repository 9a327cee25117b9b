/** A due time as a countdown: green with time to spare, orange within a day, red when overdue, grey when met. */
import { Tag, Tooltip } from 'antd';
import { fmtDateTime, useI18n } from '../app/i18n.tsx';

function span(ms: number, lang: 'zh' | 'en'): string {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  if (lang === 'en') return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : `${m}m`;
  return d > 0 ? `${d}天${h}小时` : h > 0 ? `${h}小时${m}分` : `${m}分钟`;
}

/** The countdown tag for one clock. */
export function DueCountdown({ dueAt, metAt, now = Date.now() }: { dueAt: string | null; metAt?: string | null; now?: number }) {
  const { lang } = useI18n();
  if (!dueAt) return <span>—</span>;
  const due = Date.parse(dueAt);
  if (metAt) {
    const late = Date.parse(metAt) > due;
    return (
      <Tooltip title={fmtDateTime(dueAt)}>
        <Tag color={late ? 'red' : 'default'}>{late ? (lang === 'zh' ? '逾期办结' : 'met late') : (lang === 'zh' ? '按期完成' : 'met on time')}</Tag>
      </Tooltip>
    );
  }
  const left = due - now;
  const colour = left < 0 ? 'red' : left < 86_400_000 ? 'orange' : left < 3 * 86_400_000 ? 'gold' : 'green';
  const text = left < 0 ? (lang === 'zh' ? `已超期 ${span(left, lang)}` : `${span(left, lang)} overdue`) : (lang === 'zh' ? `剩余 ${span(left, lang)}` : `${span(left, lang)} left`);
  return <Tooltip title={fmtDateTime(dueAt)}><Tag color={colour} data-overdue={left < 0}>{text}</Tag></Tooltip>;
}
