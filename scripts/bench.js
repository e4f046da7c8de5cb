#!/usr/bin/env node
// `npm run bench`: the benchmark against the official SDK and the physical floor (BENCHMARKS.md).
//   npm run bench                  full run (about 10 minutes): writes BENCHMARKS.md,
//                                  test-results/bench.json and docs/images/bench-*.svg
//   npm run bench -- --quick       smoke run for CI (under a minute): test-results/bench-quick.json
//                                  (a run with --only writes test-results/bench-partial.json)
//   npm run bench -- --only=paging,rate-limited,fan-out,hunt,export-memory,user-expansion,watch,bundle,activation   --rounds=N
// Builds bench/ with esbuild into out/bench/dist (a second, not a full tsc run; `npx tsc -p .`
// type-checks bench/ with everything else), then runs out/bench/dist/main.js. Exits 0 when the
// benchmark ran (goals not met are reported, not failures), non-zero when it broke.
const { spawn } = require('node:child_process');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'out', 'bench', 'dist');

const bundles = [
  { entry: 'bench/main.ts', out: 'main.js' },
  { entry: 'bench/workers/ours.ts', out: 'worker-ours.js' },
  { entry: 'bench/workers/sdk.ts', out: 'worker-sdk.js' },
  { entry: 'bench/workers/floor.ts', out: 'worker-floor.js' },
  { entry: 'bench/workers/hunt.ts', out: 'worker-hunt.js' },
  // Loaded by VS Code's extension host as the extensionTestsPath module.
  { entry: 'bench/activation/host.ts', out: 'activationHost.js' },
  // The test bed's launcher (code-server + headless Chromium), built from its source. Three
  // folders below the repository, as test/testbed/codeServer.ts expects to be.
  { entry: 'test/testbed/launcher.ts', out: 'launcher.js' },
];

async function build() {
  await Promise.all(
    bundles.map(({ entry, out }) =>
      esbuild.build({
        absWorkingDir: root,
        entryPoints: [entry],
        outfile: path.join(dist, out),
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        // npm packages (auth0, esbuild, playwright-core) load from node_modules as usual.
        packages: 'external',
        external: ['vscode'],
        sourcemap: 'inline',
        logLevel: 'warning',
      }),
    ),
  );
}

async function main() {
  const started = Date.now();
  try {
    await build();
  } catch (error) {
    console.error(`bench: could not build the benchmark: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  console.log(`bench: built out/bench/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(dist, 'main.js'), ...process.argv.slice(2)], {
      cwd: root,
      env: { ...process.env, BENCH_REPO_ROOT: root },
      stdio: 'inherit',
    });
    child.once('error', (error) => {
      console.error(`bench: could not start: ${error.message}`);
      resolve(2);
    });
    child.once('exit', (code, signal) => resolve(signal ? 2 : (code ?? 2)));
  });
}

main().then((code) => process.exit(code));
