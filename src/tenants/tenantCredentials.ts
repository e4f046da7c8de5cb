// A tenant's Management API credentials, kept only in VS Code's SecretStorage (the OS keychain
// on desktop). Keyed by domain, so renaming a tenant's label keeps its credentials. Free of
// `vscode`: the store takes any SecretStore (VS Code's `context.secrets` is one), so plain Node
// tests give it one that fails the way VS Code's does without a keyring.
import { delay } from '../auth0/cancellation';
import type { Sleep } from '../auth0/retryPolicy';
import { SECRET_KEY_PREFIX } from '../contributions';
import { secretStorageError, type SecretStorageError } from '../credentials/secretStorageErrorLoader';

/**
 * How long a read may go unanswered before the tenant's row says so (ms). A keyring can hang (a
 * D-Bus call that never returns) or wait on an unlock prompt; either way the other tenants and the
 * tree must not wait with it. The read goes on, and its answer is taken when it comes.
 */
export const KEYRING_PATIENCE_MS = 10_000;

export interface TenantCredentialStoreOptions {
  /** See KEYRING_PATIENCE_MS. */
  patienceMs?: number;
  /** The wait (tests pass one they wake by hand). */
  sleep?: Sleep;
}

export type TenantCredentials =
  | { kind: 'token'; token: string }
  | { kind: 'client-credentials'; clientId: string; clientSecret: string };

/** The part of vscode.SecretStorage this store uses. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  onDidChange(listener: (event: { key: string }) => unknown): { dispose(): unknown };
}

/** What SecretStorage holds for a tenant: its credentials, nothing, or an error saying why it cannot be read. */
export type CredentialState =
  | { kind: 'stored'; credentials: TenantCredentials }
  | { kind: 'none' }
  | { kind: 'unreadable'; error: SecretStorageError };

const secretKey = (domain: string) => `${SECRET_KEY_PREFIX}${domain.toLowerCase()}`;

/** The secret values of `credentials`, to be cut out of any error message. */
function secretsOf(credentials: TenantCredentials, stored: string): string[] {
  return [stored, credentials.kind === 'token' ? credentials.token : credentials.clientSecret];
}

/**
 * Runs one SecretStorage call; whatever it does wrong (throws before answering, or rejects with
 * an Error or anything else) becomes a SecretStorageError for `domain`.
 */
async function call<T>(operation: SecretStorageError['operation'], domain: string, work: () => PromiseLike<T>, secrets: readonly string[] = []): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw secretStorageError(operation, domain, error, secrets);
  }
}

export class TenantCredentialStore {
  private secrets: SecretStore;
  private readonly patienceMs: number;
  private readonly sleep: Sleep;
  /** By lower-cased domain: reads under way (a second state() joins the first). */
  private readonly reading = new Map<string, Promise<CredentialState>>();
  /** By lower-cased domain: answers that came after the patience, for the next state(). */
  private readonly lateAnswers = new Map<string, CredentialState>();
  private readonly lateListeners = new Set<(domain: string) => void>();
  /** Counts saves, deletions and changes from elsewhere: a late answer from before one is stale. */
  private changes = 0;

  constructor(
    private readonly original: SecretStore,
    options: TenantCredentialStoreOptions = {},
  ) {
    this.secrets = original;
    this.patienceMs = options.patienceMs ?? KEYRING_PATIENCE_MS;
    this.sleep = options.sleep ?? delay;
    // Subscribed before any listener of onDidChange: a change from elsewhere (another window)
    // makes a read under way stale before anyone reads again.
    original.onDidChange((event) => {
      if (event.key.startsWith(SECRET_KEY_PREFIX)) {
        this.forgetReads(event.key.slice(SECRET_KEY_PREFIX.length));
      }
    });
  }

  /** A read under way or a late answer says what was there before a change: the next state() asks again. */
  private forgetReads(domain: string): void {
    this.changes += 1;
    this.reading.delete(domain.toLowerCase());
    this.lateAnswers.delete(domain.toLowerCase());
  }

  /**
   * For the integration tests: reads, saves and deletes go through `wrap(original)` (a
   * SecretStorage that fails as VS Code's does without a keyring) until the result is disposed.
   */
  wrapSecrets(wrap: (secrets: SecretStore) => SecretStore): { dispose(): void } {
    this.secrets = wrap(this.original);
    return { dispose: () => (this.secrets = this.original) };
  }

