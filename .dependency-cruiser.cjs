// The architecture's import rules that need the resolved graph, checked by dependency-cruiser
// (`npm run lint`): import circles counting type-only imports (a circle of types is still a circle
// for the reader), the features' public modules, and the lazy boundary. Which layer may import which
// is ESLint's LAYERS (eslint.config.mjs); the bundles are scripts/checkBundles.js's.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle, type-only imports included: break it with a types module (see README, Architecture).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-not-features',
      severity: 'error',
      comment: 'The shared core and the shared VS Code layers never import a feature: features are built on them.',
      from: { path: '^src/(contributions|auth0|credentials|paging|presentation|findings|model|tenants|logging|workbench|webview)/?' },
      to: { path: '^src/features/' },
    },
    {
      name: 'feature-core-is-vscode-free',
      severity: 'error',
      comment: "A feature's core/ is free of VS Code (a command-line program may import it): no vscode, no feature's VS Code side.",
      from: { path: '^src/features/[^/]+/core/' },
      to: { path: ['^vscode$', '^src/features/[^/]+/(?!core/)', '^src/(tenants|logging|workbench|webview)/'] },
    },
    {
      name: 'cli-uses-the-core',
      severity: 'error',
      comment: "A command-line program (src/cli/) imports the vscode-free core and features' core/ folders, nothing that needs VS Code.",
      from: { path: '^src/cli/' },
      to: { path: ['^vscode$', '^src/features/[^/]+/(?!core/)', '^src/(tenants|logging|workbench|webview|extension)'] },
    },
    {
      name: 'feature-through-its-public-modules',
      severity: 'error',
      comment: "A feature uses another only through that feature's types.ts (types only) or its vscode-free core/.",
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/', pathNot: ['^src/features/$1/', '^src/features/[^/]+/types\\.ts$', '^src/features/[^/]+/core/'] },
    },
    {
      name: 'types-module-holds-types',
      severity: 'error',
      comment: "A feature's types.ts is its public types module: it imports types only, so it adds no code and no circle.",
      from: { path: '^src/features/[^/]+/types\\.ts$' },
      to: { path: '^src/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'registration-is-imported-by-activation-only',
      severity: 'error',
      comment: "A feature's register.ts is for src/extension.ts alone: shared types live in the feature's types.ts.",
      from: { pathNot: '^src/extension\\.ts$' },
      to: { path: '^src/features/[^/]+/register\\.ts$' },
    },
    {
      name: 'activation-imports-registrations',
      severity: 'error',
      comment: "src/extension.ts imports each feature's register.ts (and its types.ts), nothing else of a feature.",
      from: { path: '^src/extension\\.ts$' },
      to: { path: '^src/features/', pathNot: '^src/features/[^/]+/(register|types)\\.ts$' },
    },
    {
      name: 'lazy-entry-only-through-a-helper',
      severity: 'error',
      comment: 'Only a lazy() helper (lazy.ts), a core loader (*Loader.ts) or the client\'s export reader requires a *.lazy.ts; any other module imports only its types.',
      from: { pathNot: '/(lazy|[A-Za-z]+Loader|managementClient)\\.ts$' },
      to: { path: '\\.lazy\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'lazy-entry-through-its-helper',
      severity: 'error',
      comment: 'A *.lazy.ts (its own bundle, loaded on first use) is required only by the lazy() helper beside it; elsewhere only its types are imported.',
      from: { path: '^(.+)/[^/]+$' },
      to: { path: '\\.lazy\\.ts$', pathNot: '^$1/[^/]+\\.lazy\\.ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'], exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
