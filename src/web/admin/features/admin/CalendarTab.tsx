/** 节假日日历: a year's public holidays (休) and make-up working days (班), as twelve small months or a list; add, change, remove. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, AutoComplete, Button, DatePicker, Form, Modal, Popconfirm, Radio, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { get, put } from '../../api/client.ts';
import type { CalendarCoverage as Coverage, CalendarDay as Day } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { FormError, errorMessage, formErrorOf, useAdminT } from './common.tsx';
import { beijingToday } from '../../lib/beijing-time.ts';

interface DayValues { date: Dayjs | null; type: Day['type']; name: string }

/** Years offered: from the first seeded one to next year, and any later year the clocks need. */
const yearsUpTo = (last: number) => Array.from({ length: Math.max(2027, beijingYear() + 1, last) - 2023 }, (_, i) => 2024 + i);
const WEEK_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEK_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const COLOURS = {
  holiday: { bg: '#fff1f0', fg: '#cf1322', border: '#ffa39e' },
  workday: { bg: '#e6f4ff', fg: '#0958d9', border: '#91caff' },
};

const isWeekend = (date: string) => [0, 6].includes(dayjs(date).day());
// The year in Beijing, as the server counts it (a browser west of UTC+8 is still in last year on 1 January).
const beijingYear = () => Number(beijingToday().slice(0, 4));
const thisYear = () => Math.max(beijingYear(), 2024);

/** The calendar tab. */
export default function CalendarTab() {
  const t = useAdminT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear);
  const [days, setDays] = useState<Day[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [view, setView] = useState<'months' | 'list'>('months');
  const [editing, setEditing] = useState<{ date: string | null } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  const years = useMemo(() => yearsUpTo(Math.max(0, ...(coverage?.missingYears ?? []))), [coverage]);

  const load = useCallback((y: number) => {
    setLoadError(null);
    setDays(null);
    get<{ items: Day[] }>(`/api/v1/calendar?year=${y}`).then((r) => setDays(r.items), (e: unknown) => setLoadError(errorMessage(e)));
  }, []);
  useEffect(() => load(year), [load, year]);
  // Asked again after each edit (entering a year's first holiday ends its warning); in the client's language.
  const loadCoverage = useCallback(() => {
    get<Coverage>('/api/v1/calendar/coverage').then(setCoverage, () => setCoverage(null));
  }, []);
  useEffect(() => loadCoverage(), [loadCoverage, days, lang]);

  const byDate = useMemo(() => new Map((days ?? []).map((d) => [d.date, d])), [days]);
  const names = useMemo(() => [...new Set((days ?? []).map((d) => d.name))], [days]);
  const weekday = (date: string) => (lang === 'zh' ? '周' + WEEK_ZH[dayjs(date).day()] : WEEK_EN[dayjs(date).day()]);

  const remove = async (date: string) => {
    setRemoving(date);
    try {
      await put('/api/v1/calendar', { items: [], remove: [date] });
      message.success(t('dayRemoved', { date }));
      load(year);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setRemoving(null);
    }
  };
  const removeConfirm = (date: string) => t('confirmRemoveDay', { date, kind: t(isWeekend(date) ? 'ordinaryRestDay' : 'ordinaryWorkday') });

  const holidays = (days ?? []).filter((d) => d.type === 'holiday').length;
  const workdays = (days ?? []).length - holidays;

  const listRows = useMemo(() => {
    const rows = (days ?? []).map((d) => ({ ...d, month: Number(d.date.slice(5, 7)), span: 0 }));
    rows.forEach((r, i) => { if (i === 0 || rows[i - 1]!.month !== r.month) r.span = rows.filter((x) => x.month === r.month).length; });
    return rows;
  }, [days]);

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 12 }}>
        <Typography.Text>{t('year')}</Typography.Text>
        <Select<number> id="calendar-year" style={{ width: 100 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: String(y) }))} data-testid="calendar-year" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ date: null })} data-testid="calendar-add">{t('addDay')}</Button>
        <Segmented<'months' | 'list'> value={view} onChange={setView} options={[{ value: 'months', label: t('viewMonths') }, { value: 'list', label: t('viewList') }]} />
        <Space size={4} style={{ marginLeft: 'auto' }}>
          <DayMark type="holiday" /> <Typography.Text type="secondary">{t('holiday')}</Typography.Text>
          <span style={{ width: 8 }} />
          <DayMark type="workday" /> <Typography.Text type="secondary">{t('workday')}</Typography.Text>
        </Space>
      </div>
      {coverage?.warning && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={coverage.warning} data-testid="calendar-coverage-warning"
          data-years={coverage.missingYears.join(',')}
          action={coverage.missingYears[0] !== undefined && coverage.missingYears[0] !== year
            ? <Button size="small" onClick={() => setYear(coverage.missingYears[0]!)} data-testid="calendar-coverage-year">{t('enterYear', { y: coverage.missingYears[0]! })}</Button>
            : undefined} />
      )}
      <Alert type="info" showIcon style={{ marginBottom: 12 }}
        title={days ? (days.length ? t('calendarSummary', { y: year, h: holidays, w: workdays }) : t('calendarEmpty', { y: year })) : t('calendarHelp')}
        description={days ? [t('calendarHelp'), view === 'months' ? t('clickDayHint') : ''].join(lang === 'zh' ? '' : ' ') : undefined} />
      {loadError && <FormError error={{ message: t('loadFailed', { error: loadError }) }} />}
      {view === 'months' ? (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(226px, 1fr))', gap: 12, opacity: days ? 1 : 0.5 }} data-testid="calendar-months">
          {Array.from({ length: 12 }, (_, m) => (
            <MiniMonth key={m} year={year} month={m} byDate={byDate} onPick={(date) => setEditing({ date })} />
          ))}
        </div>
      ) : (
        <Table
          size="small"
          rowKey="date"
          loading={!days && !loadError}
          dataSource={listRows}
          pagination={false}
          data-testid="calendar-list"
          columns={[
            {
              title: lang === 'zh' ? '月份' : 'Month', key: 'month', width: 70,
              onCell: (r) => ({ rowSpan: r.span }),
              render: (_: unknown, r) => <Typography.Text strong>{lang === 'zh' ? `${r.month}月` : MONTH_EN[r.month - 1]}</Typography.Text>,
            },
            { title: t('date'), dataIndex: 'date', key: 'date', width: 120 },
            { title: t('weekday'), key: 'weekday', width: 80, render: (_: unknown, r) => <span style={{ color: isWeekend(r.date) ? '#999' : undefined }}>{weekday(r.date)}</span> },
            { title: t('dayType'), key: 'type', width: 170, render: (_: unknown, r) => <Space size={6}><DayMark type={r.type} />{t(r.type === 'holiday' ? 'holidayType' : 'workdayType')}</Space> },
            { title: t('dayName'), dataIndex: 'name', key: 'name' },
            {
              title: t('actions'), key: 'actions', width: 130,
              render: (_: unknown, r) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing({ date: r.date })}>{t('edit')}</Button>
                  <Popconfirm title={removeConfirm(r.date)} onConfirm={() => remove(r.date)}>
                    <Button type="link" size="small" danger loading={removing === r.date} data-testid={`calendar-remove-${r.date}`}>{t('remove')}</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing && (
        <DayModal
          initialDate={editing.date}
          year={year}
          byDate={byDate}
          names={names}
          removeConfirm={removeConfirm}
          onClose={() => setEditing(null)}
          onDone={(date, removed) => {
            setEditing(null);
            message.success(removed ? t('dayRemoved', { date }) : t('saved'));
            const y = Number(date.slice(0, 4));
            if (y !== year && years.includes(y)) setYear(y);
            else load(year);
          }}
        />
      )}
    </div>
  );
}

