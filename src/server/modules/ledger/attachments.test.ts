import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { intake, setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };
type AttachmentJson = { id: number; filename: string; mime: string; size: number; sha256: string; createdAt: string; url: string };
type IssueJson = { id: number; version: number };

// ---- A real 1×1 PNG, built here: signature, IHDR, IDAT, IEND with their CRCs. ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(rgb: [number, number, number] = [255, 0, 0]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, ...rgb]))), // one scanline: filter byte + one pixel
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// ---- multipart/form-data by hand. ----
const BOUNDARY = '----YixianTestBoundary7MA4YWxkTrZu0gW';
type Part = { filename: string; content: Buffer; type?: string; field?: string } | { field: string; value: string };
function multipart(parts: readonly Part[]): { payload: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('value' in p) {
      chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`));
    } else {
      chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.field ?? 'file'}"; filename="${p.filename}"\r\n`
        + `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`), p.content, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

async function upload(c: Client, issueId: number, parts: readonly Part[], extra: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const { payload, headers } = multipart(parts);
  return c.raw({ method: 'POST', url: `/api/v1/issues/${issueId}/attachments`, payload, headers: { ...headers, ...extra } });
}

async function register(unitName: string): Promise<IssueJson> {
  const r = await (await t.as('clerk')).post('/api/v1/issues', intake(t.unit(unitName)));
  expect(r.statusCode, r.body).toBe(201);
  return json<IssueJson>(r);
}

/** Every file under DATA_DIR/attachments (temporary ones included), relative. */
function storedFiles(): string[] {
  const root = path.join(t.config.dataDir, 'attachments');
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
    .sort();
}
const attachmentRows = () => t.db.selectFrom('attachments').select(['id', 'issueId', 'sha256']).orderBy('id').execute();
const eventTypes = async (issueId: number) =>
  (await t.db.selectFrom('timelineEvents').select('type').where('subjectId', '=', issueId).orderBy('id').execute()).map((e) => e.type);

/** Run a refused upload and check that neither the database nor the store changed. */
async function expectNothingStored(issueId: number, run: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
  const rows = await attachmentRows();
  const files = storedFiles();
  const events = await eventTypes(issueId);
  const r = await run();
  expect(await attachmentRows()).toEqual(rows);
  expect(storedFiles()).toEqual(files);
  expect(await eventTypes(issueId)).toEqual(events);
  return r;
}

/** A logged-in client for a user that is not a demo account. */
async function clientFor(username: string, password: string): Promise<Client> {
  const li = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  expect(li.statusCode, li.body).toBe(200);
  const cookie = `yx_session=${li.cookies.find((k) => k.name === 'yx_session')!.value}`;
  const headers = (extra: Record<string, string> = {}) => ({ cookie, ...extra });
  return {
    get: (url) => t.app.inject({ method: 'GET', url, headers: headers() }),
    post: (url, body, extra) => t.app.inject({ method: 'POST', url, headers: headers(extra), ...(body === undefined ? {} : { payload: body as object }) }),
    put: (url, body) => t.app.inject({ method: 'PUT', url, headers: headers(), payload: body as object }),
    patch: (url, body) => t.app.inject({ method: 'PATCH', url, headers: headers(), payload: body as object }),
    raw: (o) => t.app.inject({ method: o.method, url: o.url, headers: headers(o.headers), payload: o.payload }),
  };
}

let home: IssueJson; // 解放路社区, 城关镇
let away: IssueJson; // 湖滨社区, 东湖街道
let eastCadre: Client; // a cadre of 东湖街道
beforeAll(async () => {
  home = await register('解放路社区');
  away = await register('湖滨社区');
  const admin = await t.as('admin');
  const r = await admin.post('/api/v1/users', {
    username: 'cadre-donghu', displayName: '东湖街道 网格员', password: 'Donghu-pass-2026', roles: [{ role: 'cadre', orgUnitId: t.unit('东湖街道') }],
  });
  expect(r.statusCode, r.body).toBe(201);
  eastCadre = await clientFor('cadre-donghu', 'Donghu-pass-2026');
});

describe('attachments: who may upload and download', () => {
  it('requires authentication', async () => {
    const r = await expectNothingStored(home.id, () => upload(t.anonymous, home.id, [{ filename: 'photo.png', content: png(), type: 'image/png' }]));
    expect(r.statusCode).toBe(401);
    expect(json<ErrorJson>(r).error).toEqual({ code: 'unauthenticated', message: '请先登录' });
    expect((await t.anonymous.get(`/api/v1/issues/${home.id}/attachments`)).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/v1/attachments/1')).statusCode).toBe(401);
  });

  it('hides another township\'s issue from a cadre: upload is 404 and stores nothing', async () => {
    const cadre = await t.as('cadre');
    const r = await expectNothingStored(away.id, () => upload(cadre, away.id, [{ filename: 'photo.png', content: png(), type: 'image/png' }]));
    expect(r.statusCode).toBe(404);
    expect(json<ErrorJson>(r).error.code).toBe('not_found');
    expect((await cadre.get(`/api/v1/issues/${away.id}/attachments`)).statusCode).toBe(404);
    // The cadre of 东湖街道 cannot upload to 城关镇's issue either.
    expect((await expectNothingStored(home.id, () => upload(eastCadre, home.id, [{ filename: 'photo.png', content: png() }]))).statusCode).toBe(404);
  });

  it('hides an unassigned issue from a department handler', async () => {
    const handler = await t.as('handler-jyj');
    const r = await expectNothingStored(home.id, () => upload(handler, home.id, [{ filename: 'photo.png', content: png() }]));
    expect(r.statusCode).toBe(404);
  });
});

describe('uploading and downloading', () => {
  let stored: AttachmentJson;
  const image = png([12, 34, 56]);

  it('stores a PNG under DATA_DIR/attachments and returns its SHA-256', async () => {
    const clerk = await t.as('clerk');
    const r = await upload(clerk, home.id, [{ filename: 'street-light.png', content: image, type: 'image/png' }]);
    expect(r.statusCode, r.body).toBe(201);
    const items = json<{ items: AttachmentJson[] }>(r).items;
    expect(items).toHaveLength(1);
    stored = items[0]!;
    expect(stored).toMatchObject({ filename: 'street-light.png', mime: 'image/png', size: image.length, sha256: sha256(image), url: `/api/v1/attachments/${stored.id}` });
    const row = await t.db.selectFrom('attachments').selectAll().where('id', '=', stored.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ issueId: home.id, sha256: sha256(image), size: image.length, mime: 'image/png' });
    const file = path.join(t.config.dataDir, 'attachments', row.storageKey);
    expect(readFileSync(file).equals(image)).toBe(true);
    expect(path.basename(file)).toBe(sha256(image));
    // No temporary file is left behind.
    expect(storedFiles().filter((f) => f.split(path.sep).includes('tmp'))).toEqual([]);
  });

  it('appends an attachment event to the timeline and an audit entry', async () => {
    const tl = await (await t.as('clerk')).get(`/api/v1/issues/${home.id}/timeline`);
    const events = json<{ items: { type: string; data: { files?: { filename: string; size: number }[] } }[] }>(tl).items;
    expect(events.map((e) => e.type)).toEqual(['create', 'attachment']);
    expect(events[1]!.data.files).toEqual([{ filename: 'street-light.png', size: image.length }]);
    const audit = await t.db.selectFrom('auditLog').select(['action', 'data']).where('action', '=', 'attachment.upload').where('entityId', '=', String(home.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toContain(String(stored.id));
  });

  it('lists the attachment on the issue', async () => {
    const r = await (await t.as('cadre')).get(`/api/v1/issues/${home.id}/attachments`);
    expect(r.statusCode).toBe(200);
    expect(json<{ items: AttachmentJson[] }>(r).items).toEqual([expect.objectContaining({ id: stored.id, sha256: stored.sha256 })]);
  });

  it('serves the same bytes as image/png to those who see the issue', async () => {
    for (const c of [await t.as('clerk'), await t.as('cadre'), await t.as('leader')]) {
      const r = await c.get(stored.url);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('image/png');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(String(r.headers['content-disposition'])).toMatch(/^inline; filename\*=UTF-8''street-light\.png$/);
      expect(r.rawPayload.equals(image)).toBe(true);
    }
  });

  it('answers 404 to a cadre of another township and to an unrelated department', async () => {
    for (const c of [eastCadre, await t.as('handler-jyj'), await t.as('handler')]) {
      const r = await c.get(stored.url);
      expect(r.statusCode).toBe(404);
      expect(r.rawPayload.includes(image)).toBe(false);
      expect(json<ErrorJson>(r).error.message).toBe('附件不存在或您无权查看');
    }
    expect((await (await t.as('clerk')).get('/api/v1/attachments/999999')).statusCode).toBe(404);
  });

  it('lets the handler of the responsible department download once the issue is assigned to it', async () => {
    const clerk = await t.as('clerk');
    const accepted = json<IssueJson>(await clerk.post(`/api/v1/issues/${home.id}/transitions`, { action: 'accept', version: home.version }));
    const assigned = await clerk.post(`/api/v1/issues/${home.id}/transitions`, { action: 'assign', version: accepted.version, unitId: t.unit('示例县住房和城乡建设局') });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const r = await (await t.as('handler')).get(stored.url);
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.equals(image)).toBe(true);
    expect((await (await t.as('handler-jyj')).get(stored.url)).statusCode).toBe(404);
  });

  it('takes several files in one upload as one timeline event', async () => {
    const issue = await register('东关村');
    const a = png([1, 2, 3]);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const r = await upload(await t.as('clerk'), issue.id, [
      { filename: 'a.png', content: a, type: 'image/png' },
      { filename: '说明.pdf', content: pdf, type: 'application/pdf' },
    ]);
    expect(r.statusCode, r.body).toBe(201);
    const items = json<{ items: AttachmentJson[] }>(r).items;
    expect(items.map((i) => [i.mime, i.sha256])).toEqual([['image/png', sha256(a)], ['application/pdf', sha256(pdf)]]);
    // Images are shown in the page; a PDF is downloaded, never rendered as a document of this origin.
    const clerk = await t.as('clerk');
    const [img, doc] = await Promise.all(items.map((i) => clerk.get(i.url)));
    expect(String(img!.headers['content-disposition'])).toMatch(/^inline; /);
    expect(String(doc!.headers['content-disposition'])).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('说明.pdf')}`);
    for (const res of [img!, doc!]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(String(res.headers['content-security-policy'])).toContain('sandbox');
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
    expect(await eventTypes(issue.id)).toEqual(['create', 'attachment']);
  });

  it('stores a retried upload once when it carries the same Idempotency-Key', async () => {
    const issue = await register('东关村');
    const clerk = await t.as('clerk');
    const parts = [{ filename: '重试.png', content: png([7, 7, 7]), type: 'image/png' }];
    const tries = await Promise.all(Array.from({ length: 5 }, () => upload(clerk, issue.id, parts, { 'idempotency-key': 'upload-retry-1' })));
    expect(tries.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(tries.map((r) => json<{ items: AttachmentJson[] }>(r).items[0]!.id)).size).toBe(1);
    expect(await eventTypes(issue.id)).toEqual(['create', 'attachment']);
    // The file is still there for the one attachment.
    const dl = await clerk.get(json<{ items: AttachmentJson[] }>(tries[0]!).items[0]!.url);
    expect(dl.statusCode).toBe(200);
    // Other files with the same key are a 422, and stored nothing.
    const other = await upload(clerk, issue.id, [{ filename: '别的.png', content: png([8, 8, 8]), type: 'image/png' }], { 'idempotency-key': 'upload-retry-1' });
    expect(other.statusCode).toBe(422);
    expect((await clerk.get(`/api/v1/issues/${issue.id}/attachments`)).json().items).toHaveLength(1);
  });

  it('keeps a Chinese file name', async () => {
    const issue = await register('东关村');
    const r = await upload(await t.as('clerk'), issue.id, [{ filename: '现场照片.png', content: png([9, 9, 9]), type: 'image/png' }]);
    expect(r.statusCode, r.body).toBe(201);
    const [item] = json<{ items: AttachmentJson[] }>(r).items;
    expect(item!.filename).toBe('现场照片.png');
    const dl = await (await t.as('clerk')).get(item!.url);
    expect(dl.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent('现场照片.png')}`);
  });
});

