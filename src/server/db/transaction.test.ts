import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/helpers.ts';
import { createTransactor } from './transaction.ts';

describe('write transactor', () => {
  it('commits concurrent calls together, and a failing call rolls back only itself', async () => {
    const fresh = await freshDatabase();
    try {
      const now = new Date().toISOString();
      const tx = createTransactor(fresh.db);
      const attempts = Array.from({ length: 6 }, (_, i) => tx(async (trx) => {
        await trx.insertInto('tenants').values({ code: `t${i}`, name: `租户${i}`, createdAt: now }).execute();
        if (i === 3) throw new Error('boom');
        return i;
      }));
      const results = await Promise.allSettled(attempts);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((results[3] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
      const codes = (await fresh.db.selectFrom('tenants').select('code').orderBy('code').execute()).map((r) => r.code);
      expect(codes).toEqual(['t0', 't1', 't2', 't4', 't5']);
    } finally {
      await fresh.drop();
    }
  });

  it('answers only after the data is committed and visible to another connection', async () => {
    const fresh = await freshDatabase();
    const { openDatabase } = await import('./connect.ts');
    const other = openDatabase(fresh.url);
    try {
      const tx = createTransactor(fresh.db);
      await tx(async (trx) => {
        await trx.insertInto('tenants').values({ code: 'seen', name: '可见', createdAt: new Date().toISOString() }).execute();
      });
      const row = await other.selectFrom('tenants').select('code').where('code', '=', 'seen').executeTakeFirst();
      expect(row?.code).toBe('seen');
    } finally {
      await other.destroy();
      await fresh.drop();
    }
  });
});
