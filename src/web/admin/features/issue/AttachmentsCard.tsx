/** The issue's files: thumbnails for images (with preview), download links, and an upload checked before sending. */
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Image, Tooltip, Typography } from 'antd';
import { DownloadOutlined, FileOutlined, FilePdfOutlined, FileTextOutlined, SoundOutlined, VideoCameraOutlined } from '@ant-design/icons';
import type { Attachment } from '../../api/types.ts';
import { fmtDateTime } from '../../app/i18n.tsx';
import { AttachmentPicker, uploadAttachments } from '../../components/AttachmentPicker.tsx';
import { useWords } from './words.ts';

/** `1.2 MB`, `34 KB`. */
export function fileSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

function FileIcon({ mime }: { mime: string }) {
  const style = { fontSize: 28, color: '#8c8c8c' };
  if (mime === 'application/pdf') return <FilePdfOutlined style={style} />;
  if (mime.startsWith('audio/')) return <SoundOutlined style={style} />;
  if (mime.startsWith('video/')) return <VideoCameraOutlined style={style} />;
  if (mime.startsWith('text/')) return <FileTextOutlined style={style} />;
  return <FileOutlined style={style} />;
}

interface Props {
  issueId: number;
  attachments: Attachment[] | null;
  error: string | null;
  /** Called after an upload so the list and the timeline show it. */
  onUploaded: () => Promise<void>;
}

/** The attachments card. */
export function AttachmentsCard({ issueId, attachments, error, onUploaded }: Props) {
  const w = useWords();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);

  const upload = async (files: File[]) => {
    setBusy(true);
    setUploadError(null);
    try {
      await uploadAttachments(issueId, files);
      message.success(w('uploaded'));
      await onUploaded();
    } catch (e) {
      setUploadError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={`${w('attachments')}${attachments?.length ? ` (${attachments.length})` : ''}`}
      extra={<AttachmentPicker onPick={(f) => void upload(f)} loading={busy} label={busy ? w('uploading') : w('upload')} />}
      loading={attachments === null && !error}
      data-testid="attachments"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {uploadError && <Alert type="error" showIcon closable={{ onClose: () => setUploadError(null) }} title={uploadError} style={{ marginBottom: 8 }} data-testid="upload-error" />}
      {attachments && attachments.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={w('noAttachments')} />}
      {attachments && attachments.length > 0 && (
        <Image.PreviewGroup>
          <Flex vertical gap={8}>
            {attachments.map((a) => (
              <Flex key={a.id} gap={10} align="center" data-attachment-id={a.id}>
                <div style={{ width: 48, height: 48, flex: 'none', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#fafafa', borderRadius: 4, overflow: 'hidden' }}>
                  {a.mime.startsWith('image/')
                    ? <Image src={a.url} alt={a.filename} width={48} height={48} style={{ objectFit: 'cover' }} />
                    : <FileIcon mime={a.mime} />}
                </div>
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Typography.Link href={a.url} target="_blank" rel="noopener" ellipsis style={{ display: 'block' }} title={a.filename}>{a.filename}</Typography.Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fileSize(a.size)} · {fmtDateTime(a.createdAt)}</Typography.Text>
                </div>
                <Tooltip title={w('download')}>
                  <Button type="text" size="small" icon={<DownloadOutlined />} href={a.url} download={a.filename} aria-label={`${w('download')} ${a.filename}`} />
                </Tooltip>
              </Flex>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
    </Card>
  );
}
