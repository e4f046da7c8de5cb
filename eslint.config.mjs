// ESLint flat config: typescript-eslint's recommended rules over src and test, plus the
// architecture as rules: which layer may import which (no-restricted-imports), no import cycles
// (import-x/no-cycle), and bowser reached only through its lazy loader.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The layers of src/, lowest first. A folder may import its own layer and the ones below it.
// The Auth0 core (everything up to `model`) is free of VS Code; the VS Code layer sits above.
const LAYERS = [
  ['contributions'],
  ['auth0'],
  ['credentials'],
  ['paging'],
  ['presentation'],
  ['findings'],
  ['hunt', 'response'],
  ['model', 'doctor'],
  ['logging', 'tenants'],
  ['tree', 'details', 'views'],
  ['commands'],
  ['extension'],
];
const CORE_LAYERS = 8; // contributions … model/doctor

/** Import patterns that reach `folder` from anywhere in src/. */
const reach = (folder) => (folder === 'contributions' || folder === 'extension' ? [`**/${folder}`] : [`**/${folder}/**`, `../${folder}`, `./${folder}`]);

const layerRules = LAYERS.flatMap((folders, level) => {
  const above = LAYERS.slice(level + 1).flat();
  return folders.map((folder) => ({
    files: folder === 'contributions' || folder === 'extension' ? [`src/${folder}.ts`] : [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: level < CORE_LAYERS ? [{ name: 'vscode', message: 'The Auth0 core is free of VS Code: it runs and is tested in plain Node.' }] : [],
          patterns: [
            ...(above.length > 0 ? [{ group: above.flatMap(reach), message: `src/${folder} may not import a higher layer (see LAYERS in eslint.config.mjs).` }] : []),
            { group: ['**/presentation/userAgent', './userAgent'], allowTypeImports: true, message: 'Use presentation/userAgentLoader: the parser (bowser) is loaded on first use.' },
            { group: ['**/findings/analyzeToken', '**/findings/findingsAnalysis'], allowTypeImports: true, message: 'Use findings/findingsLoader: the analysis is loaded on first use.' },
            { group: ['**/details/detailsDocument', './detailsDocument', './renderDetailsHtml', '**/details/renderDetailsHtml'], allowTypeImports: true, message: 'Use details/detailsDocumentLoader: the renderers are loaded on first use.' },
          ],
        },
      ],
    },
  }));
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'media/details.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  ...layerRules,
  {
    // The details renderers (render*.ts) and the webview's protocol are core: no VS Code, no panel.
    files: ['src/details/render*.ts', 'src/details/detailsDocument.ts', 'src/details/protocol.ts', 'src/details/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['vscode'], patterns: [{ group: ['**/detailsPanels', '**/tree/**', '**/commands/**', '**/tenants/**'], message: 'Renderers are pure: data in, HTML out.' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
