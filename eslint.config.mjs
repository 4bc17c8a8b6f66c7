// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The domain core holds the rules of the procedure and must stay free of I/O (DESIGN.md).
const ioModules = [
  'node:fs',
  'node:fs/promises',
  'node:net',
  'node:http',
  'node:child_process',
  'node:sqlite',
  'pg',
  'fastify',
  'kysely',
  'nodemailer',
];

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules.map((name) => ({ name, message: 'src/domain is pure: no I/O.' })),
          patterns: [
            {
              group: [
                '**/store/**',
                '**/http/**',
                '**/mail/**',
                '**/venues/**',
                '**/cli/**',
                '**/services/**',
                '**/crypto/**',
              ],
              message: 'src/domain imports nothing outside the domain.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**', 'src/crypto/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/http/**', '**/cli/**', '**/services/**', '**/views/**'],
              message: 'storage and crypto do not call upward.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/migrations/**'],
    rules: {
      // Kysely's migration guide: migrations are written against Kysely<any>, frozen in time.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '../../*'],
              message: 'migrations are frozen in time: they never import application code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
