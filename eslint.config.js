import tseslint from 'typescript-eslint';
import boundaries from './scripts/eslint/module-boundaries.js';

/** Modules are imported through their index.ts and import each other without cycles (ARCHITECTURE.md, "Modules"). */
const BOUNDARIES = { modules: 'src/server/modules', packages: ['src/server/nlp'] };

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
);
