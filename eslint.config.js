// Flat config: typescript-eslint with type information, plus the layering rules of README.md ("Layout").
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const noTesting = {
  group: ['**/testing/**'],
  message: 'Product code never imports a testing folder: those helpers are for tests only.',
};
const noElectron = {
  paths: [{ name: 'electron', message: 'Only main/shell and preload may import electron.' }],
  patterns: [
    { group: ['electron/*'], message: 'Only main/shell and preload may import electron.' },
    { group: ['**/test/**'], message: 'Product code never imports test code.' },
    noTesting,
  ],
};
const rendererImports = {
  ...noElectron,
  patterns: [
    ...noElectron.patterns,
    { group: ['node:*'], message: 'The renderer has no Node.' },
    { group: ['**/main/**'], message: 'The renderer reaches main only through the Api.' },
  ],
};
/** fkv is a shell beside main/shell: the core and common, never Electron, the app's shell or UI. */
const cliImports = {
  ...noElectron,
  patterns: [
    ...noElectron.patterns,
    {
      group: ['**/shell/**', '**/renderer/**', '**/preload/**'],
      message: 'fkv imports only common and main/core.',
    },
    { group: ['react', 'react-dom', 'react-dom/*'], message: 'fkv has no UI library.' },
  ],
};
/** Tests may use the testing folders; nothing else changes for them. */
const forTests = (rules) => ({
  ...rules,
  patterns: rules.patterns.filter((pattern) => pattern !== noTesting),
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/explicit-module-boundary-types': 'error' },
  },
  {
    files: ['main/core/**', 'common/**', 'renderer/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['main/cli/**'],
    rules: { 'no-restricted-imports': ['error', cliImports] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererImports],
    },
  },
  {
    files: ['main/shell/**', 'preload/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTesting] }] },
  },
  {
    files: ['main/core/**/*.test.ts', 'common/**/*.test.ts', 'main/core/**/testing/**'],
    rules: { 'no-restricted-imports': ['error', forTests(noElectron)] },
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', forTests(rendererImports)] },
  },
  // The renderer tests' helpers run the real core in Node, with the fake Flowise of test/fakes.
  {
    files: ['renderer/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: noElectron.paths, patterns: noElectron.patterns.slice(0, 1) },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      'max-lines': 'off',
    },
  },
  {
    files: [
      'eslint.config.js',
      'vite.config.ts',
      'test/e2e/playwright.config.ts',
      'test/e2e/flowise-global-setup.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
