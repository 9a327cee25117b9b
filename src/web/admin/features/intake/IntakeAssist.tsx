/**
 * What the language features add to intake while the clerk types: the suggested categories and units, and the
 * issues that look like the one being registered (to link it as a repeat, or to merge it into an open one).
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Empty, Flex, List, Progress, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, LinkOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import type { Issue, SimilarIssue, SuggestedItem, Suggestions } from '../../api/types.ts';
import { fmtDate, fmtDateTime } from '../../app/i18n.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { confidencePct } from './confidence.ts';
import { useWords } from './words.ts';

/** Texts shorter than this are not sent for suggestions or similar issues. */
export const ASSIST_MIN_CHARS = 8;
const DEBOUNCE_MS = 400;

/** The answer to the latest request, and whether one is on its way. */
export interface Assisted<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
}

/**
 * POST `payload` to `url` once it has stopped changing for 400 ms; a newer payload cancels the request before
 * it (its answer never shows). A null payload sends nothing and clears the answer.
 */
export function useDebouncedPost<T>(url: string, payload: object | null): Assisted<T> {
  const key = payload === null ? null : JSON.stringify(payload);
  const [state, setState] = useState<Assisted<T>>({ data: null, loading: false, error: null });
  useEffect(() => {
    if (key === null) {
      setState({ data: null, loading: false, error: null });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      api<T>('POST', url, JSON.parse(key), { signal: ctl.signal }).then(
        (data) => { if (!ctl.signal.aborted) setState({ data, loading: false, error: null }); },
        (e: unknown) => { if (!ctl.signal.aborted) setState({ data: null, loading: false, error: e instanceof Error ? e.message : String(e) }); },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [url, key]);
  return state;
}

/** The percentage shown for a 0–1 value. */
const pct = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 100);

/** Grey of a low-confidence suggestion (#8c8c8c on white: 3.4:1, the secondary text's). */
const LOW = '#8c8c8c';

function Ranked({ items, calibrated, current, onPick, testId }: {
  items: SuggestedItem[];
  /** Whether the model's confidences are calibrated (false: a model trained before, estimated). */
  calibrated: boolean;
  current?: number | null;
  onPick?: (id: number) => void;
  testId: string;
}) {
  const w = useWords();
  return (
    <Flex vertical gap={4} data-testid={testId}>
      {items.map((s, i) => {
        const chosen = current === s.id;
        const low = s.lowConfidence && !chosen;
        const row = (
          <Flex align="center" gap={8} style={{ width: '100%', minWidth: 0, color: low ? LOW : undefined }}>
            {onPick && <Typography.Text keyboard className="yx-kbd-hint" style={{ fontSize: 11, flex: 'none' }}>Alt+{i + 1}</Typography.Text>}
            <Tooltip title={s.path !== s.name ? s.path : undefined} placement="topLeft">
              <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', textAlign: 'left' }}>
                {s.name}
              </span>
            </Tooltip>
            {chosen && <CheckOutlined style={{ color: '#389e0d' }} aria-label={w('suggestChosen')} />}
            {s.lowConfidence && (
              <Tooltip title={w('lowConfidenceHelp')}>
                <Tag bordered={false} style={{ margin: 0, flex: 'none', fontSize: 11, lineHeight: '18px', paddingInline: 4, color: LOW }} data-testid="low-confidence">
                  {w('lowConfidence')}
                </Tag>
              </Tooltip>
            )}
            <Tooltip title={w(calibrated ? 'confidence' : 'confidenceEstimated')}>
              <Progress percent={confidencePct(s.confidence)} status="normal" format={(p) => <span style={{ color: low ? LOW : undefined }}>{p ?? 0}%</span>}
                size="small" style={{ width: 96, margin: 0, flex: 'none' }}
                strokeColor={chosen ? '#389e0d' : low ? '#bfbfbf' : undefined} />
            </Tooltip>
          </Flex>
        );
        return onPick ? (
          <Button key={s.id} block type={chosen ? 'default' : 'text'} size="small" onClick={() => onPick(s.id)}
            style={{ height: 'auto', padding: '2px 6px' }} aria-label={w('suggestUse', { name: s.path })}
            data-testid="suggested-category" data-category-id={s.id} data-category-name={s.name} data-confidence={s.confidence} data-low-confidence={s.lowConfidence}>
            {row}
          </Button>
        ) : (
          <div key={s.id} style={{ padding: '2px 6px' }} data-testid="suggested-unit" data-unit-id={s.id} data-confidence={s.confidence}
            data-low-confidence={s.lowConfidence}>{row}</div>
        );
      })}
    </Flex>
  );
}

/** The suggestion card (the slot the intake screen keeps for it). */
export function SuggestionsCard({ state, active, currentCategory, onPickCategory }: {
  state: Assisted<Suggestions>;
  /** Whether there is enough text to ask. */
  active: boolean;
  currentCategory: number | null | undefined;
  onPickCategory: (id: number) => void;
}) {
  const w = useWords();
  const { data, loading, error } = state;
  let body;
  if (!active) body = <Typography.Text type="secondary">{w('suggestHint', { n: ASSIST_MIN_CHARS })}</Typography.Text>;
  else if (error) body = <Alert type="warning" showIcon title={w('suggestFailed', { msg: error })} />;
  else if (!data) body = <Flex justify="center" style={{ padding: 12 }}><Spin size="small" /></Flex>;
  else {
    body = (
      <Flex vertical gap={10}>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{w('suggestCategories')}<span className="yx-kbd-hint">{w('suggestCategoriesKeys')}</span></Typography.Text>
          {data.category === null ? <div data-testid="suggest-no-model"><Typography.Text type="secondary">{w('suggestNoCategoryModel')}</Typography.Text></div>
            : data.category.items.length === 0 ? <div><Typography.Text type="secondary">{w('suggestNone')}</Typography.Text></div>
              : <Ranked items={data.category.items} calibrated={data.category.calibrated} current={currentCategory} onPick={onPickCategory} testId="suggest-categories" />}
        </div>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{w('suggestUnits')}</Typography.Text>
          {data.unit === null ? <div><Typography.Text type="secondary">{w('suggestNoUnitModel')}</Typography.Text></div>
            : data.unit.items.length === 0 ? <div><Typography.Text type="secondary">{w('suggestNone')}</Typography.Text></div>
              : <Ranked items={data.unit.items} calibrated={data.unit.calibrated} testId="suggest-units" />}
        </div>
      </Flex>
    );
  }
  return (
    <Card size="small" title={w('suggestTitle')} data-testid="intake-suggestions" data-state={!active ? 'idle' : data ? 'ready' : error ? 'error' : 'loading'}
      extra={active && loading && data ? <Spin size="small" /> : undefined}>
      {body}
    </Card>
  );
}

/** What the clerk chose to do with a similar issue: link the new one to it as a repeat, or merge the new one into it. */
export interface SimilarChoice {
  action: 'repeat' | 'merge';
  issue: Pick<SimilarIssue, 'id' | 'trackingCode' | 'title'>;
}

/** The similar-issues card: text matches while typing, else the recent issues at the chosen place. */
export function SimilarCard({ state, active, nearby, placeName, choice, canMerge, onChoose }: {
  state: Assisted<{ items: SimilarIssue[] }>;
  active: boolean;
  nearby: Issue[];
  placeName: string | null;
  choice: SimilarChoice | null;
  canMerge: boolean;
  onChoose: (c: SimilarChoice) => void;
}) {
  const w = useWords();
  const { data, loading, error } = state;
  if (!active) {
    return (
      <Card size="small" title={placeName ? w('recentAt', { place: placeName }) : w('similarTitle')} data-testid="intake-similar" data-state="idle">
        {nearby.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={placeName ? w('similarHint') : `${w('similarHint')} ${w('choosePlace')}`} />
        ) : (
          <List size="small" dataSource={nearby} renderItem={(i) => (
            <List.Item key={i.id}>
              <List.Item.Meta title={<Space wrap><Link to={`/issues/${i.id}`} target="_blank">{i.trackingCode}</Link><StatusTag status={i.status} /></Space>}
                description={`${i.title} · ${fmtDateTime(i.receivedAt)}`} />
            </List.Item>
          )} />
        )}
      </Card>
    );
  }
  const items = data?.items ?? [];
  return (
    <Card size="small" title={w('similarTitle')} data-testid="intake-similar" data-state={data ? 'ready' : error ? 'error' : 'loading'}
      extra={loading ? <Spin size="small" /> : undefined}>
      {error && <Alert type="warning" showIcon title={w('similarFailed', { msg: error })} />}
      {!error && !data && <Flex justify="center" style={{ padding: 12 }}><Spin size="small" /></Flex>}
      {data && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={w('similarNone')} />}
      {items.length > 0 && (
        <List size="small" dataSource={items} split renderItem={(s) => {
          const chosen = choice?.issue.id === s.id ? choice.action : null;
          const mergeable = canMerge && s.statusType === 'open' && s.mergedIntoId === null;
          return (
            <List.Item key={s.id} data-testid="similar-item" data-issue-id={s.id} data-tracking-code={s.trackingCode}
              style={{ display: 'block', padding: '8px 4px', background: chosen ? '#fff7e6' : undefined }}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Space size={6} wrap>
                  <Link to={`/issues/${s.id}`} target="_blank" rel="noopener">{s.trackingCode}</Link>
                  <StatusTag status={s.status} />
                </Space>
                <Tooltip title={`${pct(s.textSimilarity)}%`}>
                  <Typography.Text strong style={{ color: s.textSimilarity >= 0.8 ? '#cf1322' : s.textSimilarity >= 0.5 ? '#d46b08' : undefined, whiteSpace: 'nowrap' }}>
                    {w('similarity', { p: pct(s.textSimilarity) })}
                  </Typography.Text>
                </Tooltip>
              </Flex>
              <Typography.Paragraph ellipsis={{ rows: 1, tooltip: s.title }} style={{ margin: '2px 0' }}>{s.title}</Typography.Paragraph>
              <Flex wrap gap={4} align="center">
                {s.samePlace && <Tag color="red" data-testid="badge-same-place">{w('samePlace')}</Tag>}
                {!s.samePlace && s.nearPlace && <Tag color="orange" data-testid="badge-near-place">{w('nearPlace')}</Tag>}
                {s.sameCategory && <Tag color="blue" data-testid="badge-same-category">{w('sameCategory')}</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.orgUnitName} · {fmtDate(s.receivedAt)}</Typography.Text>
                {s.mergedIntoId !== null && <Typography.Text type="secondary" style={{ fontSize: 12 }}>· {w('mergedAlready')}</Typography.Text>}
              </Flex>
              <Flex gap={4} style={{ marginTop: 4 }}>
                <Button size="small" icon={<LinkOutlined />} type={chosen === 'repeat' ? 'primary' : 'default'} ghost={chosen === 'repeat'}
                  onClick={() => onChoose({ action: 'repeat', issue: s })} data-testid="similar-link-repeat">
                  {chosen === 'repeat' ? `${w('chosen')} · ` : ''}{w('linkRepeat')}
                </Button>
                {mergeable && (
                  <Tooltip title={w('mergeHelp')}>
                    <Button size="small" icon={<MergeCellsOutlined />} type={chosen === 'merge' ? 'primary' : 'default'} ghost={chosen === 'merge'}
                      onClick={() => onChoose({ action: 'merge', issue: s })} data-testid="similar-merge">
                      {chosen === 'merge' ? `${w('chosen')} · ` : ''}{w('mergeInto')}
                    </Button>
                  </Tooltip>
                )}
              </Flex>
            </List.Item>
          );
        }} />
      )}
    </Card>
  );
}

/** The choice as a removable tag inside the form, so it is seen before submitting. */
export function ChoiceTag({ choice, onClear }: { choice: SimilarChoice; onClear: () => void }) {
  const w = useWords();
  return (
    <Tag closable onClose={(e) => { e.preventDefault(); onClear(); }} color={choice.action === 'merge' ? 'orange' : 'blue'}
      icon={choice.action === 'merge' ? <MergeCellsOutlined /> : <LinkOutlined />}
      style={{ marginBottom: 12, padding: '2px 8px', whiteSpace: 'normal' }} data-testid="intake-choice" data-action={choice.action}>
      {choice.action === 'merge' ? w('chosenMerge') : w('chosenRepeat')}{choice.issue.trackingCode} {choice.issue.title}
    </Tag>
  );
}

/** Keep the last suggestions shown, so the issue can say what the clerk was offered. */
export function useLastShown(data: Suggestions | null): RefObject<Suggestions | null> {
  const ref = useRef<Suggestions | null>(null);
  useEffect(() => { if (data) ref.current = data; }, [data]);
  return ref;
}
