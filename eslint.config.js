// Lint: typescript-eslint's recommended rules plus the layering of docs/ARCHITECTURE.md, enforced, not hoped for.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

/** Lower layers of src/ never import the layers above them. */
const layerZones = [
  { target: './src/engine', from: ['./src/audio', './src/features', './src/models', './src/train', './src/generate', './src/metrics', './src/jobs', './src/project', './src/api', './src/cli', './src/server'] },
  { target: './src/audio', from: ['./src/features', './src/models', './src/train', './src/generate', './src/metrics', './src/jobs', './src/project', './src/api', './src/cli', './src/server', './src/engine'] },
  { target: './src/datasets', from: ['./src/models', './src/train', './src/generate', './src/jobs', './src/project', './src/api', './src/cli', './src/server'] },
  { target: './src/features', from: ['./src/datasets', './src/models', './src/train', './src/generate', './src/jobs', './src/project', './src/api', './src/cli', './src/server'] },
  { target: './src/metrics', from: ['./src/datasets', './src/models', './src/train', './src/generate', './src/jobs', './src/project', './src/api', './src/cli', './src/server'] },
  { target: './src/models', from: ['./src/datasets', './src/train', './src/generate', './src/jobs', './src/project', './src/api', './src/cli', './src/server'] },
  { target: './src/generate', from: ['./src/train', './src/jobs', './src/project', './src/api', './src/cli', './src/server'] },
  { target: './src/train', from: ['./src/jobs', './src/project', './src/api', './src/cli', './src/server'] },
  { target: './src/project', from: ['./src/jobs', './src/api', './src/cli', './src/server'] },
  { target: './src/jobs', from: ['./src/api', './src/cli', './src/server'] },
  { target: './src/api', from: ['./src/cli', './src/server'] },
  { target: './src', from: ['./electron', './renderer'] },
  { target: './electron', from: ['./renderer'] },
  { target: './renderer', from: ['./src', './electron'], except: ['./api/contract.ts'] },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', '.cache/', 'assets/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    // the zones compare resolved files: without .ts/.tsx among the extensions no extensionless import resolves
    // and no-restricted-paths silently passes everything
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'src/ runs in tests, workers and the CLI: no electron here.' }],
        patterns: [{ group: ['react', 'react-dom', 'react/*', 'wavesurfer.js', 'wavesurfer.js/*'], message: 'src/ is DOM-free.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'child_process', 'worker_threads', 'electron'], message: 'The renderer is DOM-only: talk to the back end through KieloApi.' },
          // a regex, not a gitignore-style group: a group's '!' cannot re-admit a file below an excluded folder
          { regex: '(^|/)src(/(?!api/contract$)|$)', message: 'The renderer imports only the types of src/api/contract.' },
        ],
      }],
    },
  },
  {
    files: ['bin/**/*.mjs', 'scripts/**/*.mjs', 'scripts/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
