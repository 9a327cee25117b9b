/**
 * The repository rule of eslint.config.js (no-restricted-syntax): Kysely's queries and raw SQL only in a module's
 * `*.repo.ts`, transactions only through db/transaction.ts. `npm run lint` runs it on the real tree.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const CODE = `import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
export const ids = (db: Kysely<DB>) => db.selectFrom('issues').select('id').execute();
export const one = (db: Kysely<DB>) => sql\`select 1\`.execute(db);
export const both = (db: Kysely<DB>) => db.transaction().execute((trx) => trx.deleteFrom('issues').execute());
`;

async function found(filePath: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(CODE, { filePath });
  return result!.messages.map((m) => `${m.line}: ${m.ruleId}: ${m.message.split(':')[0]}`);
}

describe('queries live in repositories', () => {
  it('reports queries, raw SQL and hand-opened transactions in a module file that is not a repository', async () => {
    expect(await found('src/server/modules/ledger/example.ts')).toEqual([
      '1: no-restricted-syntax: Raw SQL and expression builders live in *.repo.ts',
      '3: no-restricted-syntax: Kysely queries live in *.repo.ts',
      '5: no-restricted-syntax: Open a transaction with transactorOf(db) or app.tx (db/transaction.ts), so SQLite batches it with the others.',
      '5: no-restricted-syntax: Kysely queries live in *.repo.ts',
    ]);
  });

  it('lets a repository query, but not open its own transaction; tests are free', async () => {
    expect(await found('src/server/modules/ledger/example.repo.ts')).toEqual([
      '5: no-restricted-syntax: Open a transaction with transactorOf(db) or app.tx (db/transaction.ts), so SQLite batches it with the others.',
    ]);
    expect(await found('src/server/modules/ledger/example.test.ts')).toEqual([]);
  });
});
