/** An activity's photos (现场照片): thumbnails with a preview, and an upload of images checked before sending. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, Empty, Flex, Image, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { ACTIVITY_PHOTO_TYPES, type Photo } from '../../../../shared/api/activities.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { api, get } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';

/** The card. */
export function PhotosCard({ activityId, canEdit }: { activityId: number; canEdit: boolean }) {
  const { lang } = useI18n();
  const zh = lang === 'zh';
  const { message } = App.useApp();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const load = useCallback(() => { get<{ items: Photo[] }>(`/api/v1/activities/${activityId}/photos`).then((r) => setPhotos(r.items), () => undefined); }, [activityId]);
  useEffect(load, [load]);

  const upload = async (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (input.current) input.current.value = '';
    const bad = files.filter((f) => !(ACTIVITY_PHOTO_TYPES as readonly string[]).includes(f.name.split('.').pop()?.toLowerCase() ?? '') || f.size > LIMITS.attachmentMaxBytes || f.size === 0);
    if (bad.length) message.error(zh ? `只能上传 ${LIMITS.attachmentMaxBytes / 1024 / 1024} MB 以内的照片（${ACTIVITY_PHOTO_TYPES.join('、')}）：${bad.map((f) => f.name).join('、')} 未上传` : `Photos only (${ACTIVITY_PHOTO_TYPES.join(', ')}), up to ${LIMITS.attachmentMaxBytes / 1024 / 1024} MB: ${bad.map((f) => f.name).join(', ')} left out`, 6);
    const ok = files.filter((f) => !bad.includes(f)).slice(0, LIMITS.attachmentsPerUpload);
    if (ok.length === 0) return;
    const form = new FormData();
    for (const f of ok) form.append('file', f, f.name);
    setBusy(true);
    try {
      setPhotos((await api<{ items: Photo[] }>('POST', `/api/v1/activities/${activityId}/photos`, form)).items);
    } catch (e) { message.error((e as Error).message); } finally { setBusy(false); }
  };

  return (
    <Card size="small" title={<span>{zh ? '现场照片' : 'Photos'} <Typography.Text type="secondary">{photos.length}</Typography.Text></span>} data-testid="activity-photos"
      extra={canEdit && (
        <>
          <input ref={input} type="file" accept={ACTIVITY_PHOTO_TYPES.map((e) => `.${e}`).join(',')} multiple hidden onChange={(e) => void upload(e.target.files)} data-testid="photo-input" />
          <Button size="small" icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()}>{zh ? '上传照片' : 'Add photos'}</Button>
        </>
      )}>
      {photos.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={zh ? '还没有照片' : 'No photos yet'} /> : (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {photos.map((p) => <Image key={p.id} src={p.url} alt={p.filename} width={112} height={84} style={{ objectFit: 'cover', borderRadius: 6 }} data-testid="activity-photo" />)}
          </Flex>
        </Image.PreviewGroup>
      )}
    </Card>
  );
}
