// Issue 18 § 6: a keyring that is not there. VS Code's SecretStorage can fail on every call (no OS
// keyring on Linux, a D-Bus that cannot start, a locked collection), in more than one shape: the
// call throws, its promise rejects (with an Error or without one), or `get` answers undefined
// (VS Code deletes a secret it cannot decrypt). Each tenant is read on its own: one whose
// secret cannot be read keeps the others working, and says why and what fixes it. Run in plain
// Node against a secret store that fails the way VS Code's does, and the emulator over real HTTP.
import assert from 'node:assert/strict';
import { SECRET_KEY_PREFIX } from '../../../src/contributions';
import { SecretStorageError, PASSWORD_STORE_FIX } from '../../../src/credentials/secretStorageError.lazy';
import { failureRow } from '../../../src/presentation/failureRow.lazy';
import { readTenantConnections } from '../../../src/tenants/tenantConnection';
import { TenantCredentialStore, type SecretStore, type TenantCredentials } from '../../../src/tenants/tenantCredentials';
import type { ListingSettings } from '../../../src/tenants/tenantSettings';
import { startEmulator, type RunningEmulator } from '../../emulator/index';

/** VS Code's (and the OS keyring's) own words, as an extension receives them. */
const MESSAGES = {
  noKeyring: "An OS keyring couldn't be identified for storing the encryption related data in your current desktop environment.",
  dbus: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
  locked: 'Cannot create an item in a locked collection',
  decrypt: 'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
};

type Method = 'get' | 'store' | 'delete';
/** How a SecretStorage call fails. */
type Shape = 'throws' | 'rejects' | 'rejects-without-error' | 'answers-undefined';

interface Failure {
  method: Method;
  shape: Shape;
  message: string;
  /** Only this key fails; every other key works. */
  key?: string;
}

/** A SecretStorage that keeps secrets in memory and fails as told, the way VS Code's does. */
class FailingSecrets implements SecretStore {
  readonly values = new Map<string, string>();
  failures: Failure[] = [];

  private fail<T>(method: Method, key: string, work: () => T): Promise<T> {
    const failure = this.failures.find((f) => f.method === method && (f.key === undefined || f.key === key));
    switch (failure?.shape) {
      case 'throws':
        throw new Error(failure.message);
      case 'rejects':
        return Promise.reject(new Error(failure.message));
      case 'rejects-without-error':
        return Promise.reject(failure.message);
      case 'answers-undefined':
        return Promise.resolve(undefined as T);
      default:
        return Promise.resolve(work());
    }
  }

  get(key: string): Promise<string | undefined> {
    return this.fail('get', key, () => this.values.get(key));
  }
  store(key: string, value: string): Promise<void> {
    return this.fail('store', key, () => void this.values.set(key, value));
  }
  delete(key: string): Promise<void> {
    return this.fail('delete', key, () => void this.values.delete(key));
  }
  onDidChange(): { dispose(): void } {
    return { dispose: () => undefined };
  }
}

