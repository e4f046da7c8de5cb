// extensionTestsPath of the integration suites: every *.test.js beside this file.
import { runMochaSuites } from '../testbed/mochaInHost';

export function run(): Promise<void> {
  return runMochaSuites({ directory: __dirname });
}
