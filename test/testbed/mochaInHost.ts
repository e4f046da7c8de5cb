// Runs mocha suites inside the VS Code extension host. An extensionTestsPath module's run()
// calls this; the workbench reports run()'s outcome to the launcher (0 passed, 1 failed).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteRunOptions {
  /** Folder holding the compiled `*.test.js` files. */
  directory: string;
  timeoutMs?: number;
}

export async function runMochaSuites(options: SuiteRunOptions): Promise<void> {
  // Printed once per run so the log shows which VS Code and Node the suites really ran on.
  // `vscode` is loaded lazily: this module is also loaded outside VS Code by type checks.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vscode = require('vscode') as typeof import('vscode');
  console.log(`[testbed] suites running in VS Code ${vscode.version} (${vscode.env.appName}), Node ${process.version}`);

  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: options.timeoutMs ?? 60_000, reporter: 'spec' });
  const grep = process.env.MOCHA_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  for (const file of listTestFiles(options.directory)) {
    mocha.addFile(file);
  }
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}

function listTestFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      files.push(...listTestFiles(full));
    } else if (entry.name.endsWith('.test.js')) {
      files.push(full);
    }
  }
  return files.sort();
}
