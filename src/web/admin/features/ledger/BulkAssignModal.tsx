/** Bulk assignment: pick the unit and an optional due date, then see what happened to each issue. */
import { useState } from 'react';
import { Alert, App, DatePicker, Form, Modal, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { bulkAssign, type BulkResult, type LedgerIssue } from './ledger-api.ts';
import { useWords } from './words.ts';
import { beijingToday } from '../../lib/beijing-time.ts';

interface Props {
  issues: LedgerIssue[];
  onClose: (changed: boolean) => void;
}

/** The dialog; `onClose(true)` when at least one issue changed, so the list reloads. */
export function BulkAssignModal({ issues, onClose }: Props) {
  const w = useWords();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ unitId: number | null; due: Dayjs | null }>();
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<BulkResult[] | null>(null);

  const submit = async (v: { unitId: number | null; due: Dayjs | null }) => {
    setBusy(true);
    try {
      // The chosen day is a Shanghai working day: the issue is due at its end.
      const dueAt = v.due ? `${v.due.format('YYYY-MM-DD')}T23:59:59+08:00` : null;
      setResults(await bulkAssign(v.unitId!, dueAt, issues.map((i) => ({ id: i.id, version: i.version }))));
    } catch (e) {
      const fields = e instanceof ApiError ? e.fields : {};
      const known = (['unitId', 'dueAt'] as const).filter((f) => fields[f]);
      if (known.length) form.setFields(known.map((f) => ({ name: f === 'dueAt' ? 'due' : f, errors: [fields[f]!] })));
      else message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const byId = new Map(issues.map((i) => [i.id, i]));
  const ok = results?.filter((r) => r.ok).length ?? 0;

  return (
    <Modal
      open
      title={w('bulkAssignTitle', { n: issues.length })}
      okText={results ? w('bulkDone') : w('bulkSubmit')}
      onOk={() => (results ? onClose(ok > 0) : form.submit())}
      onCancel={() => onClose(ok > 0)}
      cancelButtonProps={results ? { style: { display: 'none' } } : undefined}
      confirmLoading={busy}
      mask={{ closable: false }}
      width={640}
      destroyOnHidden
    >
      {!results && (
        <>
          <Alert type="info" showIcon title={w('bulkAssignHint')} style={{ marginBottom: 16 }} />
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ unitId: null, due: null }}>
            <Form.Item name="unitId" label={w('bulkUnit')} rules={[{ required: true }]}>
              <UnitSelect placeholder={w('bulkUnit')} id="bulk-assign-unit" />
            </Form.Item>
            <Form.Item name="due" label={w('bulkDue')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < beijingToday()} data-testid="bulk-assign-due" />
            </Form.Item>
          </Form>
        </>
      )}
      {results && (
        <div data-testid="bulk-assign-results">
          <Alert
            type={ok === results.length ? 'success' : ok === 0 ? 'error' : 'warning'}
            showIcon
            title={w('bulkSummary', { ok, failed: results.length - ok })}
            style={{ marginBottom: 12 }}
          />
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ y: 320 }}
            dataSource={results}
            columns={[
              { title: w('trackingCode'), key: 'code', width: 160, render: (_, r) => byId.get(r.id)?.trackingCode ?? `#${r.id}` },
              { title: w('issueTitle'), key: 'title', width: 180, ellipsis: true, render: (_, r) => byId.get(r.id)?.title ?? '' },
              {
                title: w('result'), key: 'result',
                render: (_, r) => (r.ok
                  ? <Tag color="success" icon={<CheckCircleFilled />} data-ok="true">{w('bulkOk')}</Tag>
                  : <Typography.Text type="danger" data-ok="false"><CloseCircleFilled /> {r.error?.message}</Typography.Text>),
              },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
