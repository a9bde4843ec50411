// Lint rules, including the layer boundaries of docs/architecture.md: a forbidden import fails lint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeIo = [
  'node:fs',
  'node:fs/promises',
  'node:child_process',
  'node:http',
  'node:https',
  'node:net',
  'node:os',
  'fs',
  'child_process',
  'http',
  'https',
  'net',
  'os',
];
const shells = [
  'commander',
  '@commander-js/extra-typings',
  '@kubernetes/client-node',
  'fastify',
  'pino',
  'ora',
];
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'bench/results/', '.cache/'] },
  // Mutation testing's sandboxes and reports (npm run mutate).
  { ignores: ['.stryker-tmp/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='process'][callee.property.name='exit']",
          message: 'Set process.exitCode in cli/main.ts instead of process.exit().',
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeIo, ...shells].map((name) => ({
            name,
            message: 'core/ is pure: no I/O or shell libraries.',
          })),
          patterns: [
            pattern(
              ['**/actions/**', '**/adapters/**', '**/cli/**', '**/server/**'],
              'core/ imports only core/.',
            ),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core/ is pure: pass values in.' },
        { name: 'fetch', message: 'core/ is pure.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'core/ is pure: take the clock as a parameter.',
        },
        { object: 'Math', property: 'random', message: 'core/ is pure and deterministic.' },
      ],
    },
  },
  {
    files: ['src/actions/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeIo, ...shells].map((name) => ({
            name,
            message: 'actions/ reach the world only through ports.ts.',
          })),
          patterns: [
            pattern(
              ['**/adapters/**', '**/cli/**', '**/server/**'],
              'actions/ import core/ and their ports only.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [pattern(['**/cli/**', '**/server/**'], 'adapters/ never import the shells.')],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [pattern(['**/server/**'], 'cli/ and server/ never import each other.')] },
      ],
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        performance: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
);
