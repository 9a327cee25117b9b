/**
 * Choose files to attach, checked before anything is sent: the allowed types (src/shared/limits.ts
 * ATTACHMENT_TYPES, by extension), the size limit, and how many go in one upload. Rejected files are
 * named in a message; the accepted ones go to `onPick`. Also `uploadAttachments` for the multipart POST.
 */
import { useRef, type CSSProperties } from 'react';
import { App, Button } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { ATTACHMENT_TYPES, LIMITS } from '../../../shared/limits.ts';
import { api } from '../api/client.ts';
import type { Attachment } from '../api/types.ts';
import { useI18n, type Lang } from '../app/i18n.tsx';

const MAX_MB = LIMITS.attachmentMaxBytes / 1024 / 1024;
const ALLOWED = Object.keys(ATTACHMENT_TYPES);
/** The `accept` attribute of the file input: `.jpg,.jpeg,…`. */
export const ATTACHMENT_ACCEPT = ALLOWED.map((e) => `.${e}`).join(',');

/** Why a file may not be attached, in the given language; null when it may. */
export function attachmentProblem(file: Pick<File, 'name' | 'size'>, lang: Lang): string | null {
  const ext = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  const zh = lang === 'zh';
  if (!ext || !(ext in ATTACHMENT_TYPES)) {
    return zh ? `不支持「${file.name}」的文件类型，允许：${ALLOWED.join('、')}` : `File type of "${file.name}" is not allowed; allowed: ${ALLOWED.join(', ')}`;
  }
  if (file.size > LIMITS.attachmentMaxBytes) return zh ? `「${file.name}」超过 ${MAX_MB} MB` : `"${file.name}" exceeds ${MAX_MB} MB`;
  if (file.size === 0) return zh ? `「${file.name}」是空文件` : `"${file.name}" is empty`;
  return null;
}

/** Upload files to an issue in one multipart request (field `file`); answers the stored attachments. */
export async function uploadAttachments(issueId: number, files: readonly File[]): Promise<Attachment[]> {
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  const r = await api<{ items: Attachment[] }>('POST', `/api/v1/issues/${issueId}/attachments`, form);
  return r.items;
}

interface Props {
  /** The files that passed the checks (at most `max`). */
  onPick: (files: File[]) => void;
  /** How many files may be picked at once (default LIMITS.attachmentsPerUpload). */
  max?: number;
  label?: string;
  disabled?: boolean;
  loading?: boolean;
  id?: string;
  /** data-testid of the hidden file input (default `attachment-input`). */
  testId?: string;
  style?: CSSProperties;
}

/** A button that opens the file chooser and checks what was chosen. */
export function AttachmentPicker({ onPick, max = LIMITS.attachmentsPerUpload, label, disabled, loading, id, testId = 'attachment-input', style }: Props) {
  const { lang } = useI18n();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const zh = lang === 'zh';
  const picked = (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (input.current) input.current.value = '';
    if (files.length === 0) return;
    const problems: string[] = [];
    const ok: File[] = [];
    for (const f of files) {
      const p = attachmentProblem(f, lang);
      if (p) problems.push(p);
      else ok.push(f);
    }
    if (ok.length > max) {
      problems.push(zh ? `一次最多上传 ${max} 个文件，多出的 ${ok.length - max} 个未添加` : `At most ${max} files at a time; ${ok.length - max} were left out`);
      ok.length = max;
    }
    if (problems.length) message.error({ content: problems.join(zh ? '；' : '; '), duration: 6 });
    if (ok.length) onPick(ok);
  };
  return (
    <>
      <input
        ref={input}
        id={id}
        type="file"
        multiple={max > 1}
        accept={ATTACHMENT_ACCEPT}
        style={{ display: 'none' }}
        data-testid={testId}
        onChange={(e) => picked(e.target.files)}
      />
      <Button icon={<PaperClipOutlined />} disabled={disabled} loading={loading} style={style} onClick={() => input.current?.click()}>
        {label ?? (zh ? '选择文件' : 'Choose files')}
      </Button>
    </>
  );
}
