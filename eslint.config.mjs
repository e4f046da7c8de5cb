// ESLint flat config: typescript-eslint's recommended rules over src and test, plus the
// architecture as rules: which layer may import which (no-restricted-imports), no import cycles
// (import-x/no-cycle), and lazily loaded modules reached only through their loaders.
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

/**
 * Modules loaded on first use (see esbuild.js): each is reached only through its loader, so that
 * activation does not carry it. `entry` is the bundle's own file, which may import the modules.
 */
const LAZY_BUNDLES = [
  { entry: 'src/presentation/userAgent.ts', loader: 'presentation/userAgentLoader', modules: ['presentation/userAgent'] },
  { entry: 'src/details/detailsDocument.ts', loader: 'details/detailsDocumentLoader', modules: ['details/detailsDocument', 'details/renderDetailsHtml'] },
  { entry: 'src/findings/findingsAnalysis.ts', loader: 'findings/findingsLoader', modules: ['findings/findingsAnalysis', 'findings/analyzeToken'] },
  { entry: 'src/credentials/secretStorageError.ts', loader: 'credentials/secretStorageErrorLoader', modules: ['credentials/secretStorageError'] },
  { entry: 'src/auth0/usersExport.ts', loader: 'a require in ManagementClient.downloadUsersExport', modules: ['auth0/usersExport'] },
  { entry: 'src/commands/commandFlows.ts', loader: 'commands/commandFlowsLoader', modules: ['commands/commandFlows', 'commands/listRefreshTokens', 'commands/tokenExport', 'commands/openTokenById'] },
  {
    entry: 'src/commands/tenantSetup.ts',
    loader: 'commands/tenantSetupLoader',
    modules: ['commands/tenantSetup', 'views/tenantSetupPanel', 'doctor/diagnoseTenant', 'doctor/renderSetupReportHtml', 'doctor/setupReportMarkdown'],
  },
  {
    entry: 'src/commands/huntFlows.ts',
    loader: 'commands/huntFlowsLoader',
    modules: ['commands/huntFlows', 'commands/huntController', 'commands/huntInput', 'commands/containUserFlow', 'commands/revokeSelectedFlow', 'commands/auditTrail', 'views/huntResults/huntResultsPanel', 'views/huntResults/renderHuntResultsHtml'],
  },
];

const lazyRules = (file) =>
  LAZY_BUNDLES.filter((bundle) => bundle.entry !== file).map((bundle) => ({
    group: bundle.modules.flatMap((module) => [`**/${module}`, `./${module.split('/').pop()}`]),
    allowTypeImports: true,
    message: `Use ${bundle.loader}: that module is loaded on first use.`,
  }));

/** Import patterns that reach `folder` from anywhere in src/. */
const reach = (folder) => (folder === 'contributions' || folder === 'extension' ? [`**/${folder}`] : [`**/${folder}/**`, `../${folder}`, `./${folder}`]);

/** What a file of `folder` (at `level`) may not import: vscode in the core, higher layers, lazy modules. */
const restrictions = (folder, level, file) => {
  const above = LAYERS.slice(level + 1).flat();
  return [
    'error',
    {
      paths: level < CORE_LAYERS ? [{ name: 'vscode', message: 'The Auth0 core is free of VS Code: it runs and is tested in plain Node.' }] : [],
      patterns: [
        ...(above.length > 0 ? [{ group: above.flatMap(reach), message: `src/${folder} may not import a higher layer (see LAYERS in eslint.config.mjs).` }] : []),
        ...lazyRules(file),
      ],
    },
  ];
};

const layerRules = LAYERS.flatMap((folders, level) =>
  folders.map((folder) => ({
    files: folder === 'contributions' || folder === 'extension' ? [`src/${folder}.ts`] : [`src/${folder}/**/*.ts`],
    rules: { 'no-restricted-imports': restrictions(folder, level) },
  })),
);

/** A lazy bundle's entry file, and each module of the bundle, imports the bundle's own modules. */
const lazyEntryRules = LAZY_BUNDLES.flatMap(({ entry, modules }) =>
  [...new Set([entry, ...modules.map((module) => `src/${module}.ts`)])].flatMap((file) => {
    const folder = file.split('/')[1];
    const level = LAYERS.findIndex((folders) => folders.includes(folder));
    return level < 0 ? [] : [{ files: [file], rules: { 'no-restricted-imports': restrictions(folder, level, entry) } }];
  }),
);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'media/details.js', 'media/setupReport.js', 'media/huntResults.js'] },
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
  ...lazyEntryRules,
  {
    // The details renderers (render*.ts) and the webview's protocol are core: no VS Code, no panel.
    files: ['src/details/render*.ts', 'src/details/detailsDocument.ts', 'src/details/protocol.ts', 'src/details/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode'],
          patterns: [
            { group: ['**/detailsPanels', '**/tree/**', '**/commands/**', '**/tenants/**'], message: 'Renderers are pure: data in, HTML out.' },
            ...lazyRules('src/details/detailsDocument.ts'),
          ],
        },
      ],
    },
  },
  {
    // The hunt results renderer, its protocol and its script are pure too: no VS Code, no panel.
    files: ['src/views/huntResults/render*.ts', 'src/views/huntResults/protocol.ts', 'src/views/huntResults/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode'],
          patterns: [
            { group: ['**/huntResultsPanel', '**/tree/**', '**/commands/**', '**/tenants/**'], message: 'Renderers are pure: data in, HTML out.' },
            ...lazyRules('src/commands/huntFlows.ts'),
          ],
        },
      ],
    },
  },
  {
    // The watch feature's core and the command line run in plain Node: no VS Code, no VS Code layer.
    files: ['src/features/*/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The watch core and the command line are free of VS Code: they run and are tested in plain Node.' }],
          patterns: [
            { group: ['**/tree/**', '**/commands/**', '**/details/**', '**/views/**', '**/tenants/**', '**/extension', '**/features/*/!(core)/**'], message: 'Only the core layers (auth0, credentials, paging, presentation, findings, hunt, model, logging) and a feature\'s core.' },
          ],
        },
      ],
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
