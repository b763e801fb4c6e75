// Lint rules: typescript-eslint's recommended set, plus the few that keep the
// architecture honest (no `vscode` in the core, no console in the extension).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', '.cache/', 'node_modules/', 'screenshots/', 'test/fixtures/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['vscode'] }],
    },
  },
  {
    files: ['src/extension/**/*.ts', 'src/webview/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
);
