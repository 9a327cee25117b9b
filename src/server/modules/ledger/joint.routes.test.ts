import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type TestContext } from '../../../../test/helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };
type Joint = { signerCount: number; signerNamesCount: number; representatives: Array<{ name: string | null; phone: string | null }> };
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
const reps = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `代表${'甲乙丙丁戊己'[i]}某`, phone: `1390000000${i}` }));

describe('joint petitions (《信访工作条例》第20条)', () => {
  it('requires a login', async () => {
    expect((await t.anonymous.post('/api/v1/issues', intake(t.unit('解放路社区'), { joint: { signerCount: 30, representatives: reps(1) } }))).statusCode).toBe(401);
  });

  it('第20条: records how many came and up to five representatives, shown masked; a sixth is refused with the article', async () => {
    const clerk = await t.as('clerk');
    const body = intake(t.unit('解放路社区'), { title: '解放路小区三十户业主集体反映电梯停运', joint: { signerCount: 30, signerNames: ['王建国', '李秀英', '张伟'], representatives: reps(5) } });
    const r = await clerk.post('/api/v1/issues', body);
    expect(r.statusCode, r.body).toBe(201);
    const made = json<{ id: number; joint: Joint }>(r);
    expect(made.joint).toEqual({ signerCount: 30, signerNamesCount: 3, representatives: reps(5).map((x) => ({ name: x.name[0] + '*'.repeat([...x.name].length - 1), phone: `139****000${x.phone.slice(-1)}` })) });
    // The same when read again, and in the ledger.
    expect(json<{ joint: Joint }>(await clerk.get(`/api/v1/issues/${made.id}`)).joint).toEqual(made.joint);
    const listed = json<{ items: Array<{ id: number; joint: Joint | null }> }>(await clerk.get('/api/v1/issues?limit=10')).items.find((i) => i.id === made.id)!;
    expect(listed.joint?.representatives).toHaveLength(5);
    // A sixth representative: refused, nothing registered.
    const before = Number((await t.db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const six = await clerk.post('/api/v1/issues', { ...body, joint: { signerCount: 30, representatives: reps(6) } });
    expect(six.statusCode).toBe(400);
    expect(json<ErrorJson>(six).error.message).toBe('联名或集体信访应当推选代表，代表人数不超过 5 人（《信访工作条例》第二十条），现有 6 人');
    expect(Number((await t.db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
    // One person is not a joint petition; a joint one names at least one representative.
    expect((await clerk.post('/api/v1/issues', { ...body, joint: { signerCount: 1, representatives: reps(1) } })).statusCode).toBe(400);
    expect((await clerk.post('/api/v1/issues', { ...body, joint: { signerCount: 12, representatives: [] } })).statusCode).toBe(400);
    // An ordinary petition has none.
    expect(json<{ joint: Joint | null }>(await clerk.post('/api/v1/issues', intake(t.unit('解放路社区')))).joint).toBeNull();
  });
});