  /**
   * The tenant's credentials, or undefined when none are stored (or the entry is not ours).
   * Rejects with SecretStorageError when SecretStorage fails.
   */
  async read(domain: string): Promise<TenantCredentials | undefined> {
    const stored = await call('read', domain, () => this.secrets.get(secretKey(domain)));
    if (!stored) {
      return undefined;
    }
    try {
      const parsed = JSON.parse(stored) as TenantCredentials;
      if (parsed.kind === 'token' && typeof parsed.token === 'string') {
        return parsed;
      }
      if (parsed.kind === 'client-credentials' && typeof parsed.clientId === 'string' && typeof parsed.clientSecret === 'string') {
        return parsed;
      }
    } catch {
      // An unreadable entry is treated as absent: the user is asked for credentials again.
    }
    return undefined;
  }

  /**
   * What SecretStorage holds for `domain`. Never rejects: a tenant whose secret cannot be read is
   * one tenant's problem, not the list's. A read unanswered after the patience is 'unreadable'
   * (the keyring did not answer); it goes on, and when it answers, onDidChange fires for the
   * domain and the next state() takes that answer without asking the keyring again.
   */
  async state(domain: string): Promise<CredentialState> {
    const id = domain.toLowerCase();
    const late = this.lateAnswers.get(id);
    if (late) {
      this.lateAnswers.delete(id);
      return late;
    }
    let reading = this.reading.get(id);
    if (!reading) {
      reading = this.read(domain).then(
        (credentials): CredentialState => (credentials ? { kind: 'stored', credentials } : { kind: 'none' }),
        // read() rejects only with the SecretStorageError of its one call.
        (error: SecretStorageError): CredentialState => ({ kind: 'unreadable', error }),
      );
      this.reading.set(id, reading);
      const started = reading;
      void reading.finally(() => this.reading.get(id) === started && this.reading.delete(id));
    }
    const patience = new AbortController();
    const outcome = await Promise.race([reading, this.sleep(this.patienceMs, patience.signal).then(() => undefined, () => undefined)]);
    patience.abort();
    if (outcome) {
      return outcome;
    }
    const changes = this.changes;
    void reading.then((answer) => {
      if (this.changes !== changes) {
        return; // a secret changed since: this answer says what was there before
      }
      this.lateAnswers.set(id, answer);
      for (const listener of [...this.lateListeners]) {
        listener(domain);
      }
    });
    const seconds = Math.round(this.patienceMs / 1000);
    return {
      kind: 'unreadable',
      error: secretStorageError('read', domain, `the OS keyring did not answer within ${seconds} s (it may be waiting to be unlocked, or its D-Bus service hangs); the tenant connects as soon as it answers`),
    };
  }

  /** Rejects with SecretStorageError (free of the secret) when SecretStorage cannot save it. */
  async write(domain: string, credentials: TenantCredentials): Promise<void> {
    const value = JSON.stringify(credentials);
    this.forgetReads(domain);
    try {
      await call('save', domain, () => this.secrets.store(secretKey(domain), value), secretsOf(credentials, value));
    } catch (error) {
      // What was typed besides the secret is kept with the error, so it is not asked for again.
      (error as SecretStorageError).typedClientId = credentials.kind === 'client-credentials' ? credentials.clientId : undefined;
      throw error;
    }
  }

  /** Rejects with SecretStorageError when SecretStorage cannot delete it. */
  forget(domain: string): Promise<void> {
    this.forgetReads(domain);
    return call('delete', domain, () => this.secrets.delete(secretKey(domain)));
  }

  /** Fires with a domain whose secret changed, or whose late answer came from a keyring that had not answered. */
  onDidChange(listener: (domain: string) => void): { dispose(): unknown } {
    const secretChanges = this.original.onDidChange((event) => {
      if (event.key.startsWith(SECRET_KEY_PREFIX)) {
        listener(event.key.slice(SECRET_KEY_PREFIX.length));
      }
    });
    this.lateListeners.add(listener);
    return {
      dispose: () => {
        this.lateListeners.delete(listener);
        secretChanges.dispose();
      },
    };
  }
}
