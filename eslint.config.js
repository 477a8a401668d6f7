// Process boundaries are enforced here (see docs in README "Where things are").
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeBuiltins = { group: ['node:*'], message: 'This layer must not reach Node.' }
const electronAny = {
  name: 'electron',
  message: 'Only the composition root and src/main/electron import electron.',
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronAny, { name: 'react-dom', message: 'shared is pure' }],
          patterns: [nodeBuiltins],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [electronAny], patterns: [nodeBuiltins] }],
      'no-restricted-properties': [
        'error',
        {
          object: 'window',
          property: 'pos',
          message: 'Only src/renderer/src/bridge.ts touches window.pos.',
        },
      ],
    },
  },
  {
    files: ['src/renderer/src/bridge.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/main/**/*.ts', 'src/host/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronAny] }],
    },
  },
  {
    files: ['src/main/index.ts', 'src/main/electron/**/*.ts'],
    ignores: ['src/main/electron/ipc-main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain'],
              message: 'ipcMain only in src/main/electron/ipc-main.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            { group: ['../main/*', '../renderer/*'], message: 'preload reaches only shared' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='electron'] > ImportSpecifier[imported.name!=/^(contextBridge|ipcRenderer|IpcRendererEvent)$/]",
          message: 'preload may import only contextBridge and ipcRenderer from electron.',
        },
      ],
    },
  },
)
