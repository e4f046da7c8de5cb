// A loopback tenant that answers from a script, for tests of what the client does between
// attempts: it notes the virtual time at which each request arrives and dates its answers by the
// same clock, so the gaps between arrivals are exactly the waits the client made.
import { json, startRecordingServer, type RecordingServer } from '../security/loopbackServers';
import type { VirtualTime } from './virtualTime';

/** Auth0's answer when a tenant's global limit is spent (FACTS.md). */
export const GLOBAL_LIMIT_BODY = {
  statusCode: 429,
  error: 'Too Many Requests',
  message: 'Global limit has been reached',
  errorCode: 'too_many_requests',
};

export const USER = { user_id: 'auth0|1', email: 'one@example.com' };

export interface Answer {
  status: number;
  /** Built when the request arrives, from the virtual time then. */
  headers?: (now: number) => Record<string, string>;
  body?: unknown;
}

export const tooManyRequests = (headers?: (now: number) => Record<string, string>): Answer => ({ status: 429, headers, body: GLOBAL_LIMIT_BODY });
export const ok = (headers?: (now: number) => Record<string, string>): Answer => ({ status: 200, headers, body: USER });
export const serverError: Answer = { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' } };

export interface ScriptedTenant {
  server: RecordingServer;
  /** Virtual time at which each request arrived. */
  arrivals: number[];
  /** ms between one arrival and the next. */
  gaps(): number[];
}

/** A tenant that answers its requests with `script` in order, repeating the last answer; its Date header reads the virtual clock. */
export async function scriptedTenant(time: VirtualTime, script: Answer[]): Promise<ScriptedTenant> {
  const arrivals: number[] = [];
  const server = await startRecordingServer('127.0.0.1', (_request, response) => {
    const now = time.now();
    const answer = script[Math.min(arrivals.length, script.length - 1)];
    arrivals.push(now);
    json(response, answer.status, answer.body ?? {}, { date: new Date(now).toUTCString(), ...answer.headers?.(now) });
  });
  return { server, arrivals, gaps: () => arrivals.slice(1).map((at, index) => at - arrivals[index]) };
}

