// Injected faults: each kind on its own, path filtering, and the same sequence for the same seed.
import assert from 'node:assert/strict';
import { startEmulator, type FaultOptions, type RunningEmulator } from '../../emulator/index';
import { apiPath, call } from './helpers';

async function rawGet(emulator: RunningEmulator, path: string, timeoutMs = 5000): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(emulator.url + path, { headers: { authorization: `Bearer ${emulator.token}` }, signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe('emulator faults', () => {
  let emulator: RunningEmulator;
  let tokensPath: string;

  beforeEach(async () => {
    emulator = await startEmulator({ seed: 9 });
    tokensPath = apiPath('/users/{user_id}/refresh-tokens', { user_id: emulator.users.seven });
  });
  afterEach(() => emulator.close());

  it('serverErrorRate answers 500 and unavailableRate 503 with Auth0 error bodies', async () => {
    emulator.configure({ faults: { serverErrorRate: 1 } });
    const broken = await rawGet(emulator, tokensPath);
    assert.equal(broken.status, 500);
    assert.equal(JSON.parse(broken.text).statusCode, 500);
    emulator.configure({ faults: { unavailableRate: 1 } });
    assert.equal((await rawGet(emulator, tokensPath)).status, 503);
  });

  it('connectionResetRate destroys the socket without an answer', async () => {
    emulator.configure({ faults: { connectionResetRate: 1 } });
    await assert.rejects(rawGet(emulator, tokensPath), TypeError);
    assert.equal(emulator.requests.at(-1)?.status, 0);
  });

  it('hangRate never answers, so only the client timeout ends the request; close() still returns', async () => {
    emulator.configure({ faults: { hangRate: 1 } });
    await assert.rejects(rawGet(emulator, tokensPath, 200), (error: Error) => error.name === 'TimeoutError');
    assert.equal(emulator.requests.at(-1)?.status, 0);
  });

  it('malformedJsonRate answers 200 with a body that is not JSON', async () => {
    emulator.configure({ faults: { malformedJsonRate: 1 } });
    const result = await rawGet(emulator, tokensPath);
    assert.equal(result.status, 200);
    assert.throws(() => JSON.parse(result.text), SyntaxError);
  });

  it('truncatedJsonRate answers 200 with the first half of the real body', async () => {
    const whole = (await rawGet(emulator, tokensPath)).text;
    emulator.configure({ faults: { truncatedJsonRate: 1 } });
    const result = await rawGet(emulator, tokensPath);
    assert.equal(result.status, 200);
    assert.throws(() => JSON.parse(result.text), SyntaxError);
    assert.ok(result.text.length > 0 && result.text.length < whole.length);
    assert.ok(whole.startsWith(result.text));
  });

  it('tooManyRequestsRate answers 429 whatever the bucket, with Retry-After: 1 and x-ratelimit-*', async () => {
    emulator.configure({ faults: { tooManyRequestsRate: 1 } });
    const result = await rawGet(emulator, tokensPath);
    assert.equal(result.status, 429);
    assert.equal(result.headers.get('retry-after'), '1');
    assert.equal(result.headers.get('x-ratelimit-remaining'), '0');
    assert.ok(result.headers.get('x-ratelimit-limit'));
    assert.ok(result.headers.get('x-ratelimit-reset'));
    assert.equal(JSON.parse(result.text).errorCode, 'too_many_requests');
  });

  it('slowBodyMs drips the body over that time and still delivers all of it', async () => {
    const whole = (await rawGet(emulator, tokensPath)).text;
    emulator.configure({ faults: { slowBodyMs: 300 } });
    const started = Date.now();
    const result = await rawGet(emulator, tokensPath);
    assert.ok(Date.now() - started >= 250, `took ${Date.now() - started} ms`);
    assert.equal(result.text, whole);
  });

  it('onlyPaths limits faults to matching paths; /oauth/token is spared by default', async () => {
    emulator.configure({ faults: { serverErrorRate: 1, onlyPaths: /\/refresh-tokens$/ } });
    assert.equal((await rawGet(emulator, tokensPath)).status, 500);
    assert.equal((await rawGet(emulator, '/api/v2/users')).status, 200);
    emulator.configure({ faults: { serverErrorRate: 1 } });
    const token = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret, audience: `${emulator.url}/api/v2/` }),
    });
    assert.equal(token.status, 200);
  });

  it('refuses rates outside 0..1', () => {
    assert.throws(() => emulator.configure({ faults: { serverErrorRate: 1.5 } }), RangeError);
  });
});

describe('emulator fault determinism', () => {
  const faults: FaultOptions = { serverErrorRate: 0.15, unavailableRate: 0.15, malformedJsonRate: 0.1, truncatedJsonRate: 0.1, tooManyRequestsRate: 0.1 };

  async function outcomes(seed: number): Promise<string[]> {
    const emulator = await startEmulator({ seed, faults });
    try {
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) {
        const result = await rawGet(emulator, '/api/v2/users?per_page=1');
        let kind = 'json';
        try {
          JSON.parse(result.text);
        } catch {
          kind = 'broken';
        }
        seen.push(`${result.status}:${kind}`);
      }
      return seen;
    } finally {
      await emulator.close();
    }
  }

  it('gives the same fault sequence for the same seed, and another for another seed', async () => {
    const first = await outcomes(21);
    const again = await outcomes(21);
    const other = await outcomes(22);
    assert.deepEqual(again, first);
    assert.notDeepEqual(other, first);
    assert.ok(new Set(first).size >= 4, `a mix of outcomes: ${[...new Set(first)].join(', ')}`);
  });

  it('answers normally when no fault is configured', async () => {
    const emulator = await startEmulator({ seed: 21 });
    try {
      const results = await Promise.all(Array.from({ length: 20 }, () => call(emulator, 'GET', '/api/v2/users', { query: { per_page: '1' } })));
      assert.ok(results.every((result) => result.status === 200));
    } finally {
      await emulator.close();
    }
  });
});
