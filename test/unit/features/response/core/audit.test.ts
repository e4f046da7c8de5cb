import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditWriter, fileAuditSink, formatAuditLine, scrubSecrets, type AuditEntry, type AuditSink } from '../../../../../src/features/response/core/audit';
import { injectionPayloads } from '../../../fixtures/injectionPayloads';

const TIME = Date.parse('2026-06-15T12:34:56.789Z');

/** A JWT shaped like a Management API token: header, payload, signature. */
const JWT = [
  Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'k1' })).toString('base64url'),
  Buffer.from(JSON.stringify({ iss: 'https://acme.eu.auth0.com/', scope: 'delete:refresh_tokens', exp: 1_900_000_000 })).toString('base64url'),
  'c2lnbmF0dXJlLXRoYXQtaXMtbG9uZy1lbm91Z2gtdG8tbG9vay1yZWFs',
].join('.');
const CLIENT_SECRET = 'kJ8s0dQ-3vWn_Zr7Yp2LmXc5Tb9Hg1Fa4Ue6Io0PqRsTuVwXyZaBcDeFgHiJkLm';
const OPAQUE_REFRESH_TOKEN = 'v1.MTrAbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEf';

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { time: TIME, tenant: 'acme.eu.auth0.com', action: 'revoke-refresh-token', targets: ['rt_1'], result: 'accepted', ...overrides };
}

/** Every stretch of 8+ characters of `secret` that could identify it. */
function fragments(secret: string): string[] {
  return secret.split('.').filter((part) => part.length >= 8);
}

