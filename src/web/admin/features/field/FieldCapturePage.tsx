/**
 * 现场记录: an issue found in the field, recorded on a phone in one screen — what was found, the place (pre-filled from
 * the activity or the cadre's last place or unit), the kind, the category the model suggests (when there is signal), an
 * optional photo and GPS point. With signal it is registered at once; without, it waits in the phone's outbox
 * ("待上传") with the key made here, and goes up when the network returns (lib/outbox.ts).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Segmented, Space, Tag, Typography } from 'antd';
import { AimOutlined, CameraOutlined } from '@ant-design/icons';
import type { Activity } from '../../../../shared/api/activities.ts';
import type { Suggestions } from '../../api/types.ts';
import { ApiError, api, get } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLookups } from '../../app/lookups.tsx';
import { CategorySelect } from '../../components/CategorySelect.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useDebouncedPost } from '../intake/IntakeAssist.tsx';
import { enqueue, newKey } from '../../lib/outbox.ts';
import { useOnline } from '../../lib/media.ts';
import { titleOf } from '../../lib/title.ts';

const LAST_PLACE = 'yx-field-place';
const KINDS = ['help', 'complaint', 'suggestion'] as const;
interface Values { text: string; orgUnitId: number; categoryId?: number | null; kind: (typeof KINDS)[number] }

/** The screen. */
export default function FieldCapturePage() {
  const { lang } = useI18n();
  const zh = lang === 'zh';
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { me } = useAuth();
  const { units } = useLookups();
  const online = useOnline();
  const [params] = useSearchParams();
  const activityId = Number(params.get('activity')) || null;
  const [activity, setActivity] = useState<Activity | null>(null);
  const [form] = Form.useForm<Values>();
  const [photo, setPhoto] = useState<File | null>(null);
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const text = Form.useWatch('text', form) ?? '';
  const categoryId = Form.useWatch('categoryId', form);

  useEffect(() => {
    if (activityId) get<Activity>(`/api/v1/activities/${activityId}`).then((a) => { setActivity(a); form.setFieldValue('orgUnitId', a.orgUnitId); }, () => setActivity(null));
  }, [activityId, form]);
  // The place: the activity's, else the last one used here, else the cadre's own unit.
  useEffect(() => {
    if (activityId || form.getFieldValue('orgUnitId') || units.length === 0) return;
    const last = Number(localStorage.getItem(LAST_PLACE));
    const own = me?.roles.find((r) => r.role === 'cadre' || r.role === 'clerk' || r.role === 'leader')?.orgUnitId;
    const pick = [last, own].find((id) => id && units.some((u) => u.id === id && u.active));
    if (pick) form.setFieldValue('orgUnitId', pick);
  }, [units, me, activityId, form]);

  // The category model, when there is signal and enough text.
  const payload = useMemo(() => (online && text.trim().length >= 6 ? { title: titleOf(text), body: text } : null), [online, text]);
  const suggested = useDebouncedPost<Suggestions>('/api/v1/suggestions', payload);
  const top = suggested.data?.category?.items[0];

  const locate = () => {
    if (!navigator.geolocation) { message.warning(zh ? '此设备不能定位' : 'No location on this device'); return; }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => { setPoint({ lat: Math.round(p.coords.latitude * 1e6) / 1e6, lng: Math.round(p.coords.longitude * 1e6) / 1e6 }); setLocating(false); },
      () => { message.warning(zh ? '没有取得位置，可不填' : 'No position; it is optional'); setLocating(false); },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const submit = async (v: Values) => {
    if (!me) return;
    setBusy(true);
    const body = {
      title: titleOf(v.text), body: v.text.trim(), kind: v.kind, orgUnitId: v.orgUnitId, categoryId: v.categoryId ?? null,
      // When it was found, not when it reached the server.
      receivedAt: new Date().toISOString(), ...(point ? { lat: point.lat, lng: point.lng } : {}),
      ...(activityId ? {} : { channel: 'field' }),
    };
    const url = activityId ? `/api/v1/activities/${activityId}/issues` : '/api/v1/issues';
    const key = newKey();
    localStorage.setItem(LAST_PLACE, String(v.orgUnitId));
    const keep = async () => {
      await enqueue({ key, userId: me.id, kind: 'issue', label: body.title, url, body, photo, photoName: photo?.name ?? null });
      message.info(zh ? '没有网络：已保存在手机上，联网后自动上传' : 'No network: kept on the phone, sent when online');
      reset();
    };
    const reset = () => { form.resetFields(['text', 'categoryId']); setPhoto(null); setPoint(null); if (fileRef.current) fileRef.current.value = ''; };
    try {
      if (!navigator.onLine) { await keep(); return; }
      const made = await api<{ id: number; trackingCode: string }>('POST', url, body, { headers: { 'idempotency-key': key } });
      if (photo) {
        const f = new FormData();
        f.append('file', photo, photo.name);
        await api('POST', `/api/v1/issues/${made.id}/attachments`, f, { headers: { 'idempotency-key': `${key}-photo` } }).catch(async () => {
          // The issue is in; its photo waits in the outbox (with the same key, so it is sent once).
          await enqueue({ key, userId: me.id, kind: 'issue', label: body.title, url, body, photo, photoName: photo.name, createdId: made.id });
        });
      }
      message.success(zh ? `已登记：${made.trackingCode}` : `Registered: ${made.trackingCode}`);
      reset();
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) await keep();
      else if (e instanceof ApiError) {
        message.error(e.message);
        form.setFields(Object.entries(e.fields).filter(([k]) => ['orgUnitId', 'categoryId', 'kind'].includes(k)).map(([k, msg]) => ({ name: k as keyof Values, errors: [msg] })));
      } else message.error(String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={zh ? '现场记录问题' : 'Record an issue in the field'} data-testid="field-capture"
      extra={<Link to="/outbox">{zh ? '待上传' : 'Outbox'}</Link>}>
      {!online && <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="field-offline"
        message={zh ? '当前没有网络：记录会保存在手机上，联网后自动上传' : 'Offline: records are kept on the phone and sent when online'} />}
      {activity && <Typography.Paragraph type="secondary">{zh ? '活动' : 'Activity'}：{activity.title}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'help' }} requiredMark={false}>
        <Form.Item name="text" label={zh ? '发现的问题' : 'What was found'} rules={[{ required: true, whitespace: true, message: zh ? '请写下发现的问题' : 'Say what was found' }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={zh ? '如：三组水渠淤塞约 200 米，二十多户秧田放不进水' : 'What, where, how many affected'} data-testid="field-text" />
        </Form.Item>
        <Form.Item name="orgUnitId" label={zh ? '地点' : 'Place'} rules={[{ required: true, message: zh ? '请选择地点' : 'Choose the place' }]}>
          <UnitSelect levels={['township', 'village', 'grid']} allowClear={false} id="field-place" />
        </Form.Item>
        <Form.Item name="kind" label={zh ? '类型' : 'Kind'}>
          <Segmented block options={KINDS.map((k) => ({ value: k, label: { help: zh ? '求助' : 'Help', complaint: zh ? '投诉' : 'Complaint', suggestion: zh ? '建议' : 'Suggestion' }[k] }))} />
        </Form.Item>
        <Form.Item name="categoryId" label={zh ? '类别（可不选）' : 'Category (optional)'}
          extra={top && top.id !== categoryId ? (
            <Space size={4} wrap>{zh ? '推荐' : 'Suggested'}：
              <Tag color="blue" style={{ cursor: 'pointer' }} onClick={() => form.setFieldValue('categoryId', top.id)} data-testid="field-suggested">{top.path}</Tag>
            </Space>) : undefined}>
          <CategorySelect id="field-category" />
        </Form.Item>
        <Space wrap style={{ marginBottom: 16 }}>
          <input ref={fileRef} type="file" accept="image/*" capture="environment" style={{ display: 'none' }} onChange={(e) => setPhoto(e.target.files?.[0] ?? null)} data-testid="field-photo-input" />
          <Button icon={<CameraOutlined />} onClick={() => fileRef.current?.click()}>{photo ? (zh ? '换一张' : 'Another') : (zh ? '拍照' : 'Photo')}</Button>
          {photo && <Tag closable onClose={() => setPhoto(null)}>{photo.name}（{Math.max(1, Math.round(photo.size / 1024))} KB）</Tag>}
          <Button icon={<AimOutlined />} loading={locating} onClick={locate}>{zh ? '定位' : 'Locate'}</Button>
          {point && <Tag closable onClose={() => setPoint(null)} data-testid="field-point">{point.lat}, {point.lng}</Tag>}
        </Space>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="field-save">{online ? (zh ? '登记' : 'Register') : (zh ? '保存到手机' : 'Keep on the phone')}</Button>
      </Form>
      <Button type="link" block style={{ marginTop: 8 }} onClick={() => navigate('/activities/new')}>{zh ? '记录一次活动' : 'Record an activity'}</Button>
    </Card>
  );
}