const key = (domain: string) => `${SECRET_KEY_PREFIX}${domain.toLowerCase()}`;
const TOKEN: TenantCredentials = { kind: 'token', token: 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl' };
const CLIENT: TenantCredentials = { kind: 'client-credentials', clientId: 'm2m-client-id', clientSecret: 'the-client-secret-value' };
const LISTING: ListingSettings = { tokensPageSize: 50, usersPageSize: 50, requestTimeoutMs: 10_000, concurrency: 4, backgroundShare: 0.5, thresholds: {} };
const HOOKS = { onRequest: () => () => undefined, onRetry: () => () => undefined };

function assertNamesCauseAndFix(error: unknown, operation: SecretStorageError['operation'], domain: string, reason: string): asserts error is SecretStorageError {
  assert.ok(error instanceof SecretStorageError, `a SecretStorageError, got ${String(error)}`);
  assert.equal(error.operation, operation);
  assert.equal(error.domain, domain);
  assert.equal(error.reason, reason, "VS Code's own message is the reason");
  assert.ok(error.message.includes(domain), `names the tenant: ${error.message}`);
  assert.ok(error.message.includes(reason), `names the cause: ${error.message}`);
  assert.ok(error.fix.includes('password-store'), 'the fix names the password-store setting');
  assert.ok(error.fix.includes('argv.json'), 'and where it is set');
  assert.ok(/keyring/.test(error.fix), 'or a keyring');
}

describe('A keyring that is not there (issue 18 § 6)', () => {
  const DOMAIN = 'acme.eu.auth0.com';

  describe('each SecretStorage call, each failure shape: a SecretStorageError that names the cause and the fix', () => {
    // operation × shape (× a VS Code message each): 3 × 3 = 9 cases.
    const operations: [name: string, method: Method, operation: SecretStorageError['operation'], call: (store: TenantCredentialStore) => Promise<unknown>][] = [
      ['read', 'get', 'read', (store) => store.read(DOMAIN)],
      ['write', 'store', 'save', (store) => store.write(DOMAIN, TOKEN)],
      ['forget', 'delete', 'delete', (store) => store.forget(DOMAIN)],
    ];
    const shapes: [Shape, string][] = [
      ['throws', MESSAGES.noKeyring],
      ['rejects', MESSAGES.dbus],
      ['rejects-without-error', MESSAGES.locked],
    ];
    for (const [name, method, operation, call] of operations) {
      for (const [shape, message] of shapes) {
        it(`${name}: SecretStorage.${method} ${shape}`, async () => {
          const secrets = new FailingSecrets();
          secrets.values.set(key(DOMAIN), JSON.stringify(TOKEN));
          secrets.failures = [{ method, shape, message }];
          const store = new TenantCredentialStore(secrets);
          let caught: unknown;
          try {
            await call(store);
          } catch (error) {
            caught = error;
          }
          assertNamesCauseAndFix(caught, operation, DOMAIN, message);
        });
      }
    }
  });

  describe("a tenant's credential state never rejects: stored, none, or unreadable with the cause", () => {
    // get's shapes: 3 that fail, 1 that answers undefined, 1 that works.
    const cases: [Shape | 'works', string, 'unreadable' | 'none' | 'stored'][] = [
      ['throws', MESSAGES.noKeyring, 'unreadable'],
      ['rejects', MESSAGES.dbus, 'unreadable'],
      ['rejects-without-error', MESSAGES.decrypt, 'unreadable'],
      // VS Code answers undefined for a secret it could not decrypt (and deletes it): nothing to read.
      ['answers-undefined', MESSAGES.decrypt, 'none'],
      ['works', '', 'stored'],
    ];
    for (const [shape, message, expected] of cases) {
      it(`SecretStorage.get ${shape}: ${expected}`, async () => {
        const secrets = new FailingSecrets();
        secrets.values.set(key(DOMAIN), JSON.stringify(TOKEN));
        secrets.failures = shape === 'works' ? [] : [{ method: 'get', shape, message }];
        const state = await new TenantCredentialStore(secrets).state(DOMAIN);
        assert.equal(state.kind, expected);
        if (state.kind === 'unreadable') {
          assertNamesCauseAndFix(state.error, 'read', DOMAIN, message);
        }
        if (state.kind === 'stored') {
          assert.deepEqual(state.credentials, TOKEN);
        }
      });
    }
  });

  describe('a failed save never repeats the secret (error message, reason, detail)', () => {
    // credentials kind × a store error that echoes what it was given: 2 × 2 = 4 cases.
    const echoes: [name: string, echo: (value: string) => string][] = [
      ['the value stored', (value) => `Cannot store ${value}: ${MESSAGES.locked}`],
      ['the secret alone', (value) => `${MESSAGES.dbus} (${(JSON.parse(value) as { token?: string; clientSecret?: string }).token ?? (JSON.parse(value) as { clientSecret: string }).clientSecret})`],
    ];
    for (const credentials of [TOKEN, CLIENT]) {
      for (const [name, echo] of echoes) {
        it(`${credentials.kind}: an error that echoes ${name}`, async () => {
          const secrets = new FailingSecrets();
          secrets.store = (_key: string, value: string) => Promise.reject(new Error(echo(value)));
          const store = new TenantCredentialStore(secrets);
          const error = await store.write(DOMAIN, credentials).then(
            () => assert.fail('the save should fail'),
            (e: unknown) => e,
          );
          assert.ok(error instanceof SecretStorageError);
          const secret = credentials.kind === 'token' ? credentials.token : credentials.clientSecret;
          const row = failureRow(error);
          for (const text of [error.message, error.reason, error.fix, String(error.stack), row.detail, row.label, row.description]) {
            assert.ok(!text.includes(secret), `no secret in: ${text}`);
          }
        });
      }
    }
  });

  describe('the row of each failed operation names the cause, the fix and the action', () => {
    // operation: 3 cases.
    const cases: [SecretStorageError['operation'], RegExp, 'retry' | 'set-credentials'][] = [
      ['read', /cannot be read/, 'retry'],
      ['save', /could not be saved/, 'set-credentials'],
      ['delete', /could not be removed/, 'retry'],
    ];
    for (const [operation, label, fix] of cases) {
      it(operation, () => {
        const row = failureRow(new SecretStorageError(operation, DOMAIN, MESSAGES.noKeyring));
        assert.match(row.label, label);
        assert.equal(row.fix, fix);
        assert.ok(row.detail.includes(MESSAGES.noKeyring), 'the detail names the cause');
        assert.ok(row.detail.includes(PASSWORD_STORE_FIX), 'and the fix');
      });
    }
  });

  describe('tenants joined with their secrets: one that cannot be read leaves the others working', () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator({ seed: 3, userCount: 5 });
    });
    after(async () => {
      await emulator.close();
    });

    // get's failure shape × where the failing tenant sits: 3 × 3 = 9 cases.
    const shapes: [Shape, string][] = [
      ['throws', MESSAGES.noKeyring],
      ['rejects', MESSAGES.dbus],
      ['rejects-without-error', MESSAGES.decrypt],
    ];
    for (const [shape, message] of shapes) {
      for (const failing of [0, 1, 2]) {
        it(`SecretStorage.get ${shape} for tenant ${failing + 1} of 3`, async () => {
          // The working tenants are the emulator under two names (127.0.0.1 and localhost); the failing one is elsewhere.
          const port = emulator.domain.split(':')[1];
          const names = [emulator.domain, `localhost:${port}`];
          const settings = [0, 1, 2].map((i) => ({ domain: i === failing ? 'failing.eu.auth0.com' : names.shift()!, label: `t${i}` }));
          const working = [0, 1, 2].filter((i) => i !== failing);
          const secrets = new FailingSecrets();
          for (const setting of settings) {
            secrets.values.set(key(setting.domain), JSON.stringify({ kind: 'token', token: emulator.token }));
          }
          secrets.failures = [{ method: 'get', shape, message, key: key(settings[failing].domain) }];
          const connections = await readTenantConnections(settings, new TenantCredentialStore(secrets), { listing: LISTING, hooks: HOOKS });
          assert.deepEqual(
            connections.map((c) => c.domain),
            settings.map((s) => s.domain),
            'every tenant is listed',
          );
          const broken = connections[failing];
          assert.equal(broken.getClient(), undefined, 'no client without credentials');
          assertNamesCauseAndFix(broken.credentialError, 'read', settings[failing].domain, message);
          for (const i of working) {
            const client = connections[i].getClient();
            assert.ok(client, `tenant ${i + 1} has its client`);
            const page = await client.listUsers({ perPage: 5 });
            assert.ok(page.users.length > 0, `tenant ${i + 1} lists users over HTTP`);
          }
        });
      }
    }

    it('a save that failed is shown as such, over a get that answers nothing', async () => {
      const secrets = new FailingSecrets();
      const settings = [{ domain: 'acme.eu.auth0.com' }];
      const unsaved = new Map([['acme.eu.auth0.com', new SecretStorageError('save', 'acme.eu.auth0.com', MESSAGES.locked)]]);
      const [connection] = await readTenantConnections(settings, new TenantCredentialStore(secrets), { listing: LISTING, hooks: HOOKS, unsaved });
      assert.equal(connection.credentialError?.operation, 'save');
      assert.equal(connection.hasCredentials, false);
    });

    it('a failure changes the connection signature only for the failing tenant', async () => {
      const secrets = new FailingSecrets();
      const settings = [{ domain: 'a.eu.auth0.com' }, { domain: 'b.eu.auth0.com' }];
      for (const setting of settings) {
        secrets.values.set(key(setting.domain), JSON.stringify(TOKEN));
      }
      const store = new TenantCredentialStore(secrets);
      const before = await readTenantConnections(settings, store, { listing: LISTING, hooks: HOOKS });
      secrets.failures = [{ method: 'get', shape: 'rejects', message: MESSAGES.dbus, key: key('b.eu.auth0.com') }];
      const after = await readTenantConnections(settings, store, { listing: LISTING, hooks: HOOKS });
      assert.equal(after[0].signature, before[0].signature);
      assert.notEqual(after[1].signature, before[1].signature);
      assert.ok(!after[1].signature.includes(TOKEN.token), 'no secret in the signature of a failing tenant');
    });
  });

  // A keyring that never answers (a D-Bus call that hangs, an unlock prompt nobody sees) must not
  // hold the whole tree: after the patience, that tenant's row says so; the others connect; when
  // the keyring answers at last, the store says the tenant changed and the next read takes the answer.
  describe('a keyring that does not answer', () => {
    class SilentSecrets extends FailingSecrets {
      gets = 0;
      private answers: (() => void)[] = [];
      silentKey?: string;
      override get(requested: string): Promise<string | undefined> {
        this.gets += 1;
        if (requested !== this.silentKey) {
          return super.get(requested);
        }
        return new Promise((resolve) => this.answers.push(() => resolve(this.values.get(requested))));
      }
      answerNow(): void {
        this.answers.splice(0).forEach((answer) => answer());
      }
    }
    /** A sleep the test wakes by hand; records what it was asked to wait. */
    const handSleep = () => {
      const waits: { ms: number; wake(): void }[] = [];
      const sleep = (ms: number, signal?: AbortSignal) =>
        new Promise<void>((resolve, reject) => {
          waits.push({ ms, wake: resolve });
          signal?.addEventListener('abort', () => reject(new Error('cancelled')), { once: true });
        });
      return { waits, sleep };
    };

    it('after the patience, the silent tenant is unreadable with the cause and the fix; the others are read', async () => {
      const secrets = new SilentSecrets();
      const settings = [{ domain: 'a.eu.auth0.com' }, { domain: 'b.eu.auth0.com' }];
      for (const setting of settings) {
        secrets.values.set(key(setting.domain), JSON.stringify(TOKEN));
      }
      secrets.silentKey = key('b.eu.auth0.com');
      const { waits, sleep } = handSleep();
      const store = new TenantCredentialStore(secrets, { patienceMs: 10_000, sleep });
      const reading = readTenantConnections(settings, store, { listing: LISTING, hooks: HOOKS });
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(waits.map((wait) => wait.ms), [10_000, 10_000], 'each read waits at most the patience');
      waits.forEach((wait) => wait.wake());
      const [a, b] = await reading;
      assert.equal(a.hasCredentials, true);
      assert.equal(b.hasCredentials, false);
      assert.equal(b.credentialError?.operation, 'read');
      assert.match(b.credentialError?.message ?? '', /b\.eu\.auth0\.com.*did not answer within 10 s/);
      assert.match(b.credentialError?.message ?? '', /unlock/);

      // The keyring answers at last: the store says b changed, and the next read takes that answer without asking again.
      const changed: string[] = [];
      store.onDidChange((domain) => changed.push(domain));
      secrets.answerNow();
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(changed, ['b.eu.auth0.com']);
      const gets = secrets.gets;
      const again = await readTenantConnections(settings, store, { listing: LISTING, hooks: HOOKS });
      assert.equal(again[1].hasCredentials, true);
      assert.equal(secrets.gets, gets + 1, 'only a was read again; b took the late answer');
    });

    it('a read under way before a save is not joined after it (it would answer what was there before)', async () => {
      const secrets = new SilentSecrets();
      secrets.silentKey = key(DOMAIN);
      const { sleep } = handSleep();
      const store = new TenantCredentialStore(secrets, { patienceMs: 10_000, sleep });
      const before = store.state(DOMAIN); // asked before the save: the keyring answers late, with nothing
      secrets.silentKey = undefined;
      await store.write(DOMAIN, TOKEN);
      const after = await store.state(DOMAIN);
      assert.equal(after.kind, 'stored', 'the read after the save sees the saved credentials');
      secrets.answerNow();
      assert.equal((await before).kind, 'stored');
    });

    it('a read already waiting is joined, not asked twice', async () => {
      const secrets = new SilentSecrets();
      secrets.values.set(key(DOMAIN), JSON.stringify(TOKEN));
      secrets.silentKey = key(DOMAIN);
      const { waits, sleep } = handSleep();
      const store = new TenantCredentialStore(secrets, { patienceMs: 10_000, sleep });
      const first = store.state(DOMAIN);
      const second = store.state(DOMAIN);
      assert.equal(secrets.gets, 1);
      secrets.answerNow();
      assert.equal((await first).kind, 'stored');
      assert.equal((await second).kind, 'stored');
      assert.equal(waits.length, 2);
    });
  });
});