describe('refused uploads', () => {
  it('refuses a body cut short and a file name that is not UTF-8 with a 400, storing nothing', async () => {
    const clerk = await t.as('clerk');
    const boundary = 'cutBOUNDARY';
    const start = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`);
    const cut = await expectNothingStored(home.id, () => clerk.raw({
      method: 'POST', url: `/api/v1/issues/${home.id}/attachments`, payload: Buffer.concat([start, png([1, 2, 3]).subarray(0, 20)]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    }));
    expect(cut.statusCode).toBe(400);
    expect(json<ErrorJson>(cut).error.code).toBe('invalid_multipart');
    const badName = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`), Buffer.from([0xff, 0xfe]),
      Buffer.from(`bad.png"\r\nContent-Type: image/png\r\n\r\n`), png([4, 5, 6]), Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const named = await expectNothingStored(home.id, () => clerk.raw({
      method: 'POST', url: `/api/v1/issues/${home.id}/attachments`, payload: badName,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    }));
    expect(named.statusCode).toBe(400);
    expect(json<ErrorJson>(named).error.code).toBe('attachment_name');
  });

  it('refuses an .exe with 415 and a Chinese message', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const r = await expectNothingStored(home.id, async () => upload(await t.as('clerk'), home.id, [{ filename: 'setup.exe', content: exe, type: 'application/x-msdownload' }]));
    expect(r.statusCode).toBe(415);
    const err = json<ErrorJson>(r).error;
    expect(err.code).toBe('attachment_type');
    expect(err.message).toMatch(/^不支持的附件类型「setup\.exe」，允许：/);
    expect(err.message).toContain('png');
  });

  it.each([
    ['text', Buffer.from('这不是图片，只是一段文字。')],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1])],
    ['an executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100, 0x90)])],
  ])('refuses a .png that holds %s with 415 and stores nothing', async (_name, content) => {
    const r = await expectNothingStored(home.id, async () => upload(await t.as('clerk'), home.id, [{ filename: 'photo.png', content, type: 'image/png' }]));
    expect(r.statusCode).toBe(415);
    expect(json<ErrorJson>(r).error).toEqual({ code: 'attachment_content_mismatch', message: '附件「photo.png」的内容与扩展名不符' });
  });

  it('refuses a file over 20 MB with 413 and stores nothing', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0);
    png().copy(big);
    const r = await expectNothingStored(home.id, async () => upload(await t.as('clerk'), home.id, [{ filename: 'huge.png', content: big, type: 'image/png' }]));
    expect(r.statusCode).toBe(413);
    expect(json<ErrorJson>(r).error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('accepts a file of exactly 20 MB', async () => {
    const issue = await register('东关村');
    const max = Buffer.alloc(20 * 1024 * 1024, 0);
    png().copy(max);
    const r = await upload(await t.as('clerk'), issue.id, [{ filename: 'max.png', content: max, type: 'image/png' }]);
    expect(r.statusCode, r.body).toBe(201);
    expect(json<{ items: AttachmentJson[] }>(r).items[0]!.size).toBe(max.length);
  });

  it('stores nothing, in the database or on disk, when one file of an upload is refused', async () => {
    const r = await expectNothingStored(home.id, async () => upload(await t.as('clerk'), home.id, [
      { filename: 'good.png', content: png([7, 7, 7]), type: 'image/png' },
      { filename: 'bad.png', content: Buffer.from('not a png'), type: 'image/png' },
    ]));
    expect(r.statusCode).toBe(415);
  });

  it('keeps a file already stored for another attachment when a later upload with the same content fails', async () => {
    const shared = png([9, 8, 7]);
    const first = await upload(await t.as('clerk'), home.id, [{ filename: 'first.png', content: shared, type: 'image/png' }]);
    expect(first.statusCode).toBe(201);
    const again = await upload(await t.as('clerk'), home.id, [
      { filename: 'same.png', content: shared, type: 'image/png' },
      { filename: 'bad.png', content: Buffer.from('not a png'), type: 'image/png' },
    ]);
    expect(again.statusCode).toBe(415);
    const id = json<{ items: { id: number }[] }>(first).items[0]!.id;
    const served = await (await t.as('clerk')).get(`/api/v1/attachments/${id}`);
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(shared)).toBe(true);
  });

  it('refuses a request without a file, and one that is not multipart', async () => {
    const clerk = await t.as('clerk');
    const none = await expectNothingStored(home.id, () => upload(clerk, home.id, [{ field: 'note', value: 'no file here' }]));
    expect(none.statusCode).toBe(400);
    expect(json<ErrorJson>(none).error.code).toBe('no_file');
    const empty = await expectNothingStored(home.id, () => upload(clerk, home.id, [{ filename: 'empty.png', content: Buffer.alloc(0), type: 'image/png' }]));
    expect(empty.statusCode).toBe(400);
    const asJson = await expectNothingStored(home.id, () => clerk.post(`/api/v1/issues/${home.id}/attachments`, { file: 'aGVsbG8=' }));
    expect(asJson.statusCode).toBe(415);
  });
});
