// ESLint: typescript-eslint's recommended rules, the layering (shells import the core and the
// Node-side file access only through their façades, the client imports neither), and files small
// enough to change.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const coreInternals = {
  group: ['**/core/src/*', '**/core/src/**', '!**/core/src/index', '!**/core/src/worker'],
  message: 'Import the core through its façades (core/src/index, core/src/worker).',
};

const nodeInternals = {
  group: ['**/node/src/*', '**/node/src/**', '!**/node/src/index'],
  message: 'Import the Node-side file access through its façade (node/src/index).',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      '.tools/',
      'bench/.work/',
      'test/e2e/.work/',
      '**/*.js',
      '**/*.mjs',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: [
      'core/src/**/*.ts',
      'node/src/**/*.ts',
      'server/src/**/*.ts',
      'cli/src/**/*.ts',
      'client/src/**/*.ts',
      'protocol/src/**/*.ts',
    ],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'vscode',
            'vscode-languageserver',
            'vscode-languageserver/node',
            'vscode-languageclient',
            'fs',
            'node:fs',
            'http',
            'node:http',
            'https',
            'node:https',
            'child_process',
            'node:child_process',
            'process',
            'node:process',
            'worker_threads',
            'node:worker_threads',
          ].map((name) => ({
            name,
            message:
              'core/ is a pure language service: no editor, connection or I/O imports (Node adapters live in node/).',
          })),
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts', 'cli/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [coreInternals, nodeInternals] }] },
  },
  {
    // The Node side of the shells: file access, over the core's façade; it knows nothing of the
    // LSP connection or the editor.
    files: ['node/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageclient'].map(
            (name) => ({ name, message: 'node/ is file access for the shells: no editor or connection imports.' }),
          ),
          patterns: [
            coreInternals,
            {
              group: ['**/server/**', '**/cli/**', '**/client/**'],
              message: 'node/ is used by the shells, not the other way.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**', '**/node/**', '**/server/**', '**/cli/**'],
              message: 'The client speaks to the server over the protocol only (protocol/).',
            },
          ],
        },
      ],
    },
  },
);
