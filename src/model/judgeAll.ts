// "Judge All Refresh Tokens of User": the person's way past the background bound (issue 18, § 7).
// Loaded on first use with the explorer's flows (explorer.lazy.ts), not at activation.
import type { RefreshToken } from '../auth0/types';
import type { TokenEvidence } from './tokenEvidence';

/**
 * Lifts `userId`'s background bound by exactly the sessions of `tokens` (those that can still be
 * exchanged) not read yet, and reads them as loadSessionsOf reads: one at a time, at background
 * priority (paced by the tenant's limit, behind what a person waits for), each once
 * (`GET /api/v2/sessions/{id}`). The output channel's line says "judging all: reading N sessions…".
 * Returns N (0 when the evidence had not stopped at the bound: nothing held back) and when the
 * reads are all answered; never rejects.
 */
export function judgeAll(evidence: TokenEvidence, userId: string, tokens: readonly RefreshToken[]): { sessions: number; done: Promise<void> } {
  const sessions = evidence.stoppedAtBound(userId, tokens)?.waiting ?? 0;
  if (sessions === 0) {
    return { sessions, done: Promise.resolve() };
  }
  evidence.allowMore(userId, sessions);
  return { sessions, done: evidence.loadSessionsOf(userId, tokens, true) };
}
