/** A status as a coloured tag: colour from the coarse type, words from the shared lifecycle table. */
import { Tag } from 'antd';
import { STATUS_INFO, type IssueStatus } from '../../../shared/lifecycle.ts';
import { useI18n } from '../app/i18n.tsx';

const COLOURS: Partial<Record<IssueStatus, string>> = {
  registered: 'default', accepted: 'blue', assigned: 'geekblue', returned: 'orange', in_progress: 'processing',
  extension_requested: 'gold', replied: 'cyan', callback: 'cyan', reopened: 'volcano', review: 'purple', re_review: 'purple',
};

/** The tag. */
export function StatusTag({ status }: { status: IssueStatus }) {
  const { n } = useI18n();
  const info = STATUS_INFO[status];
  const colour = info.type === 'resolved' ? 'success' : info.type === 'unresolved' ? 'default' : COLOURS[status] ?? 'blue';
  return <Tag color={colour} data-status={status}>{n(info)}</Tag>;
}
