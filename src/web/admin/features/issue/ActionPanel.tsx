/**
 * One button per action the API allows now, each opening a small form with the fields that action needs.
 * The form is checked before sending; the server's field messages land beside the fields; a 409 offers to
 * reload; a network error keeps what was typed. Files chosen with a reply are uploaded after it succeeds.
 */
import { Fragment, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { CloseOutlined, PaperClipOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { REPLY_OUTCOMES, REPLY_OUTCOME_NAMES, SATISFACTIONS, SATISFACTION_NAMES, DEADLINE_KIND_NAMES, type ReplyOutcome, type Satisfaction } from '../../../../shared/enums.ts';
import { ACTION_NAMES, type IssueAction } from '../../../../shared/lifecycle.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { ApiError, get, post } from '../../api/client.ts';
import type { Issue, TimelineEvent } from '../../api/types.ts';
import { fmtDate, fmtDateTime, useI18n } from '../../app/i18n.tsx';
import { AttachmentPicker, uploadAttachments } from '../../components/AttachmentPicker.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { ACTION_SPECS, FIELD_IDS, FIELD_NAMES, type FieldName, type FieldSpec } from './actionSpecs.ts';
import { fileSize } from './AttachmentsCard.tsx';
import { useWords } from './words.ts';

interface Values {
  note?: string;
  reason?: string;
  properChannel?: string;
  unitId?: number | null;
  dueAt?: Dayjs | null;
  outcome?: ReplyOutcome;
  text?: string;
  basis?: string;
  resolved?: boolean;
  satisfaction?: Satisfaction;
  days?: number | null;
  intoIssueId?: number | null;
}

interface PanelProps {
  issue: Issue;
  timeline: TimelineEvent[] | null;
  /** Reload issue, timeline and attachments; answers the fresh issue. */
  reload: () => Promise<Issue | null>;
  /** Show the issue a command answered with. */
  setIssue: (i: Issue) => void;
}

/** The buttons and the modal. */
export function ActionPanel({ issue, timeline, reload, setIssue }: PanelProps) {
  const { n, lang } = useI18n();
  const w = useWords();
  const { message } = App.useApp();
  const [open, setOpen] = useState<IssueAction | null>(null);

  const done = async (action: IssueAction, updated: Issue, filesError: string | null) => {
    setIssue(updated);
    setOpen(null);
    message.success(`${n(ACTION_NAMES[action])}${lang === 'zh' ? '：' : ': '}${w('done')}`);
    if (filesError) message.warning({ content: `${w('filesUploadFailed')}${filesError} ${w('filesUploadRetry')}`, duration: 10 });
    await reload();
  };

  const reloadFor = async (action: IssueAction) => {
    const fresh = await reload();
    if (!fresh || !fresh.allowedActions.includes(action)) {
      setOpen(null);
      message.info(w('actionGone'));
    } else {
      message.success(w('reloaded'));
    }
  };

  return (
    <div data-testid="actions">
      {issue.allowedActions.length === 0 ? (
        <Typography.Text type="secondary">{w('noActions')}</Typography.Text>
      ) : (
        <Flex wrap gap={8}>
          {issue.allowedActions.map((a, i) => (
            <Button
              key={a}
              type={i === 0 && a !== 'note' ? 'primary' : 'default'}
              danger={!!ACTION_SPECS[a].danger && i !== 0}
              data-testid={`action-${a}`}
              onClick={() => setOpen(a)}
            >
              {n(ACTION_NAMES[a])}
            </Button>
          ))}
        </Flex>
      )}
      {open && (
        <ActionModal
          key={open}
          issue={issue}
          action={open}
          timeline={timeline}
          onCancel={() => setOpen(null)}
          onDone={(updated, filesError) => done(open, updated, filesError)}
          onReload={() => reloadFor(open)}
        />
      )}
    </div>
  );
}

interface ModalProps {
  issue: Issue;
  action: IssueAction;
  timeline: TimelineEvent[] | null;
  onCancel: () => void;
  onDone: (updated: Issue, filesError: string | null) => Promise<void>;
  onReload: () => Promise<void>;
}

type Problem = { kind: 'conflict' | 'refused' | 'network' | 'error'; text: string; details: string[] };

/** Today in Shanghai, `YYYY-MM-DD`. */
const todayShanghai = () => fmtDate(new Date().toISOString());

function ActionModal({ issue, action, timeline, onCancel, onDone, onReload }: ModalProps) {
  const { n, lang } = useI18n();
  const w = useWords();
  const spec = ACTION_SPECS[action];
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const names = useMemo(() => spec.fields.map((f) => f.name), [spec]);

  // The running handling clock bounds an assignment's due date.
  const handle = issue.deadlines.filter((d) => d.kind === 'handle' && !d.metAt).pop();
  const handleDay = handle ? fmtDate(handle.dueAt) : null;
  // The extension asked for, shown when deciding on it.
  const lastRequest = [...(timeline ?? [])].reverse().find((e) => e.type === 'request_extension');
  const requestedDays = typeof lastRequest?.data.days === 'number' ? lastRequest.data.days : undefined;

  const initialValues: Values = {
    ...(action === 'assign' && handleDay ? { dueAt: dayjs(handleDay) } : {}),
    ...(action === 'approve_extension' && requestedDays ? { days: requestedDays } : {}),
  };

  const submit = async (v: Values) => {
    const body: Record<string, unknown> = { action, version: issue.version };
    for (const name of names) {
      const value = v[name];
      if (value === undefined || value === null) continue;
      if (typeof value === 'string') {
        if (value.trim()) body[name] = value.trim();
      } else if (name === 'dueAt') {
        const day = (value as Dayjs).format('YYYY-MM-DD');
        // The statutory day itself is the default: sending it would only rewrite the clock's rule.
        if (day !== handleDay) body.dueAt = new Date(`${day}T23:59:59.999+08:00`).toISOString();
      } else body[name] = value;
    }
    setBusy(true);
    setProblem(null);
    try {
      const updated = await post<Issue>(`/api/v1/issues/${issue.id}/transitions`, body);
      let filesError: string | null = null;
      if (files.length) {
        try {
          await uploadAttachments(issue.id, files);
        } catch (e) {
          filesError = e instanceof Error ? e.message : String(e);
        }
      }
      await onDone(updated, filesError);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setProblem({ kind: 'error', text: String(e), details: [] });
        return;
      }
      const mine = Object.entries(e.fields).filter(([k]) => (names as string[]).includes(k));
      const others = Object.entries(e.fields).filter(([k]) => !(names as string[]).includes(k)).map(([, m]) => m);
      if (mine.length) form.setFields(mine.map(([name, msg]) => ({ name: name as FieldName, errors: [msg] })));
      const kind: Problem['kind'] = e.status === 409 ? 'conflict' : e.status === 422 || e.status === 404 ? 'refused' : e.status === 0 ? 'network' : 'error';
      // When every message found its field, the fields say it all; otherwise the whole message goes on top.
      if (mine.length && !others.length && kind !== 'conflict') return;
      setProblem({ kind, text: e.message, details: others });
    } finally {
      setBusy(false);
    }
  };

  const reloadNow = async () => {
    setReloading(true);
    try {
      await onReload();
      setProblem(null);
    } finally {
      setReloading(false);
    }
  };

  const labelOf = (f: FieldSpec) => n(f.label ?? FIELD_NAMES[f.name]);
  const textRules = (f: FieldSpec) => [
    ...(f.required ? [{ required: true, whitespace: true, message: lang === 'zh' ? `请填写${labelOf(f)}` : `${labelOf(f)} is required` }] : []),
    { max: LIMITS.textMax, message: lang === 'zh' ? `不能超过 ${LIMITS.textMax} 个字符` : `At most ${LIMITS.textMax} characters` },
  ];
  const pickRule = (f: FieldSpec) => (f.required ? [{ required: true, message: lang === 'zh' ? `请选择${labelOf(f)}` : `Choose ${labelOf(f).toLowerCase()}` }] : []);

  const field = (f: FieldSpec) => {
    const id = FIELD_IDS[f.name];
    const label = labelOf(f);
    const placeholder = f.placeholder ? n(f.placeholder) : undefined;
    const common = { name: f.name, label, htmlFor: id };
    switch (f.name) {
      case 'note':
      case 'reason':
      case 'text':
      case 'basis':
        return (
          <Form.Item {...common} rules={textRules(f)}>
            <Input.TextArea id={id} autoSize={{ minRows: f.name === 'text' ? 4 : 2, maxRows: 10 }} placeholder={placeholder} />
          </Form.Item>
        );
      case 'properChannel':
        return <Form.Item {...common} rules={textRules(f)}><Input id={id} placeholder={placeholder} /></Form.Item>;
      case 'unitId':
        return <Form.Item {...common} rules={pickRule(f)}><UnitSelect id={id} placeholder={lang === 'zh' ? '选择承办单位' : 'Choose a unit'} /></Form.Item>;
      case 'dueAt':
        return (
          <Form.Item
            {...common}
            extra={handle ? `${w('dueAtHelp')}（${fmtDateTime(handle.dueAt)}）` : undefined}
            rules={[{
              validator: (_r, value: Dayjs | null | undefined) => {
                if (!value) return Promise.resolve();
                const day = value.format('YYYY-MM-DD');
                if (day < todayShanghai()) return Promise.reject(new Error(w('dueAtPast')));
                if (handleDay && day > handleDay) return Promise.reject(new Error(w('dueAtTooLate')));
                return Promise.resolve();
              },
            }]}
          >
            <DatePicker
              id={id}
              style={{ width: '100%' }}
              disabledDate={(d) => {
                const day = d.format('YYYY-MM-DD');
                return day < todayShanghai() || (!!handleDay && day > handleDay);
              }}
            />
          </Form.Item>
        );
      case 'outcome':
        return (
          <Form.Item {...common} rules={pickRule(f)}>
            <Radio.Group id={id} options={REPLY_OUTCOMES.map((o) => ({ value: o, label: n(REPLY_OUTCOME_NAMES[o]) }))} />
          </Form.Item>
        );
      case 'resolved':
        return (
          <Form.Item {...common} rules={pickRule(f)}>
            <Radio.Group id={id} options={[{ value: true, label: w('yes') }, { value: false, label: w('no') }]} />
          </Form.Item>
        );
      case 'satisfaction':
        return (
          <Form.Item {...common} rules={pickRule(f)}>
            <Radio.Group id={id} options={SATISFACTIONS.map((s) => ({ value: s, label: n(SATISFACTION_NAMES[s]) }))} />
          </Form.Item>
        );
      case 'days':
        return (
          <Form.Item
            {...common}
            extra={action === 'approve_extension' ? w('daysApproveHelp') : w('daysHelp')}
            rules={[
              ...(f.required ? [{ required: true, message: lang === 'zh' ? '请填写延期天数' : 'Days are required' }] : []),
              { type: 'integer' as const, min: 1, max: LIMITS.extensionMaxDays, message: lang === 'zh' ? `延期天数应为 1–${LIMITS.extensionMaxDays} 的整数` : `Days must be a whole number from 1 to ${LIMITS.extensionMaxDays}` },
            ]}
          >
            <InputNumber id={id} precision={0} style={{ width: 160 }} suffix={w('dayUnit')} />
          </Form.Item>
        );
      case 'intoIssueId':
        return (
          <Form.Item
            {...common}
            extra={<MergeTarget issueId={issue.id} />}
            rules={[
              { required: true, message: lang === 'zh' ? '请填写目标问题编号' : 'The target issue is required' },
              {
                validator: (_r, value: number | null | undefined) => (value === issue.id
                  ? Promise.reject(new Error(lang === 'zh' ? '不能并入自身' : 'An issue cannot be merged into itself'))
                  : Promise.resolve()),
              },
            ]}
          >
            <InputNumber id={id} min={1} precision={0} style={{ width: 200 }} placeholder={lang === 'zh' ? '如 1234' : 'e.g. 1234'} />
          </Form.Item>
        );
    }
  };

  // What the person deciding should see without leaving the form.
  const context: { label: string; value: string }[] = [];
  if ((action === 'approve_extension' || action === 'reject_extension') && lastRequest) {
    if (requestedDays) context.push({ label: w('requestedDays'), value: lang === 'zh' ? `${requestedDays} 日` : `${requestedDays} days` });
    if (typeof lastRequest.data.reason === 'string') context.push({ label: n(FIELD_NAMES.reason), value: lastRequest.data.reason });
    if (handle) context.push({ label: `${n(DEADLINE_KIND_NAMES.handle)}${lang === 'zh' ? '' : ' '}${w('due')}`, value: fmtDateTime(handle.dueAt) });
  }
  if (action === 'close' && issue.resolved !== null) {
    context.push({
      label: w('callbackResult'),
      value: `${issue.resolved ? w('resolvedYes') : w('resolvedNo')}${issue.satisfaction ? ` · ${n(SATISFACTION_NAMES[issue.satisfaction as Satisfaction])}` : ''}`,
    });
  }
  if (action === 'request_review' || action === 'request_re_review') {
    const kind = action === 'request_review' ? 'review_request' : 're_review_request';
    const win = issue.deadlines.filter((d) => d.kind === kind && !d.metAt).pop();
    if (win) context.push({ label: `${n(DEADLINE_KIND_NAMES[kind])} · ${w('windowUntil')}`, value: fmtDateTime(win.dueAt) });
  }

  return (
    <Modal
      open
      title={<>{n(ACTION_NAMES[action])} <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>{issue.trackingCode}</Typography.Text></>}
      onCancel={busy ? undefined : onCancel}
      mask={{ closable: false }}
      destroyOnHidden
      width={560}
      footer={[
        <Button key="cancel" onClick={onCancel} disabled={busy}>{lang === 'zh' ? '取消' : 'Cancel'}</Button>,
        <Button key="submit" type="primary" danger={spec.danger} loading={busy} onClick={() => form.submit()} data-testid="action-submit">
          {lang === 'zh' ? '提交' : 'Submit'}
        </Button>,
      ]}
    >
      <div data-testid="action-modal" data-action={action}>
        {spec.confirm && <Typography.Paragraph>{n(spec.confirm)}</Typography.Paragraph>}
        {context.length > 0 && (
          <div style={{ background: '#fafafa', borderRadius: 4, padding: '8px 12px', marginBottom: 16 }}>
            {context.map((c) => (
              <div key={c.label}><Typography.Text type="secondary">{c.label}{lang === 'zh' ? '：' : ': '}</Typography.Text><span style={{ whiteSpace: 'pre-wrap' }}>{c.value}</span></div>
            ))}
          </div>
        )}
        {problem && (
          <Alert
            type={problem.kind === 'network' ? 'warning' : 'error'}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="action-error"
            data-kind={problem.kind}
            title={problem.text}
            description={problem.details.length ? problem.details.join(lang === 'zh' ? '；' : '; ') : undefined}
            action={problem.kind === 'conflict' || problem.kind === 'refused'
              ? <Button size="small" loading={reloading} onClick={() => void reloadNow()} data-testid="action-reload">{w('reload')}</Button>
              : undefined}
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={(v) => void submit(v)}
          disabled={busy}
          requiredMark
        >
          {spec.fields.map((f) => <Fragment key={f.name}>{field(f)}</Fragment>)}
          {spec.files && (
            <Form.Item label={w('replyFiles')}>
              <Flex vertical gap={4}>
                {files.map((f, i) => (
                  <Flex key={`${f.name}-${i}`} gap={8} align="center">
                    <PaperClipOutlined style={{ color: '#999' }} />
                    <Typography.Text ellipsis style={{ maxWidth: 360 }}>{f.name}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fileSize(f.size)}</Typography.Text>
                    <Button type="text" size="small" icon={<CloseOutlined />} aria-label="remove" onClick={() => setFiles(files.filter((_, j) => j !== i))} />
                  </Flex>
                ))}
                <div>
                  <AttachmentPicker
                    testId="action-files-input"
                    max={LIMITS.attachmentsPerUpload - files.length}
                    disabled={busy || files.length >= LIMITS.attachmentsPerUpload}
                    onPick={(picked) => setFiles([...files, ...picked])}
                  />
                </div>
              </Flex>
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}

/** Under the merge target's number: which issue that is, once it can be looked up. */
function MergeTarget({ issueId }: { issueId: number }) {
  const w = useWords();
  const form = Form.useFormInstance<Values>();
  const target = Form.useWatch('intoIssueId', form);
  const [found, setFound] = useState<{ id: number; issue: Issue | null } | null>(null);
  useEffect(() => {
    if (!target || target === issueId || !Number.isInteger(target)) return;
    let live = true;
    const t = setTimeout(() => {
      get<Issue>(`/api/v1/issues/${target}`).then(
        (i) => { if (live) setFound({ id: target, issue: i }); },
        () => { if (live) setFound({ id: target, issue: null }); },
      );
    }, 300);
    return () => { live = false; clearTimeout(t); };
  }, [target, issueId]);
  if (!target || found?.id !== target) return <span>{w('mergeTargetHelp')}</span>;
  if (!found.issue) return <Typography.Text type="warning" data-testid="merge-target">{w('mergeTargetMissing')}</Typography.Text>;
  return (
    <span data-testid="merge-target">
      {found.issue.trackingCode} {found.issue.title} <StatusTag status={found.issue.status} />
    </span>
  );
}
