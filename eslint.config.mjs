// One lint configuration for the whole repository, run by `npm test` (scripts/test.sh).
// TypeScript gets typescript-eslint's strict-type-checked rules; the web app adds React's hook
// rules and Next's; plain JavaScript (benchmarks, jest configs, scripts) gets ESLint's
// recommended rules. Formatting is Prettier's business: eslint-config-prettier comes last.
import js from '@eslint/js';
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TEST_FILES = ['**/*.spec.ts', '**/*.spec.tsx', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts', '**/test/**/*.tsx', 'tests/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.next/**',
      '**/.turbo/**',
      '**/coverage/**',
      '.tools/**',
      'packages/db/src/generated/**',
      // generated from the API's OpenAPI document (apps/api/test/openapi-drift.int-spec.ts)
      'packages/client/src/schema.ts',
      'apps/web/next-env.d.ts',
      'data/**',
    ],
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node }, sourceType: 'commonjs' },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  {
    // Benchmarks that drive a browser: the functions they hand to page.waitForFunction run in the page.
    files: ['bench/quickstart/launch-from-form.js', 'bench/ui/run.js'],
    languageOptions: { globals: { document: 'readonly' } },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        // prisma.config.ts sits at the root, which has no tsconfig of its own: only the Prisma CLI reads it.
        projectService: { allowDefaultProject: ['prisma.config.ts'], defaultProject: 'tsconfig.base.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Numbers in messages and URLs are the norm here, and print as users expect.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `onClick={() => setOpen(false)}` reads better than a block around one call.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // A leading underscore marks what is unused on purpose (a destructured-away key).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: TEST_FILES,
    rules: {
      // A test that meets a missing value fails at that line either way; `!` keeps the
      // assertion that follows readable instead of hiding it behind a guard.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['packages/ml/src/**/*.ts'],
    rules: {
      // The ML package is numeric code: kernels, dataset scans, metrics and search maths index
      // typed arrays and matrices in loops bounded by their lengths. Under noUncheckedIndexedAccess
      // each such read is `number | undefined`, and `!` states the loop's bound. `?? 0` would turn
      // an indexing bug into a silent zero, and a checked accessor costs a call per element in
      // the hot loops.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['apps/api/src/**/*.module.ts'],
    rules: {
      // A NestJS module is an empty class whose @Module() decorator carries the wiring.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
    },
  },
  {
    files: ['packages/ml/src/backend/select-backend.ts'],
    rules: {
      // tfjs-node is optional: it is required inside a try so that a missing or broken native
      // install means "backend not available". A static import would fail the whole module,
      // and import() is not available to jest's CommonJS runtime.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^@tensorflow/tfjs-node$'] }],
    },
  },
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    extends: [...nextCoreWebVitals],
    settings: { next: { rootDir: 'apps/web' }, react: { version: '19.3' } },
  },
  prettier,
);
