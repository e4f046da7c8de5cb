// Bundles the extension as VS Code's "Bundling Extensions" guide does (`vscode` stays external;
// --production minifies, otherwise source maps), in several files so that activation loads
// only what the first tree rows need:
//   dist/extension.js   activation: tree, commands, Auth0 client, model
//   dist/<name>.js      loaded on first use with require('./<name>.js') (see LAZY_ENTRIES)
//   media/details.js    the details webview's script (a browser bundle)
//   media/setupReport.js the setup report webview's script (a browser bundle)
//   media/huntResults.js the hunt results webview's script (a browser bundle)
// A lazily loaded module is required by the same relative name from any bundle in dist/, and
// under tsc from its own folder in out/, so the loader code is the same in tests and in the VSIX.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Modules loaded on first use, by the file name their loaders require. */
const LAZY_ENTRIES = {
  'userAgent.lazy': 'src/presentation/userAgent.lazy.ts',
  detailsDocument: 'src/features/tokens/details/detailsDocument.ts',
  'findingsAnalysis.lazy': 'src/findings/findingsAnalysis.lazy.ts',
  'tokens.lazy': 'src/features/tokens/tokens.lazy.ts',
  'usersExport.lazy': 'src/auth0/usersExport.lazy.ts',
  'setup.lazy': 'src/features/setup/setup.lazy.ts',
  'hunt.lazy': 'src/features/hunt/hunt.lazy.ts',
};

/** Keeps `require('./<lazy entry>.js')` a runtime require of the separate file. */
const lazyEntriesPlugin = {
  name: 'lazy-entries',
  setup(build) {
    const names = Object.keys(LAZY_ENTRIES).join('|');
    build.onResolve({ filter: new RegExp(`^\\./(${names})\\.js$`) }, (args) => ({ path: args.path, external: true }));
  },
};

/** Prints errors in the `file:line:col: error: text` form VS Code's problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      console.log('[watch] build finished');
    });
  },
};

/** esbuild options of the extension's Node bundles: dist/extension.js and the lazy entries. */
function extensionOptions({ production }) {
  return {
    bundle: true,
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'warning',
    metafile: true,
    entryPoints: { extension: 'src/extension.ts', ...LAZY_ENTRIES },
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outdir: 'dist',
    external: ['vscode'],
    plugins: [lazyEntriesPlugin],
  };
}

/** esbuild options of the webviews' scripts (media/details.js, media/setupReport.js, media/huntResults.js). */
function webviewOptions({ production }) {
  return {
    bundle: true,
    minify: production,
    sourcemap: false,
    logLevel: 'warning',
    metafile: true,
    entryPoints: {
      details: 'src/features/tokens/details/webview/detailsScript.ts',
      setupReport: 'src/features/setup/webview/setupReportScript.ts',
      huntResults: 'src/features/hunt/results/webview/huntResultsScript.ts',
    },
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outdir: 'media',
  };
}

async function main() {
  const withWatch = (options) => (watch ? { ...options, plugins: [...(options.plugins ?? []), problemMatcherPlugin] } : options);
  const contexts = await Promise.all([esbuild.context(withWatch(extensionOptions({ production }))), esbuild.context(withWatch(webviewOptions({ production })))]);
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  const sizes = results.flatMap((result) => Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js')).map(([file, output]) => [file, output.bytes]));
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const total = sizes.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(`[build] ${sizes.map(([file, bytes]) => `${file} ${kb(bytes)}`).join(', ')}; total ${kb(total)}${production ? ' (minified)' : ''}`);
}

module.exports = { extensionOptions, webviewOptions, LAZY_ENTRIES };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
