import { describe, expect, it, vi } from 'vitest';
import type { Transaction } from 'kysely';
import type { DB } from './types.ts';
import { ON_POSTGRES, freshDatabase } from '../../../test/helpers.ts';
import { createTransactor, transactorOf } from './transaction.ts';

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

  it('is one transactor per database for every caller, and a failing call in a shared batch undoes only itself', async () => {
    const fresh = await freshDatabase();
    const other = await freshDatabase();
    try {
      const now = new Date().toISOString();
      // Two callers (say the app's `tx` and a module's service) asking for the database's transactor.
      const fromApp = transactorOf(fresh.db);
      const fromService = transactorOf(fresh.db);
      expect(fromService).toBe(fromApp);
      expect(transactorOf(other.db)).not.toBe(fromApp);
      const begins = vi.spyOn(fresh.db, 'startTransaction');
      const insert = (code: string, fail = false) => async (trx: Transaction<DB>) => {
        await trx.insertInto('tenants').values({ code, name: code, createdAt: now }).execute();
        if (fail) throw new Error(`boom ${code}`);
        return code;
      };
      const results = await Promise.allSettled([
        fromApp(insert('app1')), fromService(insert('svc1')), fromService(insert('svc2', true)), fromApp(insert('app2')),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect(String((results[2] as PromiseRejectedResult).reason)).toContain('boom svc2');
      // On SQLite the four calls were one transaction (each in its savepoint); on PostgreSQL each had its own.
      if (!ON_POSTGRES) expect(begins).toHaveBeenCalledTimes(1);
      const codes = (await fresh.db.selectFrom('tenants').select('code').orderBy('code').execute()).map((r) => r.code);
      expect(codes).toEqual(['app1', 'app2', 'svc1']);
      // A transaction is not a database of its own: asking for its transactor is refused.
      await fromApp(async (trx) => { expect(() => transactorOf(trx)).toThrow(/not a transaction/); });
    } finally {
      await other.drop();
      await fresh.drop();
    }
  });
});
