// The CLI prints one EMULATOR_READY line whose token works with a plain HTTP client, and stops
// cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { once } from 'node:events';

const CLI = path.resolve(__dirname, '../../../test/emulator/cli.js');

interface ReadyLine {
  url: string;
  domain: string;
  token: string;
  clientId: string;
  clientSecret: string;
  users: Record<string, string>;
  [field: string]: unknown;
}

function readReadyLine(child: ChildProcessWithoutNullStreams): Promise<{ ready: ReadyLine; lines: string[] }> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const lines: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        lines.push(line);
        if (line.startsWith('EMULATOR_READY ')) {
          resolve({ ready: JSON.parse(line.slice('EMULATOR_READY '.length)) as ReadyLine, lines });
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`the CLI exited with ${code} before it was ready`)));
  });
}

describe('emulator CLI', () => {
  it('prints EMULATOR_READY with working credentials and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--seed', '1', '--rate-limit', 'non-production', '--latency', '5', '--users', '400'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    try {
      const { ready, lines } = await readReadyLine(child);
      assert.equal(lines.length, 1, 'exactly one line');
      for (const field of ['url', 'domain', 'token', 'readOnlyToken', 'expiredToken', 'noRefreshTokenScopeToken', 'clientId', 'clientSecret', 'users']) {
        assert.ok(field in ready, field);
      }
      assert.equal(ready.url, `http://${ready.domain}`);

      // What `curl -H "Authorization: Bearer $TOKEN" $URL/api/v2/users/<id>/refresh-tokens` does.
      const listed = await fetch(`${ready.url}/api/v2/users/${encodeURIComponent(ready.users.seven)}/refresh-tokens`, {
        headers: { authorization: `Bearer ${ready.token}` },
      });
      assert.equal(listed.status, 200);
      assert.equal(((await listed.json()) as { tokens: unknown[] }).tokens.length, 7);
      assert.equal(listed.headers.get('x-ratelimit-limit'), '10');

      const totals = await fetch(`${ready.url}/api/v2/users?include_totals=true&per_page=1`, { headers: { authorization: `Bearer ${ready.token}` } });
      assert.equal(((await totals.json()) as { total: number }).total, 400);

      const granted = await fetch(`${ready.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: ready.clientId, client_secret: ready.clientSecret, audience: `https://${ready.domain}/api/v2/` }).toString(),
      });
      assert.equal(granted.status, 200);

      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
  });

  it('takes the tenant profile flags and prints the scenarios and the export origin', async () => {
    const child = spawn(
      process.execPath,
      [CLI, '--port', '0', '--seed', '3', '--plan', 'without-refresh-tokens-and-sessions', '--early-access', 'absent', '--log-retention-days', '2', '--clock-offset', '-600', '--delete-delay', '0'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    try {
      const { ready } = await readReadyLine(child);
      const scenarios = ready.scenarios as Record<string, string>;
      assert.deepEqual(Object.keys(scenarios).sort(), ['browserUpdated', 'outlivedSession', 'reuse', 'stolenLaptop']);
      assert.match(String(ready.exportOrigin), /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(ready.exportOrigin, ready.url);
      const get = (path: string) => fetch(`${ready.url}/api/v2${path}`, { headers: { authorization: `Bearer ${ready.token}` } });
      const sessions = await get(`/users/${encodeURIComponent(ready.users.seven)}/sessions`);
      assert.equal(sessions.status, 403, 'no session endpoints on this plan');
      const skew = (Date.parse(sessions.headers.get('date') as string) - Date.now()) / 1000;
      assert.ok(Math.abs(skew + 600) < 30, `the tenant's clock is ten minutes behind: ${skew} s`);
      const logs = (await (await get(`/users/${encodeURIComponent(scenarios.stolenLaptop)}/logs?sort=date:1&per_page=100`)).json()) as { date: string }[];
      assert.ok(logs.length > 0 && logs.every((event) => Date.parse(event.date) >= Date.now() - 2 * 86_400_000 - 60_000), 'two days of logs');
      child.kill('SIGTERM');
      await once(child, 'exit');
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
  });

  it('refuses a plan or Early Access value it does not know', async () => {
    for (const args of [['--plan', 'free'], ['--early-access', 'maybe']]) {
      const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 1);
      assert.match(stderr, new RegExp(args[0]));
    }
  });

  it('refuses an unknown option', async () => {
    const child = spawn(process.execPath, [CLI, '--colour', 'blue'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 1);
    assert.match(stderr, /unknown option --colour/);
  });
});
