/**
 * A questionnaire's results, question by question: for a choice question the count and share of each option (a bar
 * chart), for a scale or a number its mean, median and distribution (a bar chart), for a text question its answers.
 * Used on the questionnaire's page and in the research report (`compact`: print-friendly, no search).
 */
import { useMemo } from 'react';
import { Empty, List, Tag, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import type { Results } from '../../../../shared/api/questionnaires.ts';
import { QUESTION_TYPE_NAMES } from '../../../../shared/questionnaire.ts';
import { fmtDateTime, useI18n } from '../../app/i18n.tsx';
import { Chart } from '../../components/Chart.tsx';

type QResult = Results['questions'][number];

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

function chartOf(q: QResult, zh: boolean): EChartsCoreOption | null {
  const choice = q.type === 'single' || q.type === 'multiple';
  const labels = choice ? q.options.map((o) => o.text) : q.distribution.map((d) => (q.type === 'scale' ? `${d.label}${zh ? ' 分' : ''}` : d.label));
  const counts = choice ? q.options.map((o) => o.count) : q.distribution.map((d) => d.count);
  if (labels.length === 0) return null;
  return {
    animation: false,
    grid: { left: choice ? 8 : 32, right: choice ? 96 : 24, top: choice ? 8 : 24, bottom: choice ? 8 : 24, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    ...(choice
      ? { xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 120, overflow: 'truncate' } } }
      : { xAxis: { type: 'category', data: labels }, yAxis: { type: 'value', minInterval: 1 } }),
    series: [{
      type: 'bar', data: counts, barMaxWidth: 28, itemStyle: { color: '#1f5fbf' },
      label: { show: true, position: choice ? 'right' : 'top', formatter: choice ? (p: { dataIndex: number; value: number }) => `${p.value}（${pct(q.options[p.dataIndex]!.share)}）` : '{c}' },
    }],
  };
}

/** One question's result. */
function QuestionResult({ q, index, compact }: { q: QResult; index: number; compact: boolean }) {
  const { n, lang } = useI18n();
  const zh = lang === 'zh';
  const option = useMemo(() => chartOf(q, zh), [q, zh]);
  const rows = q.type === 'single' || q.type === 'multiple' ? q.options.length : q.distribution.length;
  return (
    <section className="yx-q-result" data-testid={`q-result-${q.id}`} style={{ marginBottom: 16, breakInside: 'avoid' }}>
      <div style={{ fontWeight: 600 }}>
        {index + 1}. {q.title} <Tag>{n(QUESTION_TYPE_NAMES[q.type])}</Tag>{q.closed && <Tag color="default">{zh ? '已停用' : 'Closed'}</Tag>}
        <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 4 }} data-testid="q-answered">{zh ? `${q.answered} 人作答` : `${q.answered} answered`}</Typography.Text>
      </div>
      {(q.type === 'scale' || q.type === 'number') && q.answered > 0 && (
        <Typography.Text type="secondary">
          {zh ? '平均' : 'Mean'} {q.mean}　{zh ? '中位数' : 'Median'} {q.median}　{zh ? '最低' : 'Min'} {q.minValue}　{zh ? '最高' : 'Max'} {q.maxValue}
        </Typography.Text>
      )}
      {q.type === 'text'
        ? (
          <List size="small" dataSource={q.texts} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={zh ? '没有文字回答' : 'No answers'} /> }}
            renderItem={(t) => <List.Item data-testid="q-text-answer"><span style={{ whiteSpace: 'pre-wrap' }}>{t.text}</span>{!compact && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtDateTime(t.createdAt)}</Typography.Text>}</List.Item>}
            footer={q.textTotal > q.texts.length ? <Typography.Text type="secondary">{zh ? `共 ${q.textTotal} 条，显示 ${q.texts.length} 条` : `${q.textTotal} in all, ${q.texts.length} shown`}</Typography.Text> : undefined} />
        )
        : option && q.answered > 0 ? <Chart option={option} height={Math.max(120, rows * 30 + 40)} /> : <Typography.Paragraph type="secondary">{zh ? '还没有回答' : 'No answers yet'}</Typography.Paragraph>}
    </section>
  );
}

/** The results of every question. */
export function QuestionnaireResults({ results, compact = false }: { results: Results; compact?: boolean }) {
  return <div data-testid="q-results">{results.questions.map((q, i) => <QuestionResult key={q.id} q={q} index={i} compact={compact} />)}</div>;
}
