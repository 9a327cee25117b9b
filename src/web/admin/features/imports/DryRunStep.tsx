/**
 * Step 3: the dry run's counts (will create, already imported and skipped, with errors) and every bad row with its
 * column and what is wrong; the bad rows as a sheet to fix; back to the mapping, or on to the import.
 */
import { useState } from 'react';
import { Alert, App, Button, Flex, Spin, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { ApiError, saveFile } from '../../api/client.ts';
import { errorSheet, type DryRunReport, type ImportMapping } from './imports-api.ts';
import { cleanMapping } from './mapping-edit.ts';
import { useWords } from './words.ts';

interface Props {
  fileId: string;
  mapping: ImportMapping;
  report: DryRunReport | null;
  checking: boolean;
  error: string | null;
  onRetry: () => void;
  onBack: () => void;
  onImport: () => void;
  starting: boolean;
  startError: string | null;
}

const errText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** The dry-run step. */
export function DryRunStep({ fileId, mapping, report, checking, error, onRetry, onBack, onImport, starting, startError }: Props) {
  const w = useWords();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);

  const download = async () => {
    setDownloading(true);
    try {
      saveFile(await errorSheet(fileId, cleanMapping(mapping)));
    } catch (e) {
      message.error(errText(e));
    } finally {
      setDownloading(false);
    }
  };

  if (checking) return <div style={{ padding: 48, textAlign: 'center' }} data-testid="import-checking"><Spin /><div style={{ marginTop: 8 }}>{w('checking')}</div></div>;

  return (
    <Flex vertical gap={12} data-testid="import-report">
      {error && <Alert type="error" showIcon title={w('dryRunFailed', { msg: error })} action={<Button size="small" onClick={onRetry}>{w('runDryRun')}</Button>} />}
      {report && (
        <>
          <Flex wrap gap={12}>
            {([
              ['total', report.total, undefined],
              ['toCreate', report.toCreate, '#389e0d'],
              ['toSkip', report.toSkip, undefined],
              ['failed', report.failed, report.failed ? '#cf1322' : undefined],
            ] as const).map(([k, v, colour]) => (
              <div key={k} style={{ flex: '1 1 140px', border: '1px solid #f0f0f0', borderRadius: 4, padding: '8px 12px' }} data-testid={`import-count-${k}`} data-count={v}>
                <Statistic title={w(k)} value={v} styles={{ content: { color: colour } }} />
              </div>
            ))}
          </Flex>
          {report.failed > 0
            ? <Alert type="warning" showIcon title={w('errorsNote')} />
            : <Alert type="success" showIcon title={w('allGood')} />}
          {report.errors.length > 0 && (
            <Table
              size="small"
              data-testid="import-errors"
              rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
              dataSource={report.errors}
              pagination={{ pageSize: 8, showSizeChanger: false, size: 'small', hideOnSinglePage: true }}
              columns={[
                { key: 'row', dataIndex: 'row', title: w('row'), width: 72, align: 'right' },
                { key: 'column', dataIndex: 'column', title: w('column'), width: 140, ellipsis: true },
                { key: 'message', dataIndex: 'message', title: w('message') },
              ]}
              onRow={(e) => ({ 'data-row': e.row } as React.HTMLAttributes<HTMLElement>)}
            />
          )}
          {report.errorsTruncated && <Typography.Text type="secondary">{w('errorsTruncated', { n: report.errors.length })}</Typography.Text>}
          {startError && <Alert type="error" showIcon title={startError} />}
          <Flex justify="space-between" wrap gap={8}>
            <Flex gap={8}>
              <Button onClick={onBack} data-testid="import-back-to-mapping">{w('backToMapping')}</Button>
              {report.failed > 0 && (
                <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()} data-testid="import-download-errors">{w('downloadErrors')}</Button>
              )}
            </Flex>
            <Button type="primary" disabled={report.toCreate === 0} loading={starting} onClick={onImport} data-testid="import-start">
              {report.toCreate === 0 ? w('nothingToImport') : w('startImport', { n: report.toCreate })}
            </Button>
          </Flex>
        </>
      )}
      {!report && <Button onClick={onBack} style={{ alignSelf: 'flex-start' }}>{w('backToMapping')}</Button>}
    </Flex>
  );
}
