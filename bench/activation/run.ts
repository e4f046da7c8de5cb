// Workload 5, the benchmark's side: starts the real VS Code of the test bed (code-server and
// headless Chromium, through the test bed's launcher) once per measured start, with the
// production bundle of the extension in a temporary extension folder (dist/ is left alone), and
// reads the line host.ts prints.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../../test/emulator';
import { writeProductionExtension } from '../bundle';
import type { ActivationResult, ActivationStart } from '../results';
import { median } from '../stats';
import { ACTIVATION_RESULT_MARKER as RESULT_MARKER } from '../protocol';

export interface ActivationOptions {
  repoRoot: string;
  /** Folder holding launcher.js and activationHost.js. */
  distDir: string;
  starts: number;
  repeats: number;
  /** 'split' (as shipped) or 'one-bundle' (the baseline: everything loaded at activation). */
  variant?: 'split' | 'one-bundle';
  log(line: string): void;
}

/** A copy of what the .vsix ships: package.json, media/, the README and the production bundle. */
async function productionExtensionFolder(repoRoot: string, into: string, variant: 'split' | 'one-bundle'): Promise<void> {
  for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
    if (fs.existsSync(path.join(repoRoot, file))) {
      fs.copyFileSync(path.join(repoRoot, file), path.join(into, file));
    }
  }
  if (fs.existsSync(path.join(repoRoot, 'media'))) {
    fs.cpSync(path.join(repoRoot, 'media'), path.join(into, 'media'), { recursive: true });
  }
  await writeProductionExtension(repoRoot, into, variant);
}

function launch(options: ActivationOptions, extensionFolder: string, env: Record<string, string>): Promise<{ code: number; output: string; ms: number }> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-inspector-bench-ws-'));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(options.distDir, 'launcher.js'),
        `--extensionDevelopmentPath=${extensionFolder}`,
        `--extensionTestsPath=${path.join(options.distDir, 'activationHost.js')}`,
        workspace,
      ],
      { cwd: options.repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      fs.rmSync(workspace, { recursive: true, force: true });
      resolve({ code: code ?? 1, output, ms: performance.now() - started });
    });
  });
}

export async function activationWorkload(options: ActivationOptions): Promise<ActivationResult> {
  const extensionFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-inspector-bench-ext-'));
  const emulator = await startEmulator({ seed: 1 });
  const starts: ActivationStart[] = [];
  try {
    await productionExtensionFolder(options.repoRoot, extensionFolder, options.variant ?? 'split');
    const env = {
      BENCH_ACTIVATION_TARGET: JSON.stringify({ url: emulator.url, domain: emulator.domain, token: emulator.token }),
      BENCH_ACTIVATION_REPEATS: String(options.repeats),
      TESTBED_TIMEOUT_MS: String(240_000),
    };
    for (let i = 0; i < options.starts; i++) {
      const firstRequest = emulator.requests.length;
      const { code, output, ms } = await launch(options, extensionFolder, env);
      const userListings = emulator.requests.slice(firstRequest).filter((r) => r.method === 'GET' && r.path === '/api/v2/users').length;
      const line = output.split('\n').find((l) => l.includes(RESULT_MARKER));
      if (code !== 0 || !line) {
        const tail = output.split('\n').slice(-40).join('\n');
        throw new Error(`VS Code start ${i + 1} ended with code ${code} and ${line ? 'a' : 'no'} result line:\n${tail}`);
      }
      const reported = JSON.parse(line.slice(line.indexOf(RESULT_MARKER) + RESULT_MARKER.length)) as Omit<ActivationStart, 'launchMs' | 'userListings'>;
      const start: ActivationStart = { ...reported, launchMs: ms, userListings };
      options.log(
        `  start ${i + 1}: extension.activate() ${start.hostActivateMs.toFixed(1)} ms (activate() itself ${start.ownActivateMs.toFixed(1)} ms), ` +
          `connect ${start.connectMs.toFixed(0)} ms, first rows ${start.firstRowsMs.toFixed(1)} ms, activation → rows ${start.activationToFirstRowsMs.toFixed(0)} ms, ` +
          `after refresh ${median(start.refreshToFirstRowsMs).toFixed(1)} ms, ${userListings} GET /users (VS Code ${start.vscodeVersion}, whole start ${(ms / 1000).toFixed(1)} s)`,
      );
      starts.push(start);
    }
  } finally {
    await emulator.close();
    fs.rmSync(extensionFolder, { recursive: true, force: true });
  }
  return {
    starts,
    medianHostActivateMs: median(starts.map((s) => s.hostActivateMs)),
    medianOwnActivateMs: median(starts.map((s) => s.ownActivateMs)),
    medianConnectMs: median(starts.map((s) => s.connectMs)),
    medianFirstRowsMs: median(starts.map((s) => s.firstRowsMs)),
    medianActivationToFirstRowsMs: median(starts.map((s) => s.activationToFirstRowsMs)),
    medianRefreshToFirstRowsMs: median(starts.flatMap((s) => s.refreshToFirstRowsMs)),
  };
}
