import js from '@eslint/js';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Globals that read a clock, do I/O or depend on the host: library code must not touch them. */
const hostGlobals = [
  'performance',
  'setTimeout',
  'setInterval',
  'fetch',
  'process',
  'Buffer',
  'require',
  'window',
  'document',
  'navigator',
  'crypto',
].map((name) => ({ name, message: 'cloudcircuit is pure: no clocks, I/O or host APIs in library code.' }));

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'test-results/', '.ci/runtimes/', 'node_modules/', '.stryker-tmp/', '.stryker/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.config.ts'], defaultProject: 'test/tsconfig.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // isolatedDeclarations needs explicit types on exported signatures, defaults included.
    rules: {
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreParameters: true }],
      // strict forbids `!`; stylistic would turn `as number` into `!`. Keep the explicit cast.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...hostGlobals],
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(node:|fs$|path$|os$|crypto$|util$)', message: 'No Node built-ins in library code.' }] },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Decisions are deterministic.' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
        // Date may format a time the caller passes, never read the clock
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'No clocks: the caller passes the time.',
        },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No clocks: the caller passes the time.' },
      ],
    },
  },
  {
    // The command line is a Node program: it may use Node built-ins; only its entry touches the process.
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/cli/main.ts'],
    rules: { 'no-restricted-globals': ['error', ...hostGlobals.filter(({ name }) => name !== 'process' && name !== 'Buffer')] },
  },
  {
    // The docs test executes README and TSDoc snippets: evaluating code is its purpose.
    files: ['test/docs.test.ts'],
    rules: { '@typescript-eslint/no-implied-eval': 'off', '@typescript-eslint/no-unsafe-call': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['examples/dashboard/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
);
