// Bundles the extension as VS Code's "Bundling Extensions" guide does (`vscode` stays external;
// --production minifies, otherwise source maps), in several files so that activation loads
// only what registering the features needs:
//   dist/extension.js     activation: src/extension.ts and each feature's register.ts
//   dist/<name>.lazy.js   every src/**/<name>.lazy.ts, found here by its name (no list to keep):
//                         loaded on first use by the lazy() helper beside it, require('./<name>.lazy.js')
//   media/<page>.js       every webview page script, src/features/**/webview/<page>Script.ts (browser bundles)
//   dist/watchTenant.js   the command-line watch (a separate program; `--cli` builds only it)
// A lazily loaded module is required by the same relative name from any bundle in dist/, and
// under tsc from its own folder in out/, so the loader code is the same in tests and in the VSIX.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const path = require('node:path');
const fs = require('node:fs');

/** The .ts files under `folder` (recursively) whose names match `pattern`, as paths relative to this file's folder. */
function sourcesMatching(folder, pattern) {
  return fs
    .readdirSync(path.join(__dirname, folder), { recursive: true })
    .map((file) => path.posix.join(folder, file.split(path.sep).join('/')))
    .filter((file) => pattern.test(path.posix.basename(file)))
    .sort();
}

/** Entry points by output name, each name once (two files that would write one output are an error). */
function entriesByName(files, nameOf) {
  const entries = {};
  for (const file of files) {
    const name = nameOf(file);
    if (entries[name]) {
      throw new Error(`${entries[name]} and ${file} would both be built as ${name}.js: rename one.`);
    }
    entries[name] = file;
  }
  return entries;
}

/** Modules loaded on first use: every <name>.lazy.ts under src/, built as dist/<name>.lazy.js. */
const LAZY_ENTRIES = entriesByName(sourcesMatching('src', /\.lazy\.ts$/), (file) => path.posix.basename(file, '.ts'));

/** The webviews' page scripts: every webview/<page>Script.ts under src/features/, built as media/<page>.js. */
const PAGE_SCRIPTS = entriesByName(
  sourcesMatching('src/features', /Script\.ts$/).filter((file) => file.split('/').at(-2) === 'webview'),
  (file) => path.posix.basename(file, 'Script.ts'),
);

/** Keeps `require('./<name>.lazy.js')` a runtime require of the separate file. */
const lazyEntriesPlugin = {
  name: 'lazy-entries',
  setup(build) {
    build.onResolve({ filter: /^\.\/[^/]+\.lazy\.js$/ }, (args) => {
      if (!LAZY_ENTRIES[path.posix.basename(args.path, '.js')]) {
        return { errors: [{ text: `${args.path}: no src/**/${path.posix.basename(args.path, '.js')}.ts to build it from` }] };
      }
      return { path: args.path, external: true };
    });
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

/** esbuild options of the webviews' page scripts (media/<page>.js, see PAGE_SCRIPTS). */
function webviewOptions({ production }) {
  return {
    bundle: true,
    minify: production,
    sourcemap: false,
    logLevel: 'warning',
    metafile: true,
    entryPoints: PAGE_SCRIPTS,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outdir: 'media',
  };
}

/**
 * esbuild options of the command-line watch (dist/watchTenant.js, `npm run watch-tenant`, the
 * package's `bin`): a separate program, never loaded by the extension.
 */
function cliOptions({ production }) {
  return {
    bundle: true,
    minify: production,
    sourcemap: false,
    logLevel: 'warning',
    metafile: true,
    entryPoints: { watchTenant: 'src/cli/watchTenant.ts' },
    banner: { js: '#!/usr/bin/env node' },
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outdir: 'dist',
  };
}

async function main() {
  if (process.argv.includes('--cli')) {
    // Only the command line, quietly on stdout (its NDJSON goes there): `npm run watch-tenant`.
    const result = await esbuild.build(cliOptions({ production }));
    const bytes = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('.js'))?.[1].bytes ?? 0;
    console.error(`[build] dist/watchTenant.js ${(bytes / 1024).toFixed(1)} KB`);
    return;
  }
  const withWatch = (options) => (watch ? { ...options, plugins: [...(options.plugins ?? []), problemMatcherPlugin] } : options);
  const contexts = await Promise.all([
    esbuild.context(withWatch(extensionOptions({ production }))),
    esbuild.context(withWatch(webviewOptions({ production }))),
    esbuild.context(withWatch(cliOptions({ production }))),
  ]);
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

module.exports = { extensionOptions, webviewOptions, cliOptions, LAZY_ENTRIES, PAGE_SCRIPTS };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
