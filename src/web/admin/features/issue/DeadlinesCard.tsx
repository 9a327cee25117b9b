/** The clocks: when each started and falls due, a countdown coloured by how close it is, 督办 marked. */
import { useEffect, useState } from 'react';
import { Card, Divider, Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import { DEADLINE_KIND_NAMES } from '../../../../shared/enums.ts';
import type { Deadline } from '../../api/types.ts';
import { fmtDateTime, useI18n, type Lang } from '../../app/i18n.tsx';
import { DueCountdown } from '../../components/DueCountdown.tsx';
import { useWords } from './words.ts';

const UNITS: Record<string, { zh: string; en: string }> = {
  calendar_days: { zh: '个自然日', en: 'calendar days' },
  working_days: { zh: '个工作日', en: 'working days' },
  hours: { zh: '小时', en: 'hours' },
};

/** `60 calendar_days + 30 calendar_days (extension); assigned …` in words. */
export function ruleText(rule: string, lang: Lang): string {
  const amount = (s: string) => s.replace(/(\d+) (calendar_days|working_days|hours)/g, (_m, n: string, u: string) => `${n} ${UNITS[u]![lang]}`);
  let s = rule.replace(/\s*\+\s*(\d+ \w+) \(extension\)/g, (_m, a: string) => (lang === 'zh' ? `，延期 ${amount(a)}` : `, extended by ${amount(a)}`));
  s = s.replace(/;\s*assigned (\S+)/g, (_m, at: string) => (lang === 'zh' ? `；交办时定为 ${fmtDateTime(at)}` : `; set at assignment to ${fmtDateTime(at)}`));
  return lang === 'zh' ? `时限：${amount(s)}`.replace(/ (个|小时)/g, '$1') : `Rule: ${amount(s)}`;
}

/** Re-render every minute so countdowns move. */
function useNow(ms = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** The petitioner's windows to ask for 复查/复核: not staff work, so never "overdue", just open or closed. */
const WINDOWS: readonly string[] = ['review_request', 're_review_request'];

/** The deadlines card: running clocks in full, ended ones compact below. */
export function DeadlinesCard({ deadlines }: { deadlines: Deadline[] }) {
  const { n, lang } = useI18n();
  const w = useWords();
  const now = useNow();
  const isWindow = (d: Deadline) => WINDOWS.includes(d.kind);
  const ended = (d: Deadline) => !!d.metAt || (isWindow(d) && Date.parse(d.dueAt) < now);
  const byStart = [...deadlines].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const running = byStart.filter((d) => !ended(d));
  const past = byStart.filter(ended).reverse();

  const tag = (d: Deadline) => {
    if (isWindow(d) && d.metAt) return <Tag>{w('windowEnded')}</Tag>;
    if (isWindow(d) && ended(d)) return <Tooltip title={fmtDateTime(d.dueAt)}><Tag>{w('windowClosed')}</Tag></Tooltip>;
    return <DueCountdown dueAt={d.dueAt} metAt={d.metAt} now={now} />;
  };
  const row = (d: Deadline, full: boolean) => (
    <div key={`${d.kind}-${d.startedAt}`} data-deadline-kind={d.kind} data-running={!ended(d)}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <span>
          <Tooltip title={ruleText(d.rule, lang)}>
            <Typography.Text strong={full} type={full ? undefined : 'secondary'}>{n(DEADLINE_KIND_NAMES[d.kind])}</Typography.Text>
          </Tooltip>
          {d.escalatedAt && (
            <Tooltip title={`${w('escalatedAt')} ${fmtDateTime(d.escalatedAt)}`}>
              <Tag color="red" style={{ marginLeft: 8 }} data-testid="escalated">{w('escalated')}</Tag>
            </Tooltip>
          )}
        </span>
        {tag(d)}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 2 }}>
        {w('started')} {fmtDateTime(d.startedAt)} · {w('due')} {fmtDateTime(d.dueAt)}
        {d.metAt && <> · {w(isWindow(d) ? 'windowEndedAt' : 'met')} {fmtDateTime(d.metAt)}</>}
      </Typography.Text>
      {full && <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{ruleText(d.rule, lang)}</Typography.Text>}
    </div>
  );

  return (
    <Card size="small" title={w('deadlines')} data-testid="deadlines">
      {deadlines.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={w('noDeadlines')} />}
      {running.length > 0 && <Flex vertical gap={12}>{running.map((d) => row(d, true))}</Flex>}
      {past.length > 0 && (
        <>
          {running.length > 0 && <Divider plain style={{ margin: '12px 0 8px', fontSize: 12 }}>{w('endedClocks')}</Divider>}
          <Flex vertical gap={6}>{past.map((d) => row(d, false))}</Flex>
        </>
      )}
    </Card>
  );
}
