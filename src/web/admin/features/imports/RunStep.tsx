/** Step 4: the import running in the background, asked for its progress every half second, then its result. */
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Flex, Progress, Result, Statistic, Typography } from 'antd';
import { UnorderedListOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { importProgress, type ImportProgress } from './imports-api.ts';
import { useWords } from './words.ts';

interface Props {
  batchId: number;
  /** Rows of the file (from the dry run), for the bar. */
  total: number;
  onAgain: () => void;
  /** Start the same import again (it continues where it stopped). */
  onContinue: () => void;
  continuing: boolean;
}

const POLL_MS = 500;

/** The import step. */
export function RunStep({ batchId, total, onAgain, onContinue, continuing }: Props) {
  const w = useWords();
  const [p, setP] = useState<ImportProgress | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const navigate = useNavigate();

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const next = await importProgress(batchId);
        if (stopped) return;
        setP(next);
        setPollError(null);
        // After the rows, the tokens of the new cases are indexed in the background: keep showing how far that is.
        if (next.status === 'running' || (next.status === 'done' && next.indexed < next.toIndex && !next.error)) timer = setTimeout(() => void tick(), POLL_MS);
      } catch (e) {
        if (stopped) return;
        setPollError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
        timer = setTimeout(() => void tick(), POLL_MS * 4);
      }
    };
    setP(null);
    void tick();
    return () => { stopped = true; clearTimeout(timer); };
  }, [batchId]);

  const status = p?.status ?? 'running';
  const done = p?.done ?? 0;
  const indexed = p?.indexed ?? 0;
  const toIndex = p?.toIndex ?? 0;
  // The bar is the rows: when they are written the cases are in the ledger and found by search. The search tokens
  // are indexed afterwards in the background (a line under the result says how far).
  const percent = status === 'done' ? 100 : Math.min(99, Math.floor((total > 0 ? Math.min(1, done / total) : 0) * 100));
  const progressText = w('progress', { done, total });
  // After a finished import, an error can only be about the background indexing (the cases are in and searchable).
  const indexText = status === 'done' && p?.error ? p.error : toIndex > 0 ? (indexed < toIndex ? w('indexing', { indexed, toIndex }) : w('indexed', { toIndex })) : null;
  const counts = p && (
    <Flex wrap gap={12} justify="center">
      {([['created', p.created, '#389e0d'], ['skipped', p.skipped, undefined], ['failedRows', p.failed, p.failed ? '#cf1322' : undefined]] as const).map(([k, v, colour]) => (
        <div key={k} style={{ minWidth: 140, border: '1px solid #f0f0f0', borderRadius: 4, padding: '8px 12px', textAlign: 'left' }} data-testid={`import-result-${k}`} data-count={v}>
          <Statistic title={w(k)} value={v} styles={{ content: { color: colour } }} />
        </div>
      ))}
    </Flex>
  );

  return (
    <Flex vertical gap={12} data-testid="import-run" data-status={status}>
      <div role="status" aria-live="polite">
        <Typography.Text>{status === 'running' ? w('importing', { file: p?.filename ?? '' }) : null}</Typography.Text>
        <Progress
          percent={percent}
          status={status === 'failed' || status === 'interrupted' ? 'exception' : status === 'done' ? 'success' : 'active'}
          aria-label={progressText}
          data-testid="import-progress"
        />
        <Typography.Text type="secondary" data-testid="import-progress-text">{progressText}</Typography.Text>
      </div>
      {pollError && <Alert type="warning" showIcon title={w('pollFailed', { msg: pollError })} />}
      {status === 'done' && (
        <Result
          status="success"
          title={w('importDone')}
          style={{ padding: '16px 0' }}
          subTitle={<Flex vertical gap={8} align="center">{counts}{indexText && <Typography.Text type="secondary" data-testid="import-index-text" data-done={indexed >= toIndex}>{indexText}</Typography.Text>}</Flex>}
          extra={[
            <Button key="ledger" type="primary" icon={<UnorderedListOutlined />} onClick={() => navigate('/issues')} data-testid="import-open-ledger">{w('openLedger')}</Button>,
            <Button key="again" onClick={onAgain} data-testid="import-again">{w('again')}</Button>,
          ]}
        />
      )}
      {(status === 'failed' || status === 'interrupted') && (
        <Result
          status="error"
          title={w('importFailed')}
          style={{ padding: '16px 0' }}
          subTitle={<Flex vertical gap={8}><span>{p?.error}</span><span>{w('importFailedHint')}</span>{counts}</Flex>}
          extra={[
            <Button key="continue" type="primary" loading={continuing} onClick={onContinue}>{w('retryImport')}</Button>,
            <Button key="again" onClick={onAgain}>{w('again')}</Button>,
          ]}
        />
      )}
    </Flex>
  );
}
