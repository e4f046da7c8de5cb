// The command line end to end: a spawned process against the emulator over real HTTP, its
// NDJSON on stdout, its checkpoint file, a clean stop on SIGTERM, and its exit codes.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWatchCheckpoint } from '../../../src/features/watch/core/watchCheckpoint';
import type { WatchAlert } from '../../../src/features/watch/core/watchAlert';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { clientFor } from '../auth0/support';

const PROGRAM = join(__dirname, '..', '..', '..', 'src', 'cli', 'watchTenant.js');

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when a stdout line satisfies `test`. */
  line(test: (line: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
}

function run(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, [PROGRAM, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      stdout.push(line);
      for (const waiter of waiters.filter((candidate) => candidate.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    stdout,
    stderr,
    exit,
    line: (test, what, timeoutMs = 20_000) =>
      new Promise<string>((resolve, reject) => {
        const found = stdout.find(test);
        if (found !== undefined) {
          resolve(found);
          return;
        }
        const timer = setTimeout(() => reject(new Error(`${what} not written within ${timeoutMs} ms; stderr: ${stderr.join(' | ')}`)), timeoutMs);
        waiters.push({ test, resolve: (line) => (clearTimeout(timer), resolve(line)) });
        void exit.then(() => setTimeout(() => reject(new Error(`exited before ${what}; stderr: ${stderr.join(' | ')}`)), 50));
      }),
  };
}

describe('Command line: auth0-watch-tenant', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let folder: string;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator({ seed: 1, userCount: 40, liveLog: { eventsPerSecond: 4, attackerEverySeconds: 1 } });
    folder = mkdtempSync(join(tmpdir(), 'watch-cli-'));
    env = { AUTH0_DOMAIN: emulator.domain, AUTH0_TOKEN: emulator.token };
  });
  after(() => emulator.close());

  it('writes the attacker\'s alerts as NDJSON, keeps its checkpoint, and stops cleanly on SIGTERM (exit 0)', async () => {
    const checkpoint = join(folder, 'service.json');
    const watch = run(['--checkpoint', checkpoint, '--interval', '0.2', '--share', '1'], env);
        const attacker = `"ip":"${emulator.liveLog?.attackerIp}"`;
    const line = await watch.line((text) => text.includes('"impossible-travel"') && text.includes(attacker), 'an impossible-travel alert on the attacker');
    const alert = JSON.parse(line) as WatchAlert;
    assert.equal(alert.event.ip, emulator.liveLog?.attackerIp);
    assert.equal(alert.severity, 'high');
    assert.equal(alert.event.userId, emulator.scenarios.stolenLaptop);
    await watch.line((text) => text.includes('"tls-changed"') && text.includes(attacker), 'a TLS-change alert on the attacker');
    watch.child.kill('SIGTERM');
    const { code } = await watch.exit;
    assert.equal(code, 0, watch.stderr.join('\n'));
    // Every stdout line is one JSON alert; status went to stderr.
    for (const text of watch.stdout.filter(Boolean)) {
      const parsed = JSON.parse(text) as WatchAlert;
      assert.ok(parsed.id && parsed.kind && parsed.severity && parsed.why && parsed.falsePositive);
    }
    assert.ok(watch.stderr.some((text) => text.includes('SIGTERM; stopping')));
    assert.ok(watch.stderr.some((text) => /stopped · (1 alert|\d+ alerts) /.test(text) && !/ 1 alerts/.test(text)), watch.stderr.join('\n'));
    const saved = parseWatchCheckpoint(JSON.parse(readFileSync(checkpoint, 'utf8')));
    assert.equal(saved.tenant, emulator.domain);

    // The next run resumes there: no alert of the first run is written again.
    const firstIds = new Set(watch.stdout.filter(Boolean).map((text) => (JSON.parse(text) as WatchAlert).id));
    const again = run(['--checkpoint', checkpoint, '--once', '--interval', '0.2', '--share', '1'], env);
    const second = await again.exit;
    assert.equal(second.code, 0, again.stderr.join('\n'));
    const repeated = again.stdout.filter(Boolean).map((text) => (JSON.parse(text) as WatchAlert).id).filter((id) => firstIds.has(id));
    assert.deepEqual(repeated, []);
    assert.ok(parseWatchCheckpoint(JSON.parse(readFileSync(checkpoint, 'utf8'))).logId >= saved.logId);
  });

  it('--once reads up to now and exits 0 by itself', async () => {
    const once = run(['--checkpoint', join(folder, 'once.json'), '--once', '--share', '1'], env);
    const { code } = await once.exit;
    assert.equal(code, 0, once.stderr.join('\n'));
    assert.ok(readFileSync(join(folder, 'once.json'), 'utf8').includes('"logId"'));
  });

  // A checkpoint folder that does not exist is refused, not created: a mistyped folder would give
  // a scheduled job a new, empty checkpoint, and its next run would start at --since (now),
  // skipping every event since the last run. Nothing is read, nothing is created.
  const missingFolders: { name: string; checkpoint: string; message: RegExp; setup?: () => void }[] = [
    { name: 'a folder that does not exist', checkpoint: join('missing', 'cp.json'), message: /checkpoint folder .*missing" does not exist.*mkdir -p/ },
    { name: 'nested folders that do not exist', checkpoint: join('missing-a', 'missing-b', 'cp.json'), message: /checkpoint folder .*missing-b" does not exist.*mkdir -p/ },
    { name: 'a file where the folder should be', checkpoint: join('plain-file', 'cp.json'), message: /plain-file" is not a folder/, setup: () => writeFileSync(join(folder, 'plain-file'), 'x') },
  ];
  for (const testCase of missingFolders) {
    it(`refuses a checkpoint in ${testCase.name} (exit 2), reading and creating nothing`, async () => {
      testCase.setup?.();
      const checkpoint = join(folder, testCase.checkpoint);
      const logReads = () => emulator.requests.filter((request) => request.path === '/api/v2/logs').length;
      const readsBefore = logReads();
      const result = run(['--checkpoint', checkpoint, '--once', '--share', '1'], env);
      const { code } = await result.exit;
      const said = [...result.stdout, ...result.stderr].join('\n');
      assert.equal(code, 2, said);
      assert.match(said, testCase.message);
      assert.equal(existsSync(checkpoint), false, 'no checkpoint written');
      assert.equal(existsSync(join(folder, testCase.checkpoint.split(/[\\/]/)[0])) && testCase.setup === undefined, false, 'no folder created');
      assert.equal(logReads(), readsBefore, 'the log was not read');
    });
  }

  // A backfill's status says how far behind it is (the age of the newest event read), not "up to
  // date" while it reads events days old.
  it('--since 3 days ago --once: the status says days behind while it backfills, then up to date', async () => {
    const since = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const result = run(['--checkpoint', join(folder, 'backfill.json'), '--since', since, '--once', '--share', '1', '--no-history'], env);
    const { code } = await result.exit;
    assert.equal(code, 0, result.stderr.join('\n'));
    const statuses = result.stderr.filter((text) => / · \d[\d,]* events · /.test(text));
    const reading = statuses.filter((text) => !/ 0 events /.test(text));
    assert.match(reading[0] ?? '', /· (2|3) days behind ·/, statuses.join('\n'));
    assert.match(statuses[statuses.length - 2] ?? '', /up to date|\d+ s behind/, statuses.join('\n'));
  });

  // A --checkpoint that names a folder (not a file in it) is a bad argument: said up front with
  // the fix (exit 2), never the bare EISDIR of a read (exit 4). Nothing is read or written.
  const folderPaths: { name: string; checkpoint: () => string }[] = [
    { name: 'a folder', checkpoint: () => folder },
    { name: 'a folder with a trailing separator', checkpoint: () => `${folder}/` },
    { name: '"." (the working folder)', checkpoint: () => '.' },
  ];
  for (const testCase of folderPaths) {
    it(`refuses a --checkpoint that is ${testCase.name} (exit 2), naming the fix`, async () => {
      const logReads = () => emulator.requests.filter((request) => request.path === '/api/v2/logs').length;
      const readsBefore = logReads();
      const result = run(['--checkpoint', testCase.checkpoint(), '--once', '--share', '1'], env);
      const { code } = await result.exit;
      const said = [...result.stdout, ...result.stderr].join('\n');
      assert.equal(code, 2, said);
      assert.match(said, /--checkpoint ".*" is a folder: give a file path in it, e\.g\. ".*auth0-watch-checkpoint\.json"/);
      assert.doesNotMatch(said, /EISDIR/);
      assert.equal(logReads(), readsBefore, 'the log was not read');
    });
  }

  // A start in the future has nothing to read and would save no checkpoint: refused, naming
  // the date and now (exit 2). Nothing is read or written.
  const futureStarts: { name: string; since: () => string }[] = [
    { name: 'in 2099', since: () => '2099-01-01T00:00:00Z' },
    { name: 'an hour from now', since: () => new Date(Date.now() + 3_600_000).toISOString() },
  ];
  for (const testCase of futureStarts) {
    it(`refuses a --since ${testCase.name} (exit 2), naming the date and now`, async () => {
      const since = testCase.since();
      const checkpoint = join(folder, `future-${futureStarts.indexOf(testCase)}.json`);
      const logReads = () => emulator.requests.filter((request) => request.path === '/api/v2/logs').length;
      const readsBefore = logReads();
      const result = run(['--checkpoint', checkpoint, '--since', since, '--once', '--share', '1'], env);
      const { code } = await result.exit;
      const said = [...result.stdout, ...result.stderr].join('\n');
      assert.equal(code, 2, said);
      assert.ok(said.includes(`--since ${new Date(since).toISOString()} is in the future (now is `), said);
      assert.equal(existsSync(checkpoint), false, 'no checkpoint written');
      assert.equal(logReads(), readsBefore, 'the log was not read');
    });
  }

  const exitCodes: { name: string; args: string[]; env?: Record<string, string>; code: number; message: RegExp; setup?: () => void }[] = [
    { name: '--help: 0, with the exit codes', args: ['--help'], code: 0, message: /Exit codes/ },
    { name: 'an unknown option: 2', args: ['--bogus'], code: 2, message: /unknown option "--bogus"/ },
    { name: 'a bad --share: 2', args: ['--share', '3'], code: 2, message: /--share takes a fraction/ },
    { name: 'no AUTH0_DOMAIN: 2', args: [], env: {}, code: 2, message: /AUTH0_DOMAIN is not set/ },
    { name: 'an expired token: 3', args: ['--checkpoint', 'unused.json'], env: { AUTH0_TOKEN: 'expired' }, code: 3, message: /.+/ },
    { name: 'a damaged checkpoint file: 4', args: ['--checkpoint', 'damaged.json'], code: 4, message: /damaged.*Delete it, or pass --no-resume/, setup: () => writeFileSync(join(folder, 'damaged.json'), '{"version": 7}') },
  ];
  for (const testCase of exitCodes) {
    it(`exit code: ${testCase.name}`, async () => {
      testCase.setup?.();
      const environment = testCase.env === undefined ? env : Object.keys(testCase.env).length === 0 ? {} : { ...env, ...(testCase.env.AUTH0_TOKEN === 'expired' ? { AUTH0_TOKEN: emulator.expiredToken } : testCase.env) };
      const args = testCase.args.map((arg) => (arg.endsWith('.json') ? join(folder, arg) : arg));
      const result = run(args, environment);
      const { code } = await result.exit;
      assert.equal(code, testCase.code, [...result.stdout, ...result.stderr].join('\n'));
      assert.match([...result.stdout, ...result.stderr].join('\n'), testCase.message);
    });
  }

  // --once with nothing to read (a quiet tenant whose newest event is an hour old): the checkpoint
  // is saved at the newest event all the same, so the next run resumes there and a start that
  // found nothing is not lost (the README's "0: checkpoint saved").
  describe('--once on a tenant with nothing new', () => {
    let quiet: RunningEmulator;
    const tenantNow = Date.now() - 3_600_000;
    before(async () => {
      quiet = await startEmulator({ seed: 2, userCount: 10, now: tenantNow, clock: () => tenantNow });
    });
    after(() => quiet.close());

    const starts: { name: string; args: () => string[] }[] = [
      { name: '--since now', args: () => ['--since', 'now'] },
      { name: '--since a minute ago (after the newest event)', args: () => ['--since', new Date(Date.now() - 60_000).toISOString()] },
    ];
    for (const testCase of starts) {
      it(`${testCase.name}: exit 0, the checkpoint saved at the newest event`, async () => {
        const checkpoint = join(folder, `quiet-${starts.indexOf(testCase)}.json`);
        const result = run(['--checkpoint', checkpoint, '--once', '--share', '1', ...testCase.args()], { AUTH0_DOMAIN: quiet.domain, AUTH0_TOKEN: quiet.token });
        const { code } = await result.exit;
        assert.equal(code, 0, result.stderr.join('\n'));
        assert.equal(result.stdout.filter(Boolean).length, 0, 'no alert');
        const [newest] = await clientFor(quiet).client.listLogs({ sort: 'date:-1', perPage: 1 });
        assert.ok(existsSync(checkpoint), `no checkpoint; stderr: ${result.stderr.join(' | ')}`);
        assert.equal(parseWatchCheckpoint(JSON.parse(readFileSync(checkpoint, 'utf8'))).logId, newest.log_id);
      });
    }
  });
});
