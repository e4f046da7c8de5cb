// Runs an extensionTestsPath module in a real VS Code through @vscode/test-electron's runTests().
// Backend: VSCODE_TEST_BACKEND=code-server (default; works offline, as here and in CI) or
// electron (runTests() downloads desktop VS Code as usual: needs the network).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './codeServer';

export type Backend = 'code-server' | 'electron';

export function chosenBackend(): Backend {
  const setting = process.env.VSCODE_TEST_BACKEND ?? 'code-server';
  if (setting !== 'code-server' && setting !== 'electron') {
    throw new Error(`VSCODE_TEST_BACKEND must be "code-server" or "electron", not "${setting}"`);
  }
  return setting;
}

/** Resolves with 0 when every suite passed; rejects (runTests' TestRunFailedError) otherwise. */
export async function runSuitesInVsCode(extensionTestsPath: string, env: Record<string, string> = {}): Promise<number> {
  const backend = chosenBackend();
  console.log(`[testbed] backend: ${backend}${process.env.VSCODE_TEST_BACKEND ? ' (VSCODE_TEST_BACKEND)' : ' (default; set VSCODE_TEST_BACKEND=electron to download desktop VS Code)'}`);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-inspector-workspace-'));
  try {
    return await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [workspace],
      extensionTestsEnv: env,
      ...(backend === 'code-server'
        ? { vscodeExecutablePath: path.join(repoRoot, 'test', 'testbed', 'code-server-launcher.sh') }
        : { version: process.env.VSCODE_TEST_VERSION ?? '1.100.3' }),
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const target = process.argv[2] ?? path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  runSuitesInVsCode(path.resolve(target)).then(
    () => process.exit(0),
    (error) => {
      console.error(`[testbed] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
