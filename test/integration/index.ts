// extensionTestsPath of the integration suites: every *.test.js beside this file. The one test
// window (testWindow.ts) is installed over vscode.window before any suite runs, for the whole run.
import { runMochaSuites } from '../testbed/mochaInHost';
import { getTestWindow } from './testWindow';

export function run(): Promise<void> {
  getTestWindow();
  return runMochaSuites({ directory: __dirname });
}
