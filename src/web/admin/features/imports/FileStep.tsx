/** Step 1: choose the file (click, drop, or Enter on the drop zone); its format, encoding and first rows are shown. */
import { useState } from 'react';
import { Alert, Button, Descriptions, Flex, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { uploadImportFile, type UploadedFile } from './imports-api.ts';
import { useWords } from './words.ts';

interface Props {
  file: UploadedFile | null;
  onUploaded: (f: UploadedFile) => void;
  onNext: () => void;
}

/** `UTF-8`, `GB18030`. */
export const encodingName = (e: string | null) => (e ? e.toUpperCase() : null);

/** The file step. */
export function FileStep({ file, onUploaded, onNext }: Props) {
  const w = useWords();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = async (f: File) => {
    setError(null);
    if (!/\.(xlsx|csv)$/i.test(f.name)) { setError(w('badType', { name: f.name })); return; }
    setBusy(true);
    try {
      onUploaded(await uploadImportFile(f));
    } catch (e) {
      // The server says in words why it cannot read the file (not an Excel workbook, password-protected, an encoding it
      // cannot read): shown as it is; anything else (no connection) after a general line.
      setError(e instanceof ApiError && e.status < 500 ? e.message : w('uploadFailed', { msg: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(f) => { void pick(f); return Upload.LIST_IGNORE; }}
        style={{ padding: file ? 0 : 12 }}
        data-testid="import-dropzone"
      >
        {!file && <p className="ant-upload-drag-icon" style={{ marginBottom: 8 }}><InboxOutlined /></p>}
        <p className="ant-upload-text">{busy ? w('uploading') : file ? w('otherFile') : w('dropTitle')}</p>
        {!file && <p className="ant-upload-hint">{w('dropHint')}</p>}
      </Upload.Dragger>
      {error && <Alert type="error" showIcon title={error} data-testid="import-file-error" />}
      {file && (
        <>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2, lg: 4 }}
            data-testid="import-file-info"
            items={[
              { key: 'file', label: w('file'), children: <Typography.Text strong>{file.filename}</Typography.Text> },
              { key: 'format', label: w('format'), children: file.kind === 'xlsx' ? 'Excel (.xlsx)' : 'CSV' },
              { key: 'encoding', label: w('encoding'), children: <span data-testid="import-encoding">{encodingName(file.encoding) ?? w('notApplicable')}</span> },
              { key: 'columns', label: w('columnsCount'), children: file.header.length },
            ]}
          />
          <div>
            <Typography.Text type="secondary">{w('sampleTitle', { n: file.sample.length })}</Typography.Text>
            <Table<{ key: number; cells: string[] }>
              size="small"
              pagination={false}
              dataSource={file.sample.map((cells, i) => ({ key: i, cells }))}
              scroll={{ x: Math.max(600, file.header.length * 140) }}
              locale={{ emptyText: w('noRows') }}
              columns={file.header.map((h, i) => ({ key: String(i), title: h, width: 140, ellipsis: true, render: (_v, r) => r.cells[i] ?? '' }))}
              data-testid="import-sample"
            />
          </div>
          <Flex justify="flex-end">
            <Button type="primary" onClick={onNext} data-testid="import-next">{w('next')}</Button>
          </Flex>
        </>
      )}
    </Flex>
  );
}
