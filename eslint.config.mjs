// ESLint flat config: typescript-eslint's recommended rules over src and test, plus the
// architecture as rules: which layer may import which (no-restricted-imports, LAYERS), modules
// loaded on first use reached only through their lazy() helper, and the webview kit as the only
// writer of a page's security. Import circles (type-only imports included), the features' public
// modules and the lazy boundary's folders are checked by dependency-cruiser
// (.dependency-cruiser.cjs), and the bundles by scripts/checkBundles.js: `npm run lint` runs all three.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The layers of src/, lowest first. A folder may import its own layer and the ones below it.
// The core (everything up to the features' own cores) is free of VS Code; the VS Code layer sits
// above. `features/*/core` is each feature's vscode-free part (a command-line program may import
// it): it sits on the shared core and may use another feature's core, never a feature's VS Code side.
const LAYERS = [
  ['contributions'],
  ['auth0'],
  ['credentials'],
  ['paging'],
  ['presentation'],
  ['findings'],
  ['model'],
  ['features/*/core'],
  ['logging', 'tenants'],
  ['workbench', 'webview'],
  ['features'],
  ['extension'],
];
const CORE_LAYERS = 8; // contributions … features/*/core

/** A module loaded on first use (esbuild.js builds every *.lazy.ts as its own file): only its types may be imported. */
const LAZY_RULE = {
  regex: '\\.lazy$',
  allowTypeImports: true,
  message: 'A *.lazy module is loaded on first use: call the lazy() helper beside it (lazy.ts), or import only its types.',
};

/** Import patterns that reach `folder` from anywhere in src/. */
const reach = (folder) => (folder === 'contributions' || folder === 'extension' ? [`**/${folder}`] : [`**/${folder}/**`, `../${folder}`, `./${folder}`]);

/** A feature's core reaches no VS Code side: not its own feature's (`../x`), not another feature's but its core (`../../f/core/x`). */
const FEATURE_CORE_RULES = [
  { regex: '^\\.\\./(?!\\.\\./)', message: "A feature's core/ is free of VS Code: it may not import its feature's VS Code side." },
  { regex: '^\\.\\./\\.\\./(?!\\.\\./)[^/]+/(?!core/)', message: "A feature's core/ may import another feature's core/ only." },
];

/** What a file of `folder` (at `level`) may not import: vscode in the core, higher layers, lazy modules. */
const restrictions = (folder, level) => {
  const above = LAYERS.slice(level + 1).flat();
  return [
    'error',
    {
      paths: level < CORE_LAYERS ? [{ name: 'vscode', message: 'The core is free of VS Code: it runs and is tested in plain Node.' }] : [],
      patterns: [
        ...(above.length > 0 ? [{ group: above.flatMap(reach), message: `src/${folder} may not import a higher layer (see LAYERS in eslint.config.mjs).` }] : []),
        ...(folder === 'features/*/core' ? FEATURE_CORE_RULES : []),
        LAZY_RULE,
      ],
    },
  ];
};

// A file matching two entries takes the later one's rule: the features' cores go last, after `features`.
const layerRules = LAYERS.flatMap((folders, level) =>
  folders.map((folder) => ({
    files: folder === 'contributions' || folder === 'extension' ? [`src/${folder}.ts`] : [`src/${folder}/**/*.ts`],
    rules: { 'no-restricted-imports': restrictions(folder, level) },
  })),
).sort((a, b) => Number(a.files[0].includes('/core/')) - Number(b.files[0].includes('/core/')));

/** What only the webview kit (src/webview/) writes: a page's security and its shell. */
const WEBVIEW_KIT_ONLY = [
  { selector: 'Literal[value=/Content-Security-Policy|<!DOCTYPE|nonce-/i]', message: 'Only src/webview/ writes a Content-Security-Policy, a nonce or a page shell: use its webviewHtml().' },
  { selector: 'TemplateElement[value.raw=/Content-Security-Policy|<!DOCTYPE|nonce-/i]', message: 'Only src/webview/ writes a Content-Security-Policy, a nonce or a page shell: use its webviewHtml().' },
  { selector: 'Identifier[name=/^(acquireVsCodeApi|enableScripts|localResourceRoots|nonce)$/]', message: 'Only src/webview/ sets panel options, makes nonces or calls acquireVsCodeApi: use its webviewPanelOptions() or vscodeApi().' },
];

/** The renderers, protocols and page scripts of the webviews are pure: data in, HTML out; no VS Code, no panel. */
const pureWebviewRule = (files, panel) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: ['vscode'],
        patterns: [{ group: [`**/${panel}`, '**/explorer/**', '**/tenants/**', '**/workbench/**'], message: 'Renderers are pure: data in, HTML out.' }, LAZY_RULE],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'media/*.js'] },
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
  pureWebviewRule(['src/features/tokens/details/render*.ts', 'src/features/tokens/details/protocol.ts', 'src/features/tokens/details/webview/**/*.ts'], 'detailsPanels'),
  pureWebviewRule(['src/features/hunt/results/render*.ts', 'src/features/hunt/results/protocol.ts', 'src/features/hunt/results/webview/**/*.ts'], 'huntResultsPanel'),
  pureWebviewRule(['src/features/setup/render*.ts', 'src/features/setup/protocol.ts', 'src/features/setup/webview/**/*.ts'], 'setupPanel'),
  { files: ['src/**/*.ts'], ignores: ['src/webview/**'], rules: { 'no-restricted-syntax': ['error', ...WEBVIEW_KIT_ONLY] } },
  {
    // A command-line program (src/cli/, run by Node outside VS Code) uses the vscode-free core and
    // the features' core/ folders only (dependency-cruiser checks the folders).
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'A command-line program runs outside VS Code.' }], patterns: [LAZY_RULE] }] },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
