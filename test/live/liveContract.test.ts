// The live contract suite (`npm run test:live`): the read-only calls the extension makes, sent
// by its own client to the tenant named in the environment (liveEnvironment.ts), each answer
// validated against the vendored OpenAPI subsets, then compared with the emulator's answer to the
// same calls: fields present in one and not the other, types, paging fields and headers. Field
// types that cannot both be right fail; other differences are reported (printed, and written to
// test-results/live-contract.md), never a value of the tenant's data. Writes run only when
// allowed, on tokens the suite created itself (liveWrites.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isManagementApiError } from '../../src/auth0/errors';
import { createManagementClient, type ManagementClient } from '../../src/auth0/managementClient';
import type { ManagementTokenProvider } from '../../src/auth0/tokenProvider';
import { ClientCredentialsTokenProvider } from '../../src/credentials/clientCredentialsTokenProvider';
import { StaticTokenProvider } from '../../src/credentials/staticTokenProvider';
import { validateLogEvent, validateResponse, logEventTypes } from '../contract/validate';
import { startEmulator, type RunningEmulator } from '../emulator/index';
import { recordExchanges, type ExchangeRecorder, type RawExchange } from './exchangeRecorder';
import { exchangeOf, OPERATIONS, readOnlyCalls, type LiveRun } from './liveCalls';
import { readLiveEnvironment, REFERENCE_SEED, type LiveCredentials } from './liveEnvironment';
import { createOwnToken, OwnTokens, testUserId } from './liveWrites';
import { explainBySample, explainRecordedDifference, explainRecordedSchemaProblem, isNotRecorded, type EmulatorSample } from './recordedTenant';
import { compareHeaders, compareShapes, describeDifference, shapeOf } from './shapeDiff';

const environment = readLiveEnvironment(process.env);
/** The recorded tenant plays the tenant: each difference is explained by its recordings or the emulator's to fix. */
const recordedRun = environment.ok && environment.standIn === 'recorded';
const REPORT_FILE = path.join(__dirname, '..', '..', '..', 'test-results', environment.ok && environment.standIn === 'recorded' ? 'live-contract-recorded.md' : 'live-contract.md');
/** How often, and how long apart, a revoked token is looked up until Auth0 answers 404 (it deletes in the background). */
const SETTLE_ATTEMPTS = 20;
const SETTLE_INTERVAL_MS = 500;

function providerFor(domain: string, credentials: LiveCredentials): ManagementTokenProvider {
  return credentials.kind === 'token'
    ? new StaticTokenProvider(credentials.token)
    : new ClientCredentialsTokenProvider({ domain, clientId: credentials.clientId, clientSecret: credentials.clientSecret });
}

function schemaProblems(exchange: RawExchange, template: string): string[] {
  const problems: string[] = [];
  const result = validateResponse('management', 'GET', template, exchange.status, exchange.body);
  if (!result.valid) {
    problems.push(result.errors);
  }
  // Each log event of a type the subset describes is held to that type's schema too.
  const events = Array.isArray(exchange.body) ? exchange.body : (exchange.body as { logs?: unknown[] } | undefined)?.logs;
  if ((template === '/users/{id}/logs' || template === '/logs') && Array.isArray(events)) {
    const described = new Set(logEventTypes());
    for (const event of events) {
      const type = (event as { type?: unknown } | null)?.type;
      if (typeof type === 'string' && described.has(type)) {
        const checked = validateLogEvent(event);
        if (!checked.valid) {
          problems.push(`log event of type ${type}: ${checked.errors}`);
        }
      }
    }
  }
  return problems;
}

/** Whether a listing's answer (a bare array, or {users|tokens|sessions|logs: []}) listed nothing. */
function listedNothing(body: unknown): boolean {
  if (Array.isArray(body)) {
    return body.length === 0;
  }
  const lists = ['users', 'tokens', 'sessions', 'logs'].map((key) => (body as Record<string, unknown> | undefined)?.[key]).filter(Array.isArray);
  return lists.length > 0 && lists.every((list) => list.length === 0);
}

/** Who plays the tenant, in words: for the suite's title and its report. */
function tenantInWords(): string {
  if (!environment.ok) {
    return 'no tenant';
  }
  switch (environment.standIn) {
    case 'emulator':
      return `the emulator standing in for a tenant (${environment.domain}, npm test)`;
    case 'recorded':
      return `the recorded tenant (a real tenant's answers recorded by auth0/go-auth0, served from ${environment.domain}, npm test)`;
    default:
      return `the tenant ${environment.domain}`;
  }
}

