/** What happened to the issue, oldest first: who did what when, the status it moved between, and what they wrote. */
import { Alert, Card, Empty, Flex, Timeline, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { IssueStatus } from '../../../../shared/lifecycle.ts';
import { STATUS_INFO } from '../../../../shared/lifecycle.ts';
import type { TimelineEvent } from '../../api/types.ts';
import { fmtDateTime, useI18n } from '../../app/i18n.tsx';
import { useLookups } from '../../app/lookups.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { eventColour, eventLines, eventName } from './eventText.tsx';
import { useWords } from './words.ts';

const isStatus = (s: string | null): s is IssueStatus => !!s && s in STATUS_INFO;

/** The timeline card. */
export function IssueTimeline({ events, unitNames, error }: { events: TimelineEvent[] | null; unitNames: Record<string, string>; error: string | null }) {
  const { n, lang } = useI18n();
  const lookups = useLookups();
  // The API names every unit its events mention; the user's unit list is only a fallback.
  const unitName = (id: number | null | undefined) => (id != null && unitNames[String(id)]) || lookups.unitName(id);
  const w = useWords();
  const sorted = [...(events ?? [])].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  return (
    <Card size="small" title={w('timeline')} loading={events === null && !error}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {events && sorted.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={w('noEvents')} />}
      {sorted.length > 0 && (
        <Timeline
          data-testid="timeline"
          style={{ marginTop: 8 }}
          items={sorted.map((ev) => {
            const lines = eventLines(ev, { lang, unitName });
            const moved = isStatus(ev.fromStatus) && isStatus(ev.toStatus) && ev.fromStatus !== ev.toStatus;
            return {
              key: ev.id,
              color: eventColour(ev.type),
              content: (
                <div data-event-type={ev.type} data-event-id={ev.id}>
                  <Flex wrap gap={8} align="center">
                    <Typography.Text strong>{n(eventName(ev.type))}</Typography.Text>
                    <Typography.Text type="secondary">{ev.actorName ?? w('system')}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtDateTime(ev.at)}</Typography.Text>
                    {moved && (
                      <span data-testid="event-status" style={{ whiteSpace: 'nowrap' }}>
                        <StatusTag status={ev.fromStatus as IssueStatus} />
                        <ArrowRightOutlined style={{ fontSize: 11, color: '#999', marginRight: 8 }} />
                        <StatusTag status={ev.toStatus as IssueStatus} />
                      </span>
                    )}
                    {!moved && !ev.fromStatus && isStatus(ev.toStatus) && <StatusTag status={ev.toStatus} />}
                  </Flex>
                  {lines.length > 0 && (
                    <dl style={{ margin: '6px 0 0', display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 12, rowGap: 2 }}>
                      {lines.map((l) => (
                        <div key={l.key} style={{ display: 'contents' }} data-field={l.key}>
                          <dt style={{ color: 'rgba(0,0,0,0.45)', whiteSpace: 'nowrap' }}>{l.label}</dt>
                          <dd style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{l.value}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
