// The real VS Code of the test bed: code-server (VS Code's workbench and extension host) started
// on loopback, and headless Chromium driving its workbench. Used by the `runTests()` launcher
// (integration suites), by the UI tests and by `npm run demo`.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, BrowserContext, chromium, ConsoleMessage, Page } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Installs code-server into the cache on first use; returns its folder. */
export function ensureCodeServer(): string {
  const script = path.join(repoRoot, 'test', 'testbed', 'install-code-server.sh');
  const output = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = output.trim().split('\n');
  return lines[lines.length - 1];
}

export function codeServerVersions(installDir: string): { vscode: string; codeServer: string } {
  const codeServer = JSON.parse(fs.readFileSync(path.join(installDir, 'package.json'), 'utf8')).version;
  const vscode = JSON.parse(fs.readFileSync(path.join(installDir, 'lib', 'vscode', 'package.json'), 'utf8')).version;
  return { vscode, codeServer };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

export interface CodeServerOptions {
  /** Folder the workbench opens. */
  folder: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
  /** Receives every line code-server prints (its own log, not the extension host's). */
  onLog?: (line: string) => void;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  installDir: string;
  userDataDir: string;
  stop(): Promise<void>;
}

/** Starts code-server with a fresh user-data and extensions folder, resolved once it listens. */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const installDir = ensureCodeServer();
  const port = options.port ?? (await freePort());
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-inspector-vscode-'));
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // Settings that keep the workbench quiet and deterministic for tests and the demo.
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'security.workspace.trust.enabled': false,
      'chat.commandCenter.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    }),
  );

  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(installDir, 'out', 'node', 'entry.js'),
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-workspace-trust',
      '--disable-update-check',
      '--disable-getting-started-override',
      options.folder,
    ],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const killTimer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000);
      await exited;
      clearTimeout(killTimer);
    }
    fs.rmSync(runDir, { recursive: true, force: true });
  };

  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) {
        if (line.trim()) {
          options.onLog?.(line);
        }
      }
      if (output.includes('HTTP server listening on')) {
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`code-server exited (${code}) before listening:\n${output}`)));
  });

  return { url: `http://127.0.0.1:${port}`, port, installDir, userDataDir, stop };
}

/** The workbench URL that loads an extension in development mode and, optionally, its tests. */
export function workbenchUrl(
  server: { url: string; port: number },
  options: { folder: string; extensionDevelopmentPath: string; extensionTestsPath?: string },
): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]];
  if (options.extensionTestsPath) {
    payload.push(['extensionTestsPath', remote(options.extensionTestsPath.replace(/\.js$/, ''))]);
  }
  payload.push(['skipWelcome', 'true']);
  return `${server.url}/?folder=${encodeURIComponent(options.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export function chromiumPath(): string {
  try {
    return execFileSync('bash', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium is not installed: run `bash .ci/run` once, or `apt-get install chromium`.');
  }
}

export interface WorkbenchBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Chromium with the flags this closed network needs (see VSCODE-TESTBED.md). */
export async function openBrowser(options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<WorkbenchBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 900 },
    colorScheme: options.colorScheme ?? 'dark',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  return { browser, context, page, close: () => browser.close() };
}

/**
 * Turns a workbench console message into plain text. The workbench logs (and forwards the
 * extension host's console) as `console.log("%c INFO", "color: #33f", format, ...args)`: the
 * level marker is kept, the inner printf-style format is applied.
 */
export async function consoleMessageText(message: ConsoleMessage): Promise<string> {
  const values = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => String(arg))));
  if (values.length === 0) {
    return message.text();
  }
  const levelMarker = typeof values[0] === 'string' ? /^%c\s*(INFO|WARN|ERR|DEBUG|TRACE)\b/.exec(values[0]) : null;
  if (levelMarker) {
    const text = formatPrintf(values.slice(2));
    return levelMarker[1] === 'INFO' ? text : `${levelMarker[1]} ${text}`;
  }
  return formatPrintf(values);
}

function formatPrintf(values: unknown[]): string {
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (typeof values[0] !== 'string') {
    return values.map(show).join(' ');
  }
  const rest = values.slice(1);
  const formatted = values[0].replace(/%[csdifoO]/g, (marker) => {
    const value = rest.shift();
    return marker === '%c' ? '' : show(value);
  });
  return [formatted, ...rest.map(show)].join(' ');
}

/** Workbench start-up chatter that says nothing about the extension under test. */
export function isWorkbenchNoise(text: string): boolean {
  return /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore|Overwriting extension|The web worker extension host|An iframe which has both|Failed to load resource|ERR getaddrinfo ENOTFOUND open-vsx\.org|Started local extension host|Extension host \(|Loading development extension)|^\s*$/.test(
    text,
  );
}
