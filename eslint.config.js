// Lint rules, including the layer boundaries of docs/architecture.md (eslint/layer-boundaries.js):
// a forbidden import, static or import(), fails lint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layerBoundaries, NO_PROCESS_EXIT } from './eslint/layer-boundaries.js';

export default tseslint.config(
  {
    // test/lint-fixtures/ holds probes that must fail; test/lint/ lints them under their layer's path.
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'bench/results/',
      '.cache/',
      'test/lint-fixtures/',
    ],
  },
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
      'no-restricted-syntax': ['error', NO_PROCESS_EXIT],
    },
  },
  ...layerBoundaries,
  {
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
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
