/**
 * Token statistics follow the ledger: a sample taken on an empty ledger is taken again as soon as issues arrive from
 * elsewhere (an import run from the command line into a running server), not 10 minutes later.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { intake, setupApp, type TestContext } from '../../../../test/helpers.ts';
import { tokenStats } from './search-stats.repo.ts';

let t: TestContext;
let tenantId: number;
beforeAll(async () => {
  t = await setupApp();
  tenantId = (await t.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id;
}, 60_000);
afterAll(async () => { vi.restoreAllMocks(); await t.close(); });

describe('tokenStats', () => {
  it('takes the sample again within seconds when the ledger grew, and keeps it while it did not', async () => {
    const empty = await tokenStats(t.db, tenantId);
    expect(empty.n).toBe(0);
    const clerk = await t.as('clerk');
    for (const title of ['丽发新城搅拌站噪音扰民', '丽发新城小区旁建搅拌站']) {
      const r = await clerk.post('/api/v1/issues', intake(t.unit('解放路社区'), { title, body: `${title}，灰尘大，晚上无法休息。` }));
      expect(r.statusCode, r.body).toBe(201);
    }
    // Within the check interval the sample is served as it is (no query per lookup)…
    expect(await tokenStats(t.db, tenantId)).toBe(empty);
    // …and at the next check the grown ledger is sampled again at once, long before the 10 minutes.
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 3_000);
    const grown = await tokenStats(t.db, tenantId);
    expect(grown.n).toBe(2);
    expect(grown.df.get('丽发')).toBe(2);
    // The similar-issue finder now finds the first for the second.
    const items = JSON.parse((await clerk.post('/api/v1/issues/similar', { title: '丽发新城搅拌站', body: '丽发新城附近的搅拌站噪音大' })).body).items as unknown[];
    expect(items.length).toBe(2);
    // Unchanged ledger: the same sample after the next check.
    vi.spyOn(Date, 'now').mockReturnValue(now + 6_000);
    expect(await tokenStats(t.db, tenantId)).toBe(grown);
  });
});