function DayMark({ type }: { type: Day['type'] }) {
  const t = useAdminT();
  const c = COLOURS[type];
  return (
    <span style={{ display: 'inline-block', minWidth: 18, padding: '0 3px', lineHeight: '18px', textAlign: 'center', fontSize: 12, borderRadius: 3, color: '#fff', background: c.fg }}>
      {t(type === 'holiday' ? 'holidayShort' : 'workdayShort')}
    </span>
  );
}

function MiniMonth({ year, month, byDate, onPick }: { year: number; month: number; byDate: Map<string, Day>; onPick: (date: string) => void }) {
  const { lang } = useI18n();
  const t = useAdminT();
  const first = dayjs(new Date(year, month, 1));
  const lead = (first.day() + 6) % 7; // weeks start on Monday
  const count = first.daysInMonth();
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: count }, (_, d) => first.date(d + 1).format('YYYY-MM-DD'))];
  const head = lang === 'zh' ? ['一', '二', '三', '四', '五', '六', '日'] : ['M', 'T', 'W', 'T', 'F', 'S', 'S'];
  const marked = cells.filter((c) => c && byDate.has(c)).length;
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 8px 6px' }} data-testid={`calendar-month-${month + 1}`}>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 4 }}>
        <Typography.Text strong>{lang === 'zh' ? `${month + 1}月` : MONTH_EN[month]}</Typography.Text>
        {marked > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{marked}</Typography.Text>}
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, textAlign: 'center', fontSize: 12 }}>
        {head.map((h, i) => <div key={`h${i}`} style={{ color: i >= 5 ? '#bbb' : '#888', lineHeight: '20px' }}>{h}</div>)}
        {cells.map((date, i) => {
          if (!date) return <div key={`e${i}`} />;
          const entry = byDate.get(date);
          const weekend = i % 7 >= 5;
          const c = entry ? COLOURS[entry.type] : null;
          const cell = (
            <button
              type="button"
              onClick={() => onPick(date)}
              data-date={date}
              data-type={entry?.type}
              aria-label={entry ? `${date} ${entry.name}` : date}
              style={{
                position: 'relative', width: '100%', height: 26, padding: 0, cursor: 'pointer', fontSize: 12, borderRadius: 3,
                border: `1px solid ${c ? c.border : 'transparent'}`, background: c ? c.bg : 'transparent',
                color: c ? c.fg : weekend ? '#bbb' : '#333', fontWeight: entry ? 600 : 400,
              }}
            >
              {Number(date.slice(8))}
              {entry && (
                <span style={{ position: 'absolute', top: -1, right: 0, fontSize: 9, lineHeight: '10px', fontWeight: 400 }}>
                  {t(entry.type === 'holiday' ? 'holidayMark' : 'workdayMark')}
                </span>
              )}
            </button>
          );
          return entry ? <Tooltip key={date} title={`${date} ${entry.name}`}>{cell}</Tooltip> : <div key={date}>{cell}</div>;
        })}
      </div>
    </div>
  );
}

