/**
 * Attachment storage under DATA_DIR: content-addressed by SHA-256, written to a temporary file, fsynced and
 * renamed into place before the database row commits, so an acknowledged upload survives a crash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../../plugins/errors.ts';
import { ATTACHMENT_TYPES, LIMITS } from '../../../shared/limits.ts';
import { ERRORS } from '../../../shared/messages.ts';
import { hasUnstorable } from '../../../shared/format.ts';

/** A file stored on disk. */
export interface StoredFile {
  sha256: string;
  size: number;
  storageKey: string;
  mime: string;
  /** False when the same content was already stored (files are shared by checksum). */
  created: boolean;
}

const MB = LIMITS.attachmentMaxBytes / 1024 / 1024;

/** The allowed extension of a file name, or an error naming the file. */
export function checkType(filename: string): { ext: string; mime: string } {
  const ext = path.extname(filename).slice(1).toLowerCase();
  const mime = ATTACHMENT_TYPES[ext];
  if (!mime) throw new AppError(415, 'attachment_type', { name: filename, allowed: Object.keys(ATTACHMENT_TYPES).join('、'), allowed_en: Object.keys(ATTACHMENT_TYPES).join(', ') });
  return { ext, mime };
}

/** Whether the first bytes of a file match what its extension claims. */
export function contentMatches(ext: string, head: Buffer): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  switch (ext) {
    case 'jpg': case 'jpeg': return starts(0xff, 0xd8, 0xff);
    case 'png': return starts(0x89, 0x50, 0x4e, 0x47);
    case 'gif': return head.subarray(0, 4).toString('latin1') === 'GIF8';
    case 'webp': return head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP';
    case 'pdf': return head.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'docx': case 'xlsx': return starts(0x50, 0x4b, 0x03, 0x04);
    case 'doc': case 'xls': return starts(0xd0, 0xcf, 0x11, 0xe0);
    case 'mp4': case 'm4a': return head.subarray(4, 8).toString('latin1') === 'ftyp';
    case 'mp3': return head.subarray(0, 3).toString('latin1') === 'ID3' || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0);
    case 'txt': return !head.includes(0);
    default: return false;
  }
}

/** Stream an upload into the store; rejects wrong types, oversize files and content that lies about its type. */
export async function storeUpload(dataDir: string, tenantId: number, filename: string, stream: Readable): Promise<StoredFile> {
  const { ext, mime } = checkType(filename);
  const dir = path.join(dataDir, 'attachments', String(tenantId));
  const tmpDir = path.join(dir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, randomBytes(12).toString('hex'));
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > LIMITS.attachmentMaxBytes) return cb(new AppError(413, 'attachment_too_large', { name: filename, max: MB }));
      if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(stream, meter, createWriteStream(tmp));
    if ((stream as Readable & { truncated?: boolean }).truncated) throw new AppError(413, 'attachment_too_large', { name: filename, max: MB });
    if (size === 0) throw new AppError(400, 'no_file');
    if (!contentMatches(ext, head)) throw new AppError(415, 'attachment_content_mismatch', { name: filename });
    const fh = await open(tmp, 'r');
    try { await fh.sync(); } finally { await fh.close(); }
    const sha256 = hash.digest('hex');
    const storageKey = path.join(String(tenantId), sha256.slice(0, 2), sha256);
    const final = path.join(dataDir, 'attachments', storageKey);
    await mkdir(path.dirname(final), { recursive: true });
    const existed = await stat(final).then(() => true, () => false);
    if (existed) {
      await rm(tmp, { force: true });
      return { sha256, size, storageKey, mime, created: false };
    }
    await rename(tmp, final);
    const dh = await open(path.dirname(final), 'r');
    try { await dh.sync(); } finally { await dh.close(); }
    return { sha256, size, storageKey, mime, created: true };
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Remove files this request created, when the request fails after storing them (no row points at them). */
export async function discardCreated(dataDir: string, files: readonly StoredFile[]): Promise<void> {
  await Promise.all(files.filter((f) => f.created).map((f) => rm(path.join(dataDir, 'attachments', f.storageKey), { force: true })));
}

/** A read stream of a stored file, after checking it is still there. */
export async function openStored(dataDir: string, storageKey: string): Promise<{ stream: Readable; size: number }> {
  const file = path.join(dataDir, 'attachments', storageKey);
  const s = await stat(file);
  return { stream: createReadStream(file), size: s.size };
}

/**
 * Store every file of a multipart request (field `file`): names that are not text refused, types outside `allowed`
 * (extensions; default every attachment type) refused by name, each file checked by its content and fsynced. On any
 * refusal the files this request created are removed again, and a body cut short is the client's 400, not a 500.
 */
export async function receiveUploads(
  files: AsyncIterable<MultipartFile>, dataDir: string, tenantId: number, allowed?: readonly string[],
): Promise<{ filename: string; file: StoredFile }[]> {
  const stored: { filename: string; file: StoredFile }[] = [];
  try {
    for await (const part of files) {
      // A name that was not UTF-8 arrives with U+FFFD in it (or a NUL): refused, not stored garbled.
      if (/[\ufffd\u0000]/.test(part.filename) || hasUnstorable(part.filename)) {
        part.file.resume();
        throw new AppError(400, 'attachment_name', {}, { file: { zh: ERRORS.attachment_name.zh, en: ERRORS.attachment_name.en } });
      }
      const ext = path.extname(part.filename).slice(1).toLowerCase();
      if (allowed && !allowed.includes(ext)) {
        part.file.resume();
        throw new AppError(415, 'attachment_type', { name: part.filename, allowed: allowed.join('、'), allowed_en: allowed.join(', ') });
      }
      stored.push({ filename: part.filename.slice(0, 200), file: await storeUpload(dataDir, tenantId, part.filename, part.file) });
    }
  } catch (err) {
    await discardCreated(dataDir, stored.map((s) => s.file));
    if (!(err instanceof AppError) && !(err as { statusCode?: number }).statusCode) throw new AppError(400, 'invalid_multipart');
    throw err;
  }
  if (stored.length === 0) throw new AppError(400, 'no_file', {}, { file: { zh: '请选择要上传的文件', en: 'Choose a file to upload' } });
  return stored;
}
