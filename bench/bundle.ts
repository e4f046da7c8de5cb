// Workload 4: bundle sizes, built the way `node esbuild.js --production` builds the extension
// (its own options, read from esbuild.js), but in memory, so dist/ is untouched. The baseline in
// the same run is the whole extension as one bundle, as it shipped before lazy loading.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import type { BundleEntry, BundleResult } from './results';

export const PRODUCTION_SETTINGS = 'esbuild: bundle, format cjs, platform node, target node20, minify, external vscode (as esbuild.js --production)';

async function build(repoRoot: string, entry: string): Promise<Uint8Array> {
  const result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    sourcemap: false,
    external: ['vscode'],
    write: false,
    outfile: path.join(repoRoot, 'out', 'bench', 'bundle', 'out.js'),
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!output) {
    throw new Error(`esbuild produced no JavaScript for ${entry}`);
  }
  return output.contents;
}

interface EsbuildConfig {
  extensionOptions(options: { production: boolean }): esbuild.BuildOptions;
  webviewOptions(options: { production: boolean }): esbuild.BuildOptions;
}

/** The project's own esbuild options (esbuild.js at the repository root). */
function projectBuild(repoRoot: string): EsbuildConfig {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is CommonJS
  return require(path.join(repoRoot, 'esbuild.js')) as EsbuildConfig;
}

/** The production files of the extension's Node bundles, in memory: dist/extension.js and the lazy ones. */
async function productionFiles(repoRoot: string): Promise<{ name: string; contents: Uint8Array }[]> {
  const config = projectBuild(repoRoot);
  const outputs: { name: string; contents: Uint8Array }[] = [];
  for (const options of [config.extensionOptions({ production: true }), config.webviewOptions({ production: true })]) {
    const result = await esbuild.build({ ...options, absWorkingDir: repoRoot, write: false, logLevel: 'silent', metafile: false });
    for (const file of result.outputFiles.filter((output) => output.path.endsWith('.js'))) {
      outputs.push({ name: path.relative(repoRoot, file.path), contents: file.contents });
    }
  }
  return outputs;
}

/**
 * Writes the production extension into `extensionFolder`/dist (and the webview script into its
 * media/), as the VSIX ships it; `variant: 'one-bundle'` writes the whole extension as one
 * dist/extension.js instead (the baseline before lazy loading). Returns dist/extension.js's bytes.
 */
export async function writeProductionExtension(repoRoot: string, extensionFolder: string, variant: 'split' | 'one-bundle' = 'split'): Promise<number> {
  const files = await productionFiles(repoRoot);
  if (variant === 'one-bundle') {
    files.splice(0, files.length, ...files.filter((file) => file.name.startsWith('media')), { name: path.join('dist', 'extension.js'), contents: await build(repoRoot, 'src/extension.ts') });
  }
  for (const file of files) {
    const target = path.join(extensionFolder, file.name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.contents);
  }
  return files.find((file) => file.name === path.join('dist', 'extension.js'))?.contents.length ?? 0;
}

export async function bundleWorkload(repoRoot: string): Promise<BundleResult> {
  const files = await productionFiles(repoRoot);
  const measured = (contents: Uint8Array[]) => ({
    bytes: contents.reduce((sum, c) => sum + c.length, 0),
    gzipBytes: contents.reduce((sum, c) => sum + gzipSync(c, { level: 9 }).length, 0),
  });
  const activation = files.find((file) => file.name === path.join('dist', 'extension.js'));
  if (!activation) {
    throw new Error('esbuild.js produced no dist/extension.js');
  }
  const entries: BundleEntry[] = [
    {
      name: 'activation bundle (dist/extension.js)',
      entry: 'src/extension.ts',
      note: 'what activation loads: tree, commands, client, model; the rest is required on first use',
      ...measured([activation.contents]),
    },
    {
      name: 'all shipped JavaScript',
      entry: files.map((file) => file.name).join(' + '),
      note: 'the activation bundle, the lazily loaded bundles and the webview script',
      ...measured(files.map((file) => file.contents)),
    },
  ];
  const subjects: Omit<BundleEntry, 'bytes' | 'gzipBytes'>[] = [
    { name: 'baseline: the extension as one bundle', entry: 'src/extension.ts', note: 'everything loaded at activation, as shipped before lazy loading' },
    { name: 'SDK minimal program', entry: 'bench/sdkMinimal.ts', note: "lists a user's refresh tokens with auth0 v7's ManagementClient" },
    { name: 'SDK minimal, sub-path import', entry: 'bench/sdkMinimalSubpath.ts', note: "the same with auth0/users/refreshToken's RefreshTokenClient only" },
    { name: 'our client minimal program', entry: 'bench/oursMinimal.ts', note: 'the same with this project\'s client and pager only' },
  ];
  for (const subject of subjects) {
    const contents = await build(repoRoot, subject.entry);
    entries.push({ ...subject, bytes: contents.length, gzipBytes: gzipSync(contents, { level: 9 }).length });
  }
  return { entries, settings: PRODUCTION_SETTINGS };
}