function DayModal({ initialDate, year, byDate, names, removeConfirm, onClose, onDone }: {
  initialDate: string | null; year: number; byDate: Map<string, Day>; names: string[]; removeConfirm: (date: string) => string;
  onClose: () => void; onDone: (date: string, removed: boolean) => void;
}) {
  const t = useAdminT();
  const { t: word } = useI18n();
  const [form] = Form.useForm<DayValues>();
  const [busy, setBusy] = useState<'save' | 'remove' | null>(null);
  const [error, setError] = useState<{ message: string; rest: Record<string, string> } | null>(null);
  const date = Form.useWatch('date', form);
  const dateStr = date ? date.format('YYYY-MM-DD') : null;
  const existing = dateStr ? byDate.get(dateStr) : undefined;

  const valuesFor = (d: string | null): DayValues => {
    if (!d) return { date: null, type: 'holiday', name: '' };
    const e = byDate.get(d);
    return e ? { date: dayjs(d), type: e.type, name: e.name } : { date: dayjs(d), type: isWeekend(d) ? 'workday' : 'holiday', name: '' };
  };

  const send = async (body: unknown, d: string, removed: boolean) => {
    setBusy(removed ? 'remove' : 'save');
    setError(null);
    try {
      await put('/api/v1/calendar', body);
      onDone(d, removed);
    } catch (e) {
      setError(formErrorOf(form, e, { 'items.0.date': 'date', 'items.0.type': 'type', 'items.0.name': 'name', 'remove.0': 'date' }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal
      open
      title={dateStr ? t('editDay', { date: dateStr }) : t('addDay')}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        existing && dateStr ? (
          <Popconfirm key="remove" title={removeConfirm(dateStr)} onConfirm={() => send({ items: [], remove: [dateStr] }, dateStr, true)}>
            <Button danger loading={busy === 'remove'} style={{ float: 'left' }} data-testid="calendar-day-remove">{t('removeDay')}</Button>
          </Popconfirm>
        ) : null,
        <Button key="cancel" onClick={onClose}>{word('cancel')}</Button>,
        <Button key="ok" type="primary" loading={busy === 'save'} onClick={() => form.submit()} data-testid="calendar-day-submit">{word('save')}</Button>,
      ]}
    >
      <Form<DayValues>
        form={form}
        layout="vertical"
        initialValues={valuesFor(initialDate)}
        onValuesChange={(changed: Partial<DayValues>) => {
          if ('date' in changed) {
            const d = changed.date ? changed.date.format('YYYY-MM-DD') : null;
            const v = valuesFor(d);
            form.setFieldsValue({ type: v.type, name: v.name });
          }
        }}
        onFinish={(v: DayValues) => {
          const d = v.date!.format('YYYY-MM-DD');
          void send({ items: [{ date: d, type: v.type, name: v.name.trim() }] }, d, false);
        }}
      >
        <Form.Item name="date" label={t('date')} htmlFor="calendar-date" rules={[{ required: true, message: t('dateRequired') }]}>
          <DatePicker id="calendar-date" style={{ width: '100%' }} allowClear={false} defaultPickerValue={dayjs(new Date(year, 0, 1))} />
        </Form.Item>
        <Form.Item name="type" label={t('dayType')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={[
            { value: 'holiday', label: t('holiday') },
            { value: 'workday', label: t('workday') },
          ]} />
        </Form.Item>
        <Form.Item name="name" label={t('dayName')} htmlFor="calendar-name" rules={[
          { required: true, whitespace: true, message: t('nameRequired') },
          { max: 50, message: t('tooLong', { max: 50 }) },
        ]}>
          <AutoComplete id="calendar-name" maxLength={50} placeholder={t('dayNamePlaceholder')}
            options={names.map((x) => ({ value: x }))}
            showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input) }} />
        </Form.Item>
        <FormError error={error} />
      </Form>
    </Modal>
  );
}
