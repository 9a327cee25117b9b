import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';
import type { Activity, Photo } from '../../../shared/api/activities.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
const H = 3_600_000;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a lecture in the village hall')]);

function multipart(files: Array<{ name: string; content: Buffer }>) {
  const boundary = '----yixian' + Math.random().toString(16).slice(2);
  const parts = files.map((f) => Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.content, Buffer.from('\r\n'),
  ]));
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function lecture(c: Client, place = '东关村'): Promise<Activity> {
  const start = Date.now() - 3 * H;
  const r = await c.post('/api/v1/activities', { kind: 'outreach', title: `${place}反诈宣讲`, orgUnitId: t.unit(place), startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * H).toISOString(), cadreIds: [] });
  expect(r.statusCode, r.body).toBe(201);
  return json<Activity>(r);
}

describe('an activity’s photos', () => {
  it('require a login', async () => {
    for (const [method, url] of [['GET', '/api/v1/activities/1/photos'], ['POST', '/api/v1/activities/1/photos'], ['GET', '/api/v1/activity-photos/1']] as const) {
      expect((await t.anonymous.raw({ method, url, ...(method === 'POST' ? multipart([{ name: 'a.png', content: PNG }]) : {}) })).statusCode, url).toBe(401);
    }
  });

  it('are kept from another township, and from a handler who does not record there', async () => {
    const leader = await t.as('leader');
    const far = await lecture(leader, '东湖村');
    const up = await leader.raw({ method: 'POST', url: `/api/v1/activities/${far.id}/photos`, ...multipart([{ name: '现场.png', content: PNG }]) });
    expect(up.statusCode, up.body).toBe(201);
    const photo = json<{ items: Photo[] }>(up).items[0]!;
    const cadre = await t.as('cadre');
    expect((await cadre.get(`/api/v1/activities/${far.id}/photos`)).statusCode).toBe(404);
    expect((await cadre.get(photo.url)).statusCode).toBe(404);
    expect((await cadre.raw({ method: 'POST', url: `/api/v1/activities/${far.id}/photos`, ...multipart([{ name: 'a.png', content: PNG }]) })).statusCode).toBe(404);
  });

  it('are images checked by their content, stored and shown inline, each upload audited', async () => {
    const cadre = await t.as('cadre');
    const a = await lecture(cadre);
    const r = await cadre.raw({ method: 'POST', url: `/api/v1/activities/${a.id}/photos`, ...multipart([{ name: '宣讲现场.png', content: PNG }, { name: '合影.PNG', content: PNG }]) });
    expect(r.statusCode, r.body).toBe(201);
    const items = json<{ items: Photo[] }>(r).items;
    expect(items.map((p) => [p.filename, p.mime, p.uploadedBy])).toEqual([['宣讲现场.png', 'image/png', '城关镇 网格员 赵强'], ['合影.PNG', 'image/png', '城关镇 网格员 赵强']]);
    const shown = await cadre.get(items[0]!.url);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.rawPayload.equals(PNG)).toBe(true);
    expect(await t.db.selectFrom('auditLog').select('action').where('action', '=', 'activity.photo').where('entityId', '=', String(a.id)).execute()).toHaveLength(1);
    // Not an image, or an image in name only: refused, nothing stored.
    const pdf = await cadre.raw({ method: 'POST', url: `/api/v1/activities/${a.id}/photos`, ...multipart([{ name: '签到表.pdf', content: Buffer.from('%PDF-1.4') }]) });
    expect(pdf.statusCode).toBe(415);
    expect(json<{ error: { message: string } }>(pdf).error.message).toContain('签到表.pdf');
    const fake = await cadre.raw({ method: 'POST', url: `/api/v1/activities/${a.id}/photos`, ...multipart([{ name: 'photo.jpg', content: Buffer.from('not a jpeg at all') }]) });
    expect(fake.statusCode).toBe(415);
    expect(json<{ items: Photo[] }>(await cadre.get(`/api/v1/activities/${a.id}/photos`)).items).toHaveLength(2);
    expect((await cadre.post(`/api/v1/activities/${a.id}/photos`, { file: 'x' })).statusCode).toBe(415);
  });
});
