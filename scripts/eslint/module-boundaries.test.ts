/**
 * The boundary rules on a fixture tree (test/fixtures/module-boundaries: alpha ⇄ beta is a cycle, gamma reaches
 * into beta's internals). `npm run lint` runs them on the real tree.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import boundaries from './module-boundaries.js';

const FIXTURES = 'test/fixtures/module-boundaries/modules';

async function lint(files: string[]): Promise<ESLint.LintResult[]> {
  const eslint = new ESLint({
    overrideConfigFile: true,
    ignore: false,
    overrideConfig: [{
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { yixian: boundaries },
      rules: {
        'yixian/module-face': ['error', { modules: FIXTURES }],
        'yixian/module-cycles': ['error', { modules: FIXTURES }],
      },
    }],
  });
  return eslint.lintFiles(files);
}

const messages = (results: ESLint.LintResult[]) =>
  results.flatMap((r) => r.messages.map((m) => `${r.filePath.split('/modules/').at(-1)}: ${m.ruleId}: ${m.message}`));

describe('module boundaries', () => {
  it('reports an import of another module that is not its index.ts', async () => {
    const found = messages(await lint([`${FIXTURES}/gamma/three.ts`]));
    expect(found).toEqual([
      expect.stringMatching(/^gamma\/three\.ts: yixian\/module-face: '\.\.\/beta\/two\.ts' reaches into the internals of module 'beta': import '\.\.\/beta\/index\.ts'/),
    ]);
  });

  it('reports both imports that close a cycle, type-only imports too', async () => {
    const found = messages(await lint([`${FIXTURES}/alpha/one.ts`, `${FIXTURES}/beta/two.ts`]));
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^alpha\/one\.ts: yixian\/module-cycles: Module cycle: alpha → beta → alpha/);
    expect(found[1]).toMatch(/^beta\/two\.ts: yixian\/module-cycles: Module cycle: beta → alpha → beta/);
  });
});
