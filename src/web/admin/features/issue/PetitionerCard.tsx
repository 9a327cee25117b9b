/** The petitioner, masked as the API sends it; revealing the full values is a separate call the server records. */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { EyeOutlined } from '@ant-design/icons';
import { ApiError, post } from '../../api/client.ts';
import type { Issue, Petitioner } from '../../api/types.ts';
import { useWords } from './words.ts';

/** The petitioner card. Mount it with `key={issue.id}` so a revealed value never outlives its issue. */
export function PetitionerCard({ issue }: { issue: Issue }) {
  const w = useWords();
  const { lang } = useI18n();
  const [revealed, setRevealed] = useState<Petitioner | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ forbidden: boolean; text: string } | null>(null);

  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setRevealed(await post<Petitioner>(`/api/v1/issues/${issue.id}/petitioner/reveal`));
    } catch (e) {
      const forbidden = e instanceof ApiError && e.status === 403;
      setError({ forbidden, text: forbidden ? w('revealForbidden') : e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const p = revealed ?? issue.petitioner;
  let body;
  if (issue.anonymous) {
    body = <Typography.Text data-testid="petitioner-anonymous">{w('anonymous')}</Typography.Text>;
  } else if (!p) {
    body = <Typography.Text type="secondary">{w('noPetitioner')}</Typography.Text>;
  } else {
    const dash = (v: string | null) => v || '—';
    body = (
      <>
        <Descriptions
          size="small"
          column={1}
          data-testid="petitioner"
          data-masked={p.masked}
          items={[
            { key: 'name', label: w('name'), children: dash(p.name) },
            { key: 'phone', label: w('phone'), children: dash(p.phone) },
            { key: 'id', label: w('idNumber'), children: dash(p.idNumber) },
            { key: 'address', label: w('petitionerAddress'), children: dash(p.address) },
          ]}
        />
        {revealed ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{w('revealed')}</Typography.Text>
        ) : !error?.forbidden && (
          <Button size="small" style={{ marginTop: 4 }} icon={<EyeOutlined />} loading={busy} onClick={() => void reveal()} data-testid="reveal-petitioner">
            {w('reveal')}
          </Button>
        )}
        {error && <Alert type={error.forbidden ? 'info' : 'error'} showIcon title={error.text} style={{ marginTop: 8 }} data-testid="reveal-error" />}
      </>
    );
  }
  return (
    <Card
      size="small"
      title={w('petitioner')}
      extra={p && !issue.anonymous && p.masked && !revealed ? <Tag>{w('masked')}</Tag> : null}
      data-testid="petitioner-card"
    >
      {body}
      {issue.joint && (
        // 第20条: a joint petition and its representatives, masked like a petitioner.
        <div data-testid="petitioner-joint" style={{ marginTop: 12, paddingTop: 8, borderTop: '1px solid #f0f0f0' }}>
          <Typography.Text strong>{lang === 'zh' ? `联名 / 集体访：${issue.joint.signerCount} 人` : `Joint petition: ${issue.joint.signerCount} people`}</Typography.Text>
          {issue.joint.signerNamesCount > 0 && <Typography.Text type="secondary">{lang === 'zh' ? `（列名 ${issue.joint.signerNamesCount} 人）` : ` (${issue.joint.signerNamesCount} named)`}</Typography.Text>}
          <div>{lang === 'zh' ? '代表' : 'Representatives'}：{issue.joint.representatives.map((r) => `${r.name ?? '—'}${r.phone ? ` ${r.phone}` : ''}`).join('；') || '—'}</div>
        </div>
      )}
    </Card>
  );
}