describe(`Live contract: ${tenantInWords()} against the emulator`, function () {
  this.timeout(180_000);
  let recorder: ExchangeRecorder;
  let reference: RunningEmulator;
  let tenantRun: LiveRun;
  let referenceRun: LiveRun;
  const report: string[] = [];
  /** Differences from the recorded tenant that its recordings' sanitising does not explain. */
  const unexplained: string[] = [];

  before(async function () {
    if (!environment.ok) {
      throw new Error(`the live suite needs a tenant: ${environment.reason}`);
    }
    recorder = recordExchanges();
    reference = await startEmulator({ seed: REFERENCE_SEED, rateLimit: 'production' });
    tenantRun = await readOnlyCalls({ domain: environment.domain, tokenProvider: providerFor(environment.domain, environment.credentials), userId: environment.userId, sessionId: environment.sessionId }, recorder);
    // Scouted like the tenant's (the first listed user with a refresh token), not a chosen one, so differences are the API's, not the users'.
    referenceRun = await readOnlyCalls({ domain: reference.domain, tokenProvider: new StaticTokenProvider(reference.token) }, recorder);
  });

  after(async () => {
    recorder?.stop();
    await reference?.close();
    if (report.length > 0) {
      fs.mkdirSync(path.dirname(REPORT_FILE), { recursive: true });
      fs.writeFileSync(REPORT_FILE, `# Live contract: differences between ${tenantInWords()} and the emulator\n\n${report.join('\n')}\n`);
    }
  });

  for (const operation of OPERATIONS) {
    it(`${operation.name} (${operation.method} ${operation.template}): the tenant's answer has a documented status and matches the vendored schema`, function () {
      const entry = tenantRun[operation.name];
      if ('notRun' in entry) {
        // Nothing was asked, so nothing passed: the test is pending (counted as skipped, never as passed), with why.
        console.log(`live: ${operation.name} was not run: ${entry.notRun}.`);
        this.skip();
      }
      if (recordedRun && isNotRecorded(entry.status, entry.body)) {
        console.log(`live: ${operation.name} was not run: the recordings hold no answer to ${operation.method} ${operation.template} as the extension asks it.`);
        this.skip();
      }
      let problems = schemaProblems(entry, operation.template);
      if (recordedRun) {
        // What the recordings' sanitising explains is said, not failed: each problem is one or more lines.
        problems = problems
          .map((problem) => {
            const [head, ...rest] = problem.split('\n').filter((line) => line !== '');
            const prefix = /^log event of type \w+: /.exec(head)?.[0] ?? '';
            const lines = [head.slice(prefix.length), ...rest].filter((line) => {
              const why = explainRecordedSchemaProblem(line, entry.text);
              if (why) {
                console.log(`live: ${operation.name}: ${prefix}${line.replace(/ \{.*$/, '')}: explained by the recording (${why}).`);
              }
              return !why;
            });
            return lines.length === 0 ? '' : `${prefix}${lines.join('\n')}`;
          })
          .filter((problem) => problem !== '');
      }
      assert.deepEqual(problems, [], `${operation.method} ${operation.template} answered ${entry.status}, which does not match the schema`);
      // The title says what was held to the schema, so a pass is never read as more than it checked.
      const what = `${operation.name} (${operation.method} ${operation.template})`;
      if (entry.status >= 400) {
        // A documented error is a valid answer (a plan without the endpoint, an ended session, a missing scope), but not the body the extension reads.
        const code = (entry.body as { errorCode?: unknown } | undefined)?.errorCode;
        this.test!.title = `${what}: the tenant answered ${entry.status}${typeof code === 'string' ? ` ${code}` : ''}; only its error body was held to the schema`;
        console.log(`live: ${operation.name}: the success schema was not run: the tenant answered ${entry.status}, so only its error body was validated.`);
      } else if (listedNothing(entry.body)) {
        this.test!.title = `${what}: the tenant answered ${entry.status} with an empty list; its envelope matches the schema, no item was there to check`;
        console.log(`live: ${operation.name}: no item was checked against its schema: the tenant's answer listed none.`);
      }
    });
  }

  /** The emulator's first users and their refresh tokens: what its defaults also send, for the recorded run. */
  async function sampleEmulator(): Promise<EmulatorSample> {
    const ask = async (pathAndQuery: string) => {
      const response = await fetch(`http://${reference.domain}/api/v2${pathAndQuery}`, { headers: { authorization: `Bearer ${reference.token}` } });
      return (await response.json()) as Record<string, unknown>;
    };
    const users = ((await ask('/users?per_page=50&include_totals=true')).users as Array<{ user_id: string }>) ?? [];
    const tokens: unknown[] = [];
    for (const user of users.slice(0, 25)) {
      tokens.push(...(((await ask(`/users/${encodeURIComponent(user.user_id)}/refresh-tokens?take=100&include_totals=true`)).tokens as unknown[]) ?? []));
    }
    // The newest events, and those of the types the recordings hold most of (a day has few of them).
    const logs: unknown[] = [];
    for (const query of ['per_page=100', 'per_page=50&q=type%3Asapi', 'per_page=50&q=type%3Aseccft', 'per_page=50&q=type%3Afn', 'per_page=50&q=type%3Ass']) {
      logs.push(...(((await ask(`/logs?${query}&include_totals=true`)).logs as unknown[]) ?? []));
    }
    return { users, tokens, logs };
  }

  it('reports each difference between the tenant and the emulator; types that cannot both be right fail', async () => {
    const sample = recordedRun ? await sampleEmulator() : { users: [], tokens: [], logs: [] };
    const conflicts: string[] = [];
    for (const operation of OPERATIONS) {
      const ours = exchangeOf(tenantRun, operation.name);
      const theirs = exchangeOf(referenceRun, operation.name);
      if (!ours || !theirs) {
        const entry = (!ours ? tenantRun : referenceRun)[operation.name];
        const why = 'notRun' in entry ? `: ${entry.notRun}` : '';
        report.push(`- ${operation.name}: not compared (${!ours ? 'the tenant' : 'the emulator'} was not asked${why})`);
        continue;
      }
      if (recordedRun && isNotRecorded(ours.status, ours.body)) {
        report.push(`- ${operation.name} (${operation.method} ${operation.template}): not compared: the recordings hold no answer to it as the extension asks it`);
        continue;
      }
      const lines: string[] = [];
      const refusedFor = (ours.body as { errorCode?: unknown } | undefined)?.errorCode;
      if (ours.status === 403 && theirs.status !== 403 && (refusedFor === 'insufficient_scope' || refusedFor === 'feature_not_enabled')) {
        // The tenant's token or plan, not the API, is what differs: nothing of the answer to compare.
        const why = refusedFor === 'insufficient_scope' ? "the tenant's token lacks a scope for it" : "the tenant's plan does not have this endpoint";
        report.push(`- ${operation.name} (${operation.method} ${operation.template}): not compared: ${why} (403 ${refusedFor})`);
        continue;
      }
      if (ours.status !== theirs.status) {
        lines.push(`status: the tenant answered ${ours.status}, the emulator ${theirs.status}`);
      }
      const differences = ours.status === theirs.status ? compareShapes(shapeOf(ours.body), shapeOf(theirs.body)) : [];
      for (const difference of differences) {
        // Top-level fields of a listing are its paging ({start, limit, total}, `next`).
        const kind = !difference.path.includes('.') && !difference.path.includes('[]') && operation.template !== '/refresh-tokens/{id}' && operation.template !== '/sessions/{id}' && operation.template !== '/clients/{id}' ? 'paging' : difference.kind === 'type' ? 'type' : 'field';
        lines.push(`${kind} ${describeDifference(difference)}`);
        if (difference.conflicting) {
          conflicts.push(`${operation.name}: ${describeDifference(difference)}`);
        }
      }
      lines.push(...compareHeaders(ours.headers, theirs.headers));
      report.push(`- ${operation.name} (${operation.method} ${operation.template}): ${lines.length === 0 ? 'no difference' : `${lines.length} difference${lines.length === 1 ? '' : 's'}`}`);
      for (const line of lines) {
        const explained = recordedRun ? (explainRecordedDifference(line, ours.text) ?? explainBySample(line, operation.template, sample)) : undefined;
        if (recordedRun && !explained) {
          unexplained.push(`${operation.name}: ${line}`);
        }
        report.push(`  - ${line}${explained ? ` (explained by the recording: ${explained})` : ''}`);
      }
    }
    console.log(`      ${report.join('\n      ')}`);
    assert.deepEqual(conflicts, [], 'the emulator answers with types the tenant never sends');
  });

  if (recordedRun) {
    it("leaves no difference from the recorded tenant that the recordings' sanitising does not explain", function () {
      // Runs after the comparison above, which fills `unexplained`.
      assert.deepEqual(unexplained, [], 'the emulator answers otherwise than a real tenant did: make its defaults look like the recordings');
    });
  }

  // Without AUTH0_LIVE_ALLOW_WRITES=1 and a test application there is no write test at all (the
  // runner prints why in one line): a placeholder test would be counted as passed.
  if (environment.ok && environment.writes.ok) {
    const application = environment.writes.application;
    const { domain, credentials } = environment;

    describe('writes (AUTH0_LIVE_ALLOW_WRITES=1), only to refresh tokens the suite created', () => {
      const own = new OwnTokens();
      let client: ManagementClient;
      let userId: string;

      before(async () => {
        client = createManagementClient({ domain, tokenProvider: providerFor(domain, credentials) });
        userId = await testUserId(client, application);
      });

      after(async () => {
        // Whatever a failed step left behind, of the suite's own tokens only.
        for (const id of own.outstanding) {
          await client?.deleteRefreshToken(own.require(id)).catch(() => undefined);
        }
      });

      const ownToken = async () => (await createOwnToken(client, client.endpoint.tokenUrl, application, userId, own))[0];

      it('PATCH /refresh-tokens/{id}: sets the metadata of a token the suite created', async () => {
        const id = await ownToken();
        const from = recorder.exchanges.length;
        await client.updateRefreshTokenMetadata(own.require(id), { live_contract: 'created-by-the-live-suite' });
        const patched = recorder.exchanges.slice(from).find((exchange) => exchange.method === 'PATCH');
        assert.ok(patched, 'the PATCH was answered');
        assert.equal(validateResponse('management', 'PATCH', '/refresh-tokens/{id}', patched.status, patched.body).errors, '');
        assert.deepEqual((patched.body as { refresh_token_metadata?: unknown }).refresh_token_metadata, { live_contract: 'created-by-the-live-suite' });
      });

      it('DELETE /refresh-tokens/{id}: 202, then the token is gone', async () => {
        const id = await ownToken();
        const from = recorder.exchanges.length;
        await client.deleteRefreshToken(own.require(id));
        own.markRevoked(id);
        const deleted = recorder.exchanges.slice(from).find((exchange) => exchange.method === 'DELETE');
        assert.equal(deleted?.status, 202);
        assert.equal(validateResponse('management', 'DELETE', '/refresh-tokens/{id}', deleted.status, deleted.body).errors, '');
        // Auth0 deletes in the background: look it up until it answers 404, a bounded number of times.
        for (let attempt = 1; ; attempt++) {
          try {
            await client.getRefreshToken(id);
          } catch (error) {
            if (isManagementApiError(error, 'not-found')) {
              break;
            }
            throw error;
          }
          assert.ok(attempt < SETTLE_ATTEMPTS, `the token was still there after ${SETTLE_ATTEMPTS} look-ups`);
          await new Promise((resolve) => setTimeout(resolve, SETTLE_INTERVAL_MS));
        }
      });

      it('POST /refresh-tokens/revoke (Early Access) by id: 202, or the tenant says it does not have it', async () => {
        const id = await ownToken();
        const from = recorder.exchanges.length;
        try {
          await client.revokeRefreshTokens({ ids: [own.require(id)] });
          own.markRevoked(id);
        } catch (error) {
          assert.ok(isManagementApiError(error, 'endpoint-unavailable'), String(error));
        }
        const posted = recorder.exchanges.slice(from).find((exchange) => exchange.method === 'POST' && exchange.url.pathname.endsWith('/refresh-tokens/revoke'));
        assert.ok(posted, 'the revocation was answered');
        assert.equal(validateResponse('management', 'POST', '/refresh-tokens/revoke', posted.status, posted.body).errors, '');
      });

      it('refuses to write to a token the suite did not create', () => {
        assert.throws(() => own.require('rt_not_created_by_the_suite'), /did not create it/);
      });
    });
  }
});
