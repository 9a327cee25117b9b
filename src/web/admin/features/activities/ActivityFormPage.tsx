/**
 * Record or edit an activity: where and when, who went, how many came, what was said; for a lecture its audience,
 * study materials and the local cases used (picked from the library by any words of theirs). Nothing the system knows
 * is asked: the cadre recording it is among those who went unless removed, and a finished one is recorded as done.
 */
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Segmented, Select, Space, Spin } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ACTIVITY_KINDS, ACTIVITY_KIND_NAMES, AUDIENCE_TYPES, AUDIENCE_TYPE_NAMES, RECEPTION_MODES, RECEPTION_MODE_NAMES, type ActivityKind, type AudienceType, type ReceptionMode } from '../../../../shared/enums.ts';
import { ACTIVITY_LIMITS, type Activity, type Case } from '../../../../shared/api/activities.ts';
import { ApiError, api, get, idempotencyKeyFor, patch, qs } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { beijingInstant, beijingWall } from '../../lib/beijing-time.ts';
import { useWords } from './words.ts';

interface Values {
  kind: ActivityKind;
  title: string;
  orgUnitId: number;
  span: [Dayjs, Dayjs];
  placeText?: string;
  cadreIds: number[];
  participantCount?: number | null;
  audienceType?: AudienceType | null;
  materials?: Array<{ title: string }>;
  caseIds?: number[];
  receptionMode?: ReceptionMode;
  notes?: string;
}