describe('Audit log', () => {
  it('writes one JSON line with the fixed fields, in order', () => {
    const line = formatAuditLine(entry({ userId: 'auth0|jane', targets: ['rt_1', 'rt_2'], result: 'failed', reason: 'Tenant answered 503', huntId: 'hunt-7' }));
    assert.equal(line,
      '{"time":"2026-06-15T12:34:56.789Z","tenant":"acme.eu.auth0.com","action":"revoke-refresh-token","user_id":"auth0|jane",' +
      '"targets":["rt_1","rt_2"],"result":"failed","reason":"Tenant answered 503","hunt_id":"hunt-7"}\n');
    assert.equal(formatAuditLine(entry({ time: new Date(TIME) })), '{"time":"2026-06-15T12:34:56.789Z","tenant":"acme.eu.auth0.com","action":"revoke-refresh-token","targets":["rt_1"],"result":"accepted"}\n');
  });

  it('never lets a token-looking string into a line', () => {
    const hostile = {
      ...entry({
        tenant: `acme.eu.auth0.com ${JWT}`,
        userId: `auth0|${JWT}`,
        targets: [`rt_1 ${JWT}`, OPAQUE_REFRESH_TOKEN],
        reason: `Auth0 said: Authorization: Bearer ${JWT}; body client_secret=${CLIENT_SECRET}&audience=x ` +
          `{"access_token":"${JWT}","refresh_token":"${OPAQUE_REFRESH_TOKEN}"} and the secret ${CLIENT_SECRET} itself`,
        huntId: JWT,
      }),
      // Fields outside the list are not written, whatever they hold.
      token: JWT,
      authorization: `Bearer ${JWT}`,
      clientSecret: CLIENT_SECRET,
    } as AuditEntry;
    const line = formatAuditLine(hostile, [CLIENT_SECRET]);
    for (const secret of [JWT, CLIENT_SECRET, OPAQUE_REFRESH_TOKEN]) {
      for (const fragment of [secret, ...fragments(secret)]) {
        assert.ok(!line.includes(fragment), `leaked ${fragment.slice(0, 12)}…: ${line}`);
      }
    }
    const parsed = JSON.parse(line);
    assert.deepEqual(Object.keys(parsed), ['time', 'tenant', 'action', 'user_id', 'targets', 'result', 'reason', 'hunt_id']);
    assert.equal(parsed.user_id, 'auth0|[redacted]');
    assert.match(parsed.reason, /Authorization: Bearer \[redacted\]/);
    assert.match(parsed.reason, /client_secret=\[redacted\]&audience=x/);
  });

  it('scrubs an explicit secret even when it looks like nothing', () => {
    assert.equal(scrubSecrets('token plain-looking-value here', ['plain-looking-value']), 'token [redacted] here');
    assert.equal(scrubSecrets('short abc', ['abc']), 'short abc', 'values under 8 characters are not secrets');
  });

  it('keeps every line one line, whatever the ids hold', () => {
    for (const payload of injectionPayloads) {
      const line = formatAuditLine(entry({ userId: payload.value, targets: [payload.value], reason: payload.value }));
      assert.equal(line.indexOf('\n'), line.length - 1, payload.name);
      assert.ok(!/[\r\u2028\u2029]/.test(line), payload.name);
      assert.equal(JSON.parse(line).targets.length, 1, payload.name);
    }
  });

  it('cuts a long reason', () => {
    const parsed = JSON.parse(formatAuditLine(entry({ reason: 'x'.repeat(2000) })));
    assert.equal(parsed.reason.length, 500);
    assert.ok(parsed.reason.endsWith('…'));
  });

  describe('the writer', () => {
    it('appends lines in the order recorded, one at a time, even when the sink is slow', async () => {
      const appended: string[] = [];
      const releases: (() => void)[] = [];
      let concurrent = 0;
      let maxConcurrent = 0;
      const sink: AuditSink = {
        append: (line) => new Promise<void>((resolve) => {
          concurrent++;
          maxConcurrent = Math.max(maxConcurrent, concurrent);
          releases.push(() => {
            appended.push(line);
            concurrent--;
            resolve();
          });
        }),
      };
      let clock = TIME;
      const writer = new AuditWriter(sink, { tenant: 'acme.eu.auth0.com', clock: () => clock++, huntId: 'h1' });
      const writes = [1, 2, 3].map((n) => writer.record({ action: 'revoke-refresh-token', targets: [`rt_${n}`], result: 'accepted' }));
      // Release whatever is waiting until all three are written.
      while (appended.length < 3) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        releases.shift()?.();
      }
      await Promise.all(writes);
      assert.equal(maxConcurrent, 1);
      assert.deepEqual(appended.map((line) => JSON.parse(line).targets[0]), ['rt_1', 'rt_2', 'rt_3']);
      assert.deepEqual(appended.map((line) => JSON.parse(line).time), ['2026-06-15T12:34:56.789Z', '2026-06-15T12:34:56.790Z', '2026-06-15T12:34:56.791Z']);
      assert.ok(appended.every((line) => JSON.parse(line).hunt_id === 'h1' && JSON.parse(line).tenant === 'acme.eu.auth0.com'));
    });

    it('rejects a record the sink could not write, and goes on with the next', async () => {
      let fail = true;
      const appended: string[] = [];
      const writer = new AuditWriter({
        append: (line) => {
          if (fail) {
            fail = false;
            return Promise.reject(new Error('disk full'));
          }
          appended.push(line);
          return Promise.resolve();
        },
      }, { tenant: 't' });
      await assert.rejects(writer.record({ action: 'block-user', targets: ['auth0|1'], result: 'accepted' }), /disk full/);
      await writer.record({ action: 'block-user', targets: ['auth0|2'], result: 'accepted' });
      assert.equal(appended.length, 1);
    });

    it('scrubs the secrets it is told about at each line', async () => {
      const lines: string[] = [];
      let current = 'first-management-token-value';
      const writer = new AuditWriter({ append: (line) => Promise.resolve(void lines.push(line)) }, { tenant: 't', secrets: () => [current] });
      await writer.record({ action: 'revoke-refresh-token', targets: ['rt_1'], result: 'failed', reason: 'sent first-management-token-value' });
      current = 'second-management-token-value';
      await writer.record({ action: 'revoke-refresh-token', targets: ['rt_2'], result: 'failed', reason: 'sent second-management-token-value' });
      assert.ok(lines.every((line) => !line.includes('management-token-value')), lines.join(''));
    });

    it('appends to a file without rewriting it', async () => {
      const folder = await mkdtemp(join(tmpdir(), 'audit-'));
      try {
        const path = join(folder, 'audit.ndjson');
        const writer = new AuditWriter(fileAuditSink(path), { tenant: 'acme.eu.auth0.com', clock: () => TIME });
        await writer.record({ action: 'revoke-refresh-token', targets: ['rt_1'], result: 'accepted' });
        const first = await readFile(path, 'utf8');
        await new AuditWriter(fileAuditSink(path), { tenant: 'acme.eu.auth0.com', clock: () => TIME }).record({ action: 'block-user', targets: ['auth0|1'], result: 'accepted' });
        const both = await readFile(path, 'utf8');
        assert.ok(both.startsWith(first));
        assert.deepEqual(both.trimEnd().split('\n').map((line) => JSON.parse(line).action), ['revoke-refresh-token', 'block-user']);
        if (process.platform !== 'win32') {
          assert.equal((await stat(path)).mode & 0o077, 0, 'only its owner may read it');
        }
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });
  });
});
