import * as assert from 'node:assert/strict';
import { ManagementApiError } from '../../../../../src/auth0/errors';
import type { RefreshToken } from '../../../../../src/auth0/types';
import { StaticTokenProvider } from '../../../../../src/credentials/staticTokenProvider';
import { MemoryCheckpointStore, parseCheckpoint, type CheckpointStore, type HuntCheckpoint } from '../../../../../src/features/hunt/core/checkpoint';
import { CriteriaError, type HuntCriteria } from '../../../../../src/features/hunt/core/criteria';
import { clientHuntSource, HuntResumeError, runHunt, type HuntOptions, type HuntProgress, type HuntSource } from '../../../../../src/features/hunt/core/huntRunner';
import { listUserSource, queryUserSource, type HuntUser, type UserSource } from '../../../../../src/features/hunt/core/userSources';
import { startEmulator, type RunningEmulator } from '../../../../emulator';
import { clientFor, requestsUnder } from '../../../auth0/support';

const EITHER: HuntCriteria = { deviceSide: 'either' };

function users(...ids: string[]): HuntUser[] {
  return ids.map((userId) => ({ userId }));
}

/** Wraps a source to count calls per user and the most in flight at once. */
function observed(source: HuntSource) {
  const calls = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const wrapped: HuntSource = {
    async listUserTokens(userId, signal, hint) {
      calls.set(userId, (calls.get(userId) ?? 0) + 1);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await source.listUserTokens(userId, signal, hint);
      } finally {
        inFlight--;
      }
    },
  };
  return { source: wrapped, calls, max: () => maxInFlight };
}

/** An in-memory source for the hunt's own logic (pacing, checkpoints): the clock moves per user. */
function fakeSource(tokensByUser: Record<string, RefreshToken[]>, clock: { now: number }, msPerUser = 1000, fail: Record<string, Error> = {}): HuntSource {
  return {
    listUserTokens(userId) {
      clock.now += msPerUser;
      if (fail[userId]) {
        return Promise.reject(fail[userId]);
      }
      return Promise.resolve(tokensByUser[userId] ?? []);
    },
  };
}

function tokenIds(matches: { token: RefreshToken }[]): string[] {
  return matches.map((match) => match.token.id).sort();
}

