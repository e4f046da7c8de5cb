// The "VS Code executable" handed to @vscode/test-electron's runTests() when VS Code cannot be
// downloaded (this machine and CI). runTests() spawns it with --extensionDevelopmentPath= and
// --extensionTestsPath=; it runs those suites inside code-server's real extension host, driven
// by headless Chromium, and exits with the code the workbench reports via codeAutomationExit.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeServerVersions, consoleMessageText, isWorkbenchNoise, openBrowser, startCodeServer, workbenchUrl } from './codeServer';

const DEFAULT_TIMEOUT_MS = 15 * 60 * 1000;

interface LaunchArguments {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  folder?: string;
}

function parseArguments(argv: string[]): LaunchArguments {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const extensionDevelopmentPath = value('extensionDevelopmentPath');
  const extensionTestsPath = value('extensionTestsPath');
  if (!extensionDevelopmentPath || !extensionTestsPath) {
    throw new Error('launcher: --extensionDevelopmentPath= and --extensionTestsPath= are required');
  }
  const folder = argv.find((a) => !a.startsWith('-'));
  return { extensionDevelopmentPath, extensionTestsPath, folder };
}

function log(message: string): void {
  process.stdout.write(`[testbed] ${message}\n`);
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  const timeoutMs = Number(process.env.TESTBED_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS);
  const folder = args.folder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-inspector-workspace-'));
  const showServerLog = process.env.TESTBED_SERVER_LOG === '1';

  const server = await startCodeServer({
    folder,
    onLog: (line) => showServerLog && log(`code-server: ${line}`),
  });
  const versions = codeServerVersions(server.installDir);
  log(`code-server ${versions.codeServer} (VS Code ${versions.vscode}) on ${server.url}`);

  const workbench = await openBrowser();
  let timer: NodeJS.Timeout | undefined;
  try {
    const exitCode = new Promise<number>((resolve) => {
      void workbench.page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      timer = setTimeout(() => {
        log(
          `TIMEOUT: the test run did not finish within ${Math.round(timeoutMs / 1000)} s ` +
            `(${args.extensionTestsPath}). A suite is hanging; stopping VS Code.`,
        );
        resolve(124);
      }, timeoutMs);
    });
    workbench.page.on('console', async (message) => {
      const text = await consoleMessageText(message);
      // The extension host's console arrives here, among the workbench's own log.
      if (process.env.TESTBED_BROWSER_LOG === '1' || !isWorkbenchNoise(text)) {
        process.stdout.write(text + '\n');
      }
    });
    workbench.page.on('pageerror', (error) => log(`workbench page error: ${error.message}`));
    await workbench.page.goto(
      workbenchUrl(server, {
        folder,
        extensionDevelopmentPath: args.extensionDevelopmentPath,
        extensionTestsPath: args.extensionTestsPath,
      }),
    );
    return await exitCode;
  } finally {
    clearTimeout(timer);
    await workbench.close().catch(() => undefined);
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(`launcher failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
