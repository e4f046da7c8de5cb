// Workload 4: bundle sizes, built the way `node esbuild.js --production` builds the extension
// (cjs, node, target node20, minified, `vscode` external), but in memory, so dist/ is untouched.
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

/** The production bundle of the extension, written to `outfile` (for the activation run). */
export async function writeProductionExtension(repoRoot: string, outfile: string): Promise<number> {
  const contents = await build(repoRoot, 'src/extension.ts');
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  fs.writeFileSync(outfile, contents);
  return contents.length;
}

export async function bundleWorkload(repoRoot: string): Promise<BundleResult> {
  const subjects: Omit<BundleEntry, 'bytes' | 'gzipBytes'>[] = [
    { name: 'extension (dist/extension.js)', entry: 'src/extension.ts', note: 'the whole extension: client, pagers, tree, details panel, commands' },
    { name: 'SDK minimal program', entry: 'bench/sdkMinimal.ts', note: "lists a user's refresh tokens with auth0 v7's ManagementClient" },
    { name: 'SDK minimal, sub-path import', entry: 'bench/sdkMinimalSubpath.ts', note: "the same with auth0/users/refreshToken's RefreshTokenClient only" },
    { name: 'our client minimal program', entry: 'bench/oursMinimal.ts', note: 'the same with this project\'s client and pager only' },
  ];
  const entries: BundleEntry[] = [];
  for (const subject of subjects) {
    const contents = await build(repoRoot, subject.entry);
    entries.push({ ...subject, bytes: contents.length, gzipBytes: gzipSync(contents, { level: 9 }).length });
  }
  return { entries, settings: PRODUCTION_SETTINGS };
}