describe('Hunt runner', () => {
  describe('against the emulator', () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator({ seed: 1 });
    });
    after(() => emulator.close());

    function hunt(overrides: Partial<HuntOptions> & { users: UserSource }): Promise<ReturnType<typeof runHunt> extends Promise<infer R> ? R : never> {
      return runHunt({ huntId: 'h1', tenant: emulator.domain, criteria: EITHER, tokens: clientHuntSource(clientFor(emulator).client), ...overrides });
    }

    /** The application most of the fan-out users' tokens belong to. */
    function commonClient(ids: readonly string[]): string {
      const counts = new Map<string, number>();
      for (const id of ids) {
        for (const token of emulator.refreshTokensOf(id)) {
          counts.set(token.client_id ?? '', (counts.get(token.client_id ?? '') ?? 0) + 1);
        }
      }
      return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    }

    it('finds exactly the tokens that match, reading every page of every user once, two at a time', async () => {
      const ids = [emulator.users.many, ...emulator.fanOutUsers.slice(0, 10), emulator.users.none, emulator.users.seven];
      const clientId = commonClient(ids);
      const spy = observed(clientHuntSource(clientFor(emulator).client));
      const before = emulator.requests.length;
      const progress: HuntProgress[] = [];
      const matched: string[] = [];
      const result = await hunt({
        users: listUserSource(users(...ids, emulator.fanOutUsers[0], emulator.users.many), 'pasted list'),
        tokens: spy.source,
        criteria: { deviceSide: 'either', applications: [clientId] },
        onProgress: (p) => progress.push(p),
        onMatch: (match) => matched.push(match.token.id),
      });
      assert.equal(result.outcome, 'completed');
      const expected = ids.flatMap((id) => emulator.refreshTokensOf(id)).filter((token) => token.client_id === clientId);
      assert.ok(expected.length > 20, 'the oracle has something to find');
      assert.deepEqual(tokenIds(result.matches), expected.map((token) => token.id).sort());
      assert.deepEqual(matched.sort(), expected.map((token) => token.id).sort());
      assert.ok(result.matches.every((match) => match.token.user_id === match.user.userId));
      // The repeated users in the list were read once; 250 tokens took three pages of 100.
      assert.ok([...spy.calls.values()].every((count) => count === 1));
      assert.equal(spy.calls.size, ids.length);
      const pages = requestsUnder(emulator, `/api/v2/users/${emulator.users.many}/refresh-tokens`).filter((request) => emulator.requests.indexOf(request) >= before);
      assert.deepEqual(pages.map((request) => request.query.take), ['100', '100', '100']);
      assert.equal(spy.max(), 2);
      const last = progress[progress.length - 1];
      assert.equal(last.usersDone, ids.length);
      assert.equal(last.usersTotal, ids.length + 2, 'the list counts its repeats; they are skipped, not visited');
      assert.equal(last.tokensScanned, ids.reduce((sum, id) => sum + emulator.refreshTokensOf(id).length, 0));
      assert.equal(last.tokensMatched, expected.length);
    });

    it('honours a different concurrency', async () => {
      const spy = observed(clientHuntSource(clientFor(emulator).client));
      await hunt({ users: listUserSource(users(...emulator.fanOutUsers.slice(0, 12)), 'list'), tokens: spy.source, concurrency: 5 });
      assert.ok(spy.max() <= 5 && spy.max() > 2, `at most 5 at once, got ${spy.max()}`);
      const serial = observed(clientHuntSource(clientFor(emulator).client));
      await hunt({ users: listUserSource(users(...emulator.fanOutUsers.slice(0, 4)), 'list'), tokens: serial.source, concurrency: 1 });
      assert.equal(serial.max(), 1);
    });

    it('records a deleted user and a user the tenant keeps failing, and goes on', async () => {
      const broken = emulator.fanOutUsers[3];
      const escaped = broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      emulator.configure({ faults: { serverErrorRate: 1, onlyPaths: new RegExp(`^/api/v2/users/${escaped}/refresh-tokens$`) } });
      const failed: string[] = [];
      try {
        const result = await hunt({
          users: listUserSource(users(emulator.fanOutUsers[2], 'auth0|deleted-meanwhile', broken, emulator.fanOutUsers[4]), 'list'),
          onUserFailed: (failure) => failed.push(failure.userId),
        });
        assert.equal(result.outcome, 'completed');
        assert.deepEqual(result.failures.map((failure) => [failure.userId, failure.kind, failure.status]), [
          ['auth0|deleted-meanwhile', 'not-found', 404],
          [broken, 'server-error', 500],
        ]);
        assert.match(result.failures[0].message, /was not found; it may have been deleted/);
        assert.deepEqual(failed, ['auth0|deleted-meanwhile', broken]);
        assert.equal(result.progress.usersDone, 2);
        assert.equal(result.progress.usersFailed, 2);
        assert.deepEqual(new Set(result.matches.map((match) => match.user.userId)), new Set([emulator.fanOutUsers[2], emulator.fanOutUsers[4]]));
        // The 5xx was retried by the client before it counted as a failure.
        assert.ok(requestsUnder(emulator, `/api/v2/users/${broken}/refresh-tokens`).length > 1);
        // Failed users are not done: a resumed hunt tries them again.
        assert.ok(!result.checkpoint.usersDone.includes(broken));
      } finally {
        emulator.configure({ faults: {} });
      }
    });

    it('stops on a 401 with the cause, without visiting every user', async () => {
      const expired = clientFor(emulator, { tokenProvider: new StaticTokenProvider(emulator.expiredToken) }).client;
      const spy = observed(clientHuntSource(expired));
      const result = await hunt({ users: listUserSource(users(...emulator.fanOutUsers.slice(0, 30)), 'list'), tokens: spy.source });
      assert.equal(result.outcome, 'stopped');
      assert.ok(result.stopCause instanceof ManagementApiError);
      assert.equal((result.stopCause as ManagementApiError).kind, 'unauthorized');
      assert.match(result.checkpoint.stopReason ?? '', /expired/);
      assert.ok(spy.calls.size <= 3, `stopped after the first answers, visited ${spy.calls.size}`);
      assert.deepEqual(result.failures, []);
    });

    it('stops on a 403 for a missing scope with the cause', async () => {
      const noScope = clientFor(emulator, { tokenProvider: new StaticTokenProvider(emulator.noRefreshTokenScopeToken) }).client;
      const result = await hunt({ users: listUserSource(users(...emulator.fanOutUsers.slice(0, 10)), 'list'), tokens: clientHuntSource(noScope) });
      assert.equal(result.outcome, 'stopped');
      assert.equal((result.stopCause as ManagementApiError).kind, 'insufficient-scope');
      assert.match(result.stopCause?.message ?? '', /read:refresh_tokens/);
    });

    it('stops when the listing of users fails, keeping what it found', async () => {
      const expired = clientFor(emulator, { tokenProvider: new StaticTokenProvider(emulator.expiredToken) }).client;
      const result = await hunt({ users: queryUserSource(expired, 'email:*example*') });
      assert.equal(result.outcome, 'stopped');
      assert.equal((result.stopCause as ManagementApiError).kind, 'unauthorized');
    });

    it('is cancelled, checkpoints, and resumes without reading a done user again', async () => {
      const ids = emulator.fanOutUsers.slice(0, 24);
      const criteria: HuntCriteria = { deviceSide: 'either', networks: ['0.0.0.0/0'] };
      const list = () => listUserSource(users(...ids), 'list');
      const full = await hunt({ huntId: 'reference', users: list(), criteria });
      assert.equal(full.outcome, 'completed');

      const store = new MemoryCheckpointStore();
      const controller = new AbortController();
      let done = 0;
      const first = await hunt({
        huntId: 'resumable', users: list(), criteria, checkpoints: store, checkpointEveryUsers: 4, signal: controller.signal,
        onProgress: (progress) => {
          done = progress.usersDone;
          if (done >= 9) {
            controller.abort();
          }
        },
      });
      assert.equal(first.outcome, 'cancelled');
      const saved = await store.load('resumable');
      assert.ok(saved);
      assert.equal(saved.state, 'cancelled');
      assert.ok(saved.usersDone.length >= 9 && saved.usersDone.length < ids.length, `${saved.usersDone.length} done`);
      assert.equal(saved.matches.length, first.matches.length);

      const mark = emulator.requests.length;
      const resumed = await hunt({ huntId: 'resumable', users: list(), criteria, checkpoints: store, resumeFrom: saved });
      assert.equal(resumed.outcome, 'completed');
      const readAgain = emulator.requests.slice(mark).filter((request) => saved.usersDone.some((id) => request.path === `/api/v2/users/${id}/refresh-tokens`));
      assert.deepEqual(readAgain, [], 'no done user was read again');
      assert.deepEqual(tokenIds(resumed.matches), tokenIds(full.matches));
      assert.equal(resumed.progress.usersDone, ids.length);
      assert.equal(resumed.progress.tokensScanned, full.progress.tokensScanned);
      assert.equal((await store.load('resumable'))?.state, 'completed');
    });

    it('is cancelled before it starts without reading anything', async () => {
      const controller = new AbortController();
      controller.abort();
      const spy = observed(clientHuntSource(clientFor(emulator).client));
      const result = await hunt({ users: listUserSource(users(...emulator.fanOutUsers.slice(0, 5)), 'list'), tokens: spy.source, signal: controller.signal });
      assert.equal(result.outcome, 'cancelled');
      assert.equal(spy.calls.size, 0);
    });
  });

  describe('its own logic', () => {
    const token = (id: string, userId: string, clientId = 'app'): RefreshToken => ({ id, user_id: userId, client_id: clientId });
    const tenUsers = Array.from({ length: 10 }, (_, i) => `auth0|${i}`);
    const tokensByUser = Object.fromEntries(tenUsers.map((id, i) => [id, [token(`t${i}a`, id), token(`t${i}b`, id, 'other')]]));

    it('estimates the time left from the pace so far, on the injected clock', async () => {
      const clock = { now: 1_000_000 };
      const progress: HuntProgress[] = [];
      await runHunt({
        huntId: 'pace', tenant: 't', criteria: EITHER, users: listUserSource(users(...tenUsers), 'list'),
        tokens: fakeSource(tokensByUser, clock, 1500), concurrency: 1, clock: () => clock.now, onProgress: (p) => progress.push(p),
      });
      assert.equal(progress[0].remainingMs, undefined, 'no pace before the first user');
      assert.equal(progress[0].usersTotal, 10);
      // After 2 users in 3 s, 8 are left at 1.5 s each.
      assert.deepEqual({ done: progress[2].usersDone, elapsed: progress[2].elapsedMs, left: progress[2].remainingMs }, { done: 2, elapsed: 3000, left: 12_000 });
      assert.equal(progress[progress.length - 1].remainingMs, 0);
    });

    it('has no time left to estimate while the total is unknown', async () => {
      const clock = { now: 0 };
      const unknownTotal: UserSource = { ...listUserSource(users(...tenUsers), 'list'), total: undefined, descriptor: { kind: 'all-users' } };
      const progress: HuntProgress[] = [];
      await runHunt({ huntId: 'x', tenant: 't', criteria: EITHER, users: unknownTotal, tokens: fakeSource(tokensByUser, clock), clock: () => clock.now, onProgress: (p) => progress.push(p) });
      assert.ok(progress.every((p) => p.remainingMs === undefined && p.usersTotal === undefined));
    });

    it('checkpoints every N users and at the end, the saved JSON being a valid checkpoint', async () => {
      const clock = { now: 0 };
      const store = new MemoryCheckpointStore();
      const result = await runHunt({
        huntId: 'cadence', tenant: 'acme.eu.auth0.com', criteria: { deviceSide: 'either', applications: ['app'] }, users: listUserSource(users(...tenUsers), 'list'),
        tokens: fakeSource(tokensByUser, clock, 1), clock: () => clock.now, checkpoints: store, checkpointEveryUsers: 3, checkpointIntervalMs: 1e9,
      });
      assert.equal(store.saves, 4, 'after users 3, 6 and 9, and at the end');
      const saved = parseCheckpoint(JSON.parse(store.text('cadence') ?? 'null'));
      assert.equal(saved.state, 'completed');
      assert.deepEqual(saved.usersDone.sort(), [...tenUsers].sort());
      assert.deepEqual(saved.matches.map((match) => match.token.id).sort(), tenUsers.map((_, i) => `t${i}a`).sort());
      assert.deepEqual(saved.userSource, { kind: 'list', label: 'list', users: users(...tenUsers) });
      assert.deepEqual(result.checkpoint.usersDone.sort(), saved.usersDone);
    });

    it('checkpoints on time too', async () => {
      const clock = { now: 0 };
      const store = new MemoryCheckpointStore();
      await runHunt({
        huntId: 'timed', tenant: 't', criteria: EITHER, users: listUserSource(users(...tenUsers), 'list'), concurrency: 1,
        tokens: fakeSource(tokensByUser, clock, 4000), clock: () => clock.now, checkpoints: store, checkpointEveryUsers: 1000, checkpointIntervalMs: 10_000,
      });
      // A user every 4 s: saves after 12 s, 24 s and 36 s of hunting (users 3, 6, 9), then the final one.
      assert.equal(store.saves, 4);
    });

    it('goes on when a checkpoint cannot be saved, and says so', async () => {
      const failing: CheckpointStore = { save: () => Promise.reject(new Error('disk full')), load: () => Promise.resolve(undefined), remove: () => Promise.resolve() };
      const clock = { now: 0 };
      const result = await runHunt({ huntId: 'x', tenant: 't', criteria: EITHER, users: listUserSource(users(...tenUsers), 'list'), tokens: fakeSource(tokensByUser, clock), checkpoints: failing, checkpointEveryUsers: 2 });
      assert.equal(result.outcome, 'completed');
      assert.equal(result.matches.length, 20);
      assert.equal(result.checkpointError, "The hunt's progress could not be saved: disk full");
    });

    it('labels matches with findings, and refuses finding criteria without findings', async () => {
      const clock = { now: 0 };
      const findingKindsOf = (subject: RefreshToken) => (subject.client_id === 'other' ? ['odd-app'] : []);
      const result = await runHunt({
        huntId: 'f', tenant: 't', criteria: { deviceSide: 'either', findingKinds: ['odd-app'] }, users: listUserSource(users(...tenUsers.slice(0, 3)), 'list'),
        tokens: fakeSource(tokensByUser, clock), findingKindsOf,
      });
      assert.deepEqual(result.matches.map((match) => [match.token.id, match.findings]), [['t0b', ['odd-app']], ['t1b', ['odd-app']], ['t2b', ['odd-app']]]);
      await assert.rejects(
        runHunt({ huntId: 'f', tenant: 't', criteria: { deviceSide: 'either', findingKinds: ['odd-app'] }, users: listUserSource([], 'list'), tokens: fakeSource({}, clock) }),
        (error: unknown) => error instanceof CriteriaError && /no way to compute findings/.test(error.message),
      );
    });

    it('records a user whose findings cannot be computed', async () => {
      const clock = { now: 0 };
      const result = await runHunt({
        huntId: 'f', tenant: 't', criteria: EITHER, users: listUserSource(users(...tenUsers.slice(0, 2)), 'list'), tokens: fakeSource(tokensByUser, clock),
        findingKindsOf: (subject) => {
          if (subject.user_id === 'auth0|1') {
            throw new TypeError('findings broke');
          }
          return [];
        },
      });
      assert.deepEqual(result.failures, [{ userId: 'auth0|1', kind: 'error', message: 'findings broke' }]);
      assert.deepEqual(result.checkpoint.usersDone, ['auth0|0']);
    });

    it('stops after a run of failures that are not "user not found"', async () => {
      const clock = { now: 0 };
      const serverError = new ManagementApiError('server-error', 'Tenant answered 503', { status: 503 });
      const notFound = new ManagementApiError('not-found', 'gone', { status: 404 });
      const fail = Object.fromEntries(tenUsers.map((id, i) => [id, i < 5 ? notFound : serverError]));
      const result = await runHunt({
        huntId: 'breaker', tenant: 't', criteria: EITHER, users: listUserSource(users(...tenUsers), 'list'), concurrency: 1,
        tokens: fakeSource(tokensByUser, clock, 1, fail), maxConsecutiveFailures: 3,
      });
      assert.equal(result.outcome, 'stopped');
      assert.equal(result.failures.length, 8, 'five deleted users do not count, then three failures in a row');
      assert.match(result.stopCause?.message ?? '', /^3 users in a row could not be read, so the hunt stopped\. The last: Tenant answered 503$/);
    });

    it('refuses to resume another hunt, tenant, criteria or user list', async () => {
      const clock = { now: 0 };
      const base = { tenant: 't', criteria: EITHER, users: listUserSource(users('auth0|0'), 'list'), tokens: fakeSource(tokensByUser, clock) };
      const { checkpoint } = await runHunt({ huntId: 'a', ...base });
      const attempts: Partial<HuntOptions>[] = [
        { huntId: 'b' },
        { tenant: 'other' },
        { criteria: { deviceSide: 'last' } },
        { users: listUserSource(users('auth0|1'), 'list') },
      ];
      for (const attempt of attempts) {
        await assert.rejects(runHunt({ huntId: 'a', ...base, ...attempt, resumeFrom: checkpoint }), HuntResumeError, JSON.stringify(attempt));
      }
    });

    it('refuses a damaged checkpoint with the reason', () => {
      const good: HuntCheckpoint = {
        format: 'auth0-token-inspector/hunt-checkpoint', version: 1, huntId: 'h', tenant: 't', criteria: EITHER,
        userSource: { kind: 'all-users' }, usersDone: [], failures: [], matches: [], tokensScanned: 0, state: 'running', startedAt: 0, savedAt: 0,
      };
      assert.deepEqual(parseCheckpoint(JSON.parse(JSON.stringify(good))), good);
      const damaged: [unknown, RegExp][] = [
        [null, /not a hunt checkpoint/],
        [{ ...good, version: 2 }, /another version \(format version 2\)/],
        [{ ...good, criteria: { deviceSide: 'either', networks: ['10.0.0.1/8'] } }, /criteria are unusable \(Network: .*did you mean 10\.0\.0\.0\/8/],
        [{ ...good, userSource: { kind: 'ftp' } }, /which users to visit/],
        [{ ...good, usersDone: [1] }, /users done is damaged/],
        [{ ...good, matches: [{ user: { userId: 'a' }, token: {}, findings: [] }] }, /matches are damaged/],
        [{ ...good, state: 'paused' }, /counters are damaged/],
      ];
      for (const [value, expected] of damaged) {
        assert.throws(() => parseCheckpoint(value), expected);
      }
    });
  });
});
