import tseslint from 'typescript-eslint';
import boundaries from './scripts/eslint/module-boundaries.js';

/** Modules are imported through their index.ts and import each other without cycles (ARCHITECTURE.md, "Modules"). */
const BOUNDARIES = { modules: 'src/server/modules', packages: ['src/server/nlp'] };

/**
 * Kysely's queries and raw SQL live in a module's `*.repo.ts`, and transactions are opened through `transactorOf(db)` /
 * `app.tx` (db/transaction.ts), not by hand (ARCHITECTURE.md, "Modules").
 */
const QUERIES = {
  selector: "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)$/]",
  message: 'Kysely queries live in *.repo.ts: move this query into the module\'s repository.',
};
const RAW_SQL = {
  selector: "ImportDeclaration[source.value='kysely'][importKind!='type'] > ImportSpecifier[importKind!='type'][imported.name=/^(sql|expressionBuilder)$/]",
  message: 'Raw SQL and expression builders live in *.repo.ts: move the query into the module\'s repository.',
};
const TRANSACTIONS = {
  selector: "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(transaction|startTransaction)$/]",
  message: 'Open a transaction with transactorOf(db) or app.tx (db/transaction.ts), so SQLite batches it with the others.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', '.scratch/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/server/**', 'bench/**', 'bin/**', 'test/**', 'scripts/**'],
    ignores: ['test/fixtures/**'],
    plugins: { yixian: boundaries },
    rules: {
      'yixian/module-face': ['error', BOUNDARIES],
      'yixian/module-cycles': ['error', BOUNDARIES],
    },
  },
  {
    files: ['src/server/modules/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.repo.ts'],
    rules: { 'no-restricted-syntax': ['error', QUERIES, RAW_SQL, TRANSACTIONS] },
  },
  {
    files: ['src/server/modules/**/*.repo.ts'],
    rules: { 'no-restricted-syntax': ['error', TRANSACTIONS] },
  },
);
