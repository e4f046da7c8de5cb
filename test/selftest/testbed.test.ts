// The test bed's own behaviour: a failing suite fails the run and is named; a hanging suite is
// stopped by the timeout with a clear message. Runs the real launcher on fixture suites.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../testbed/codeServer';

function runFixture(name: string, env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'out', 'test', 'testbed', 'runSuites.js'), path.join(repoRoot, 'out', 'test', 'fixtures', 'testbed', name, 'index.js')],
    { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 180_000 },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('Test bed launcher', function () {
  this.timeout(200_000);

  it('fails the run, naming the test, when a suite fails', () => {
    const { status, output } = runFixture('failing');
    assert.notStrictEqual(status, 0, output);
    assert.match(output, /1 failing/);
    assert.match(output, /fixture-deliberately-failing-assertion/);
    assert.match(output, /VS Code 1\.100\.3/);
  });

  it('stops a hanging suite with a clear timeout message', () => {
    const { status, output } = runFixture('hanging', { TESTBED_TIMEOUT_MS: '20000' });
    assert.notStrictEqual(status, 0, output);
    assert.match(output, /TIMEOUT: the test run did not finish within 20 s/);
    assert.match(output, /A suite is hanging/);
  });
});