/** The form, for a new activity (`/activities/new`) or an existing one (`/activities/:id/edit`). */
export default function ActivityFormPage() {
  const w = useWords();
  const { n, lang } = useI18n();
  const zh = lang === 'zh';
  const { id } = useParams();
  const editing = id ? Number(id) : null;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'outreach';
  const [existing, setExisting] = useState<Activity | null>(null);
  const [cadres, setCadres] = useState<Array<{ value: number; label: string }>>([]);
  const [caseOptions, setCaseOptions] = useState<Array<{ value: number; label: string }>>([]);
  const [busy, setBusy] = useState(false);
  const lastKey = useRef<{ body: string; key: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<{ items: Array<{ id: number; name: string; unitName: string }> }>('/api/v1/activity-cadres')
      .then((r) => setCadres(r.items.map((c) => ({ value: c.id, label: `${c.name}` }))), () => setCadres([]));
  }, []);
  const searchCases = (q: string) => {
    get<{ items: Case[] }>(`/api/v1/cases${qs({ q: q.trim() || undefined, limit: 30 })}`)
      .then((r) => setCaseOptions((old) => {
        const seen = new Map(old.map((o) => [o.value, o]));
        for (const c of r.items) seen.set(c.id, { value: c.id, label: c.title });
        const chosen = new Set(form.getFieldValue('caseIds') as number[] | undefined);
        // What matches the words first — Enter picks the first, and the first must not be a case already chosen (Enter
        // on a chosen one takes it off) — then the chosen ones, which stay for their labels.
        const matches = r.items.filter((c) => !chosen.has(c.id)).map((c) => ({ value: c.id, label: c.title }));
        return [...matches, ...[...seen.values()].filter((o) => chosen.has(o.value))];
      }), () => undefined);
  };
  // The library's newest cases before anything is typed.
  useEffect(() => { searchCases(''); }, []);

  useEffect(() => {
    if (!editing) return;
    get<Activity>(`/api/v1/activities/${editing}`).then((a) => {
      setExisting(a);
      setCaseOptions((old) => [...a.cases.map((c) => ({ value: c.id, label: c.title })), ...old.filter((o) => !a.cases.some((c) => c.id === o.value))]);
      form.setFieldsValue({
        kind: a.kind, title: a.title, orgUnitId: a.orgUnitId, span: [beijingWall(a.startsAt), beijingWall(a.endsAt)], placeText: a.placeText ?? undefined,
        cadreIds: a.cadres.map((c) => c.id), participantCount: a.participantCount, audienceType: a.audienceType, materials: a.materials,
        caseIds: a.cases.map((c) => c.id), notes: a.notes, receptionMode: a.receptionMode ?? undefined,
      });
    }, (e: Error) => setError(e.message));
  }, [editing, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const outreach = v.kind === 'outreach';
    const body = {
      title: v.title.trim(), orgUnitId: v.orgUnitId, startsAt: beijingInstant(v.span[0]), endsAt: beijingInstant(v.span[1]), placeText: v.placeText?.trim() || null,
      cadreIds: v.cadreIds ?? [], participantCount: v.participantCount ?? null, notes: v.notes ?? '',
      ...(v.kind === 'reception' ? { receptionMode: v.receptionMode ?? 'public' } : {}),
      ...(outreach ? { audienceType: v.audienceType ?? null, materials: (v.materials ?? []).filter((m) => m?.title?.trim()).map((m) => ({ title: m.title.trim() })), caseIds: v.caseIds ?? [] } : {}),
    };
    // A new activity carries a key made here: with no signal it waits in the phone's outbox under that key, and a send
    // whose answer was lost is not recorded twice.
    const created = { ...body, kind: v.kind };
    const key = idempotencyKeyFor(lastKey, created);
    try {
      if (!existing && !navigator.onLine) throw new ApiError(0, 'network', '');
      const saved = existing
        ? await patch<Activity>(`/api/v1/activities/${existing.id}`, { ...body, version: existing.version })
        : await api<Activity>('POST', '/api/v1/activities', created, { headers: { 'idempotency-key': key } });
      message.success(existing ? w('saved') : w('created', { title: saved.title }));
      navigate(`/activities/${saved.id}`);
    } catch (e) {
      if (!existing && me && e instanceof ApiError && e.status === 0) {
        const { enqueue } = await import('../../lib/outbox.ts');
        await enqueue({ key, userId: me.id, kind: 'activity', label: created.title, url: '/api/v1/activities', body: created });
        message.info(w('keptOffline'));
        navigate('/outbox');
      } else if (e instanceof ApiError) {
        setError(e.message);
        form.setFields(Object.entries(e.fields).map(([k, msg]) => ({ name: (k === 'startsAt' || k === 'endsAt' ? 'span' : k.split('/')[0]) as keyof Values, errors: [msg] })));
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  };

  if (editing && !existing && !error) return <Spin />;
  return (
    <Card size="small" title={existing ? w('editActivity') : w('newActivity')} data-testid="activity-form">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="activity-form-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'outreach', cadreIds: me ? [me.id] : [], materials: [], caseIds: [], receptionMode: 'public' }}>
        <Form.Item name="kind" label={w('kind')}>
          <Segmented disabled={!!existing} options={ACTIVITY_KINDS.filter((k) => k !== 'onsite').map((k) => ({ value: k, label: n(ACTIVITY_KIND_NAMES[k]) }))} data-testid="activity-kind" />
        </Form.Item>
        <Form.Item name="title" label={w('topic')} rules={[{ required: true, whitespace: true, message: w('required') }, { max: ACTIVITY_LIMITS.titleMax }]}>
          <Input id="activity-title" autoComplete="off" placeholder={kind === 'outreach' ? (zh ? '例如：惠农补贴政策宣讲' : 'e.g. Farm subsidies explained') : kind === 'reception' ? (zh ? '例如：县领导接访日' : 'e.g. County leaders receive petitioners') : (zh ? '例如：春耕生产调研' : 'e.g. Spring planting')} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="orgUnitId" label={w('unit')} rules={[{ required: true, message: w('required') }]}>
              <UnitSelect id="activity-unit" levels={['county', 'township', 'village', 'grid']} allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="span" label={`${w('when')}${zh ? '（北京时间）' : ' (Beijing time)'}`} rules={[{ required: true, message: w('required') }]}>
              <DatePicker.RangePicker id="activity-span" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="placeText" label={w('placeText')} rules={[{ max: ACTIVITY_LIMITS.placeMax }]}>
              <Input id="activity-place" autoComplete="off" placeholder={zh ? '例如：东关村村部会议室' : 'e.g. the village hall'} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="participantCount" label={w('participants')}>
              <InputNumber id="activity-participants" min={0} max={ACTIVITY_LIMITS.participantsMax} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {kind === 'reception' && (
            <Col xs={12} md={6}>
              <Form.Item name="receptionMode" label={zh ? '接访方式' : 'Mode'}>
                <Select id="activity-reception-mode" options={RECEPTION_MODES.map((m) => ({ value: m, label: n(RECEPTION_MODE_NAMES[m]) }))} />
              </Form.Item>
            </Col>
          )}
          {kind === 'outreach' && (
            <Col xs={12} md={6}>
              <Form.Item name="audienceType" label={w('audience')}>
                <Select id="activity-audience" allowClear options={AUDIENCE_TYPES.map((a) => ({ value: a, label: n(AUDIENCE_TYPE_NAMES[a]) }))} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="cadreIds" label={w('cadres')}>
          <Select id="activity-cadres" mode="multiple" options={cadres} showSearch={{ optionFilterProp: 'label' }} maxCount={ACTIVITY_LIMITS.cadresMax} />
        </Form.Item>
        {kind === 'outreach' && (
          <>
            <Form.Item name="caseIds" label={w('cases')} extra={w('casesHint')}>
              <Select id="activity-cases" mode="multiple" options={caseOptions} filterOption={false} onSearch={searchCases} showSearch maxCount={ACTIVITY_LIMITS.casesMax}
                notFoundContent={w('none')} data-testid="activity-cases" />
            </Form.Item>
            <Form.List name="materials">
              {(fields, { add, remove }) => (
                <Form.Item label={w('materials')}>
                  {fields.map((f) => (
                    <Space key={f.key} style={{ display: 'flex', marginBottom: 8 }} align="baseline">
                      <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: w('required') }, { max: ACTIVITY_LIMITS.materialTitleMax }]} style={{ marginBottom: 0, minWidth: 260 }}>
                        <Input placeholder={w('materialTitle')} />
                      </Form.Item>
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={zh ? '删除' : 'Remove'} />
                    </Space>
                  ))}
                  {fields.length < ACTIVITY_LIMITS.materialsMax && <Button icon={<PlusOutlined />} onClick={() => add({ title: '' })}>{w('addMaterial')}</Button>}
                </Form.Item>
              )}
            </Form.List>
          </>
        )}
        <Form.Item name="notes" label={w('notes')} rules={[{ max: ACTIVITY_LIMITS.notesMax }]}>
          <Input.TextArea id="activity-notes" autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="activity-save">{w('save')}</Button>
          <Button onClick={() => navigate(existing ? `/activities/${existing.id}` : '/activities')}>{w('cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
