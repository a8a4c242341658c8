// Lint: typescript-eslint recommended, no console in app code, and the layer import rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (from, forbidden, why) => ({
  files: [`src/${from}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((f) => ({ group: [`**/${f}/*`, `**/${f}/**`, `../${f}/*`], message: why })) }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', AbortController: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  { files: ['src/**/*.{ts,tsx}'], rules: { 'no-console': 'error' } },
  // The installed command is CommonJS (bin/package.json), so Node starts it without its ES module loader.
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Stripping control characters is the point of these regexes.
  { files: ['src/model/sanitize.ts', 'src/terminal/frame-diff.ts', 'src/terminal/display-width.ts', 'scripts/ink-output.mjs', 'test/**/*.{ts,tsx}'], rules: { 'no-control-regex': 'off' } },
  layer('model', ['feeds', 'ui', 'config', 'notify'], 'model is pure: it imports no other layer'),
  layer('ui', ['feeds', 'config', 'notify'], 'ui reads the model only; main wires feeds'),
  layer('feeds', ['ui', 'config', 'notify'], 'feeds may use model types only'),
  layer('config', ['feeds', 'ui', 'model', 'notify'], 'config is a leaf'),
  layer('notify', ['ui'], 'notify delivers fired alerts: they read the model, never the UI'),
  layer('state', ['feeds', 'ui', 'config', 'notify'], 'state is the disk edge of the model: it reads and writes model data only'),
  layer('serve', ['feeds', 'ui', 'config', 'notify'], 'serve is a view of the store: it reads the model (and state records), never the feeds'),
);
