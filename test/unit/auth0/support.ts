// Shared by the tests of the Auth0 core: clients wired to a running emulator over real HTTP.
import { createManagementClient, type ManagementClient, type ManagementClientOptions } from '../../../src/auth0/managementClient';
import type { RequestRecord, RetryNotice } from '../../../src/auth0/requestLog';
import { StaticTokenProvider } from '../../../src/credentials/staticTokenProvider';
import type { RecordedRequest, RunningEmulator } from '../../emulator/index';

/** Retries in milliseconds instead of seconds, and no randomness. */
export const FAST_RETRIES = { baseDelayMs: 5, maxDelayMs: 20, random: () => 0.5 };

export interface TestClient {
  client: ManagementClient;
  records: RequestRecord[];
  retries: RetryNotice[];
}

export function clientFor(emulator: RunningEmulator, overrides: Partial<ManagementClientOptions> = {}): TestClient {
  const records: RequestRecord[] = [];
  const retries: RetryNotice[] = [];
  const client = createManagementClient({
    domain: emulator.domain,
    tokenProvider: new StaticTokenProvider(emulator.token),
    retry: FAST_RETRIES,
    onRequest: (record) => records.push(record),
    onRetry: (notice) => retries.push(notice),
    ...overrides,
  });
  return { client, records, retries };
}

/** The emulator's record of requests whose decoded path starts with `prefix`. */
export function requestsUnder(emulator: RunningEmulator, prefix: string): RecordedRequest[] {
  return emulator.requests.filter((request) => request.path.startsWith(prefix));
}

/** Resolves with the rejection of `promise`; fails if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, got a value');
}

/** Polls observable state (never a fixed sleep): for a request that has to reach the server. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
