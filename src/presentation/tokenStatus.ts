// Whether a refresh token can still be exchanged, and the one time that matters most for it.
// Auth0 keeps expired tokens in the list until it cleans them up, so "listed" is not "usable".

import type { RefreshToken } from '../auth0/types';
import { formatRelativeTime, parseAuth0Date } from './time';

export type TokenStatusKind = 'active' | 'expired' | 'idle-expired' | 'revoked';

export interface TokenStatus {
  kind: TokenStatusKind;
  /** "Active", "Expired", "Idle-expired", "Revoked". */
  label: string;
  /** The status with its most useful time: "active · used 3 h ago", "expired 2 d ago". */
  description: string;
  /** The time part alone, to show beside `label`: "used 3 h ago", "2 d ago"; may be "". */
  detail: string;
}

export interface TokenStatusOptions {
  /** Set once this extension has revoked the token: Auth0 deletes asynchronously. */
  revoked?: boolean;
}

const LABELS: Record<TokenStatusKind, string> = {
  active: 'Active',
  expired: 'Expired',
  'idle-expired': 'Idle-expired',
  revoked: 'Revoked',
};

function status(kind: TokenStatusKind, description: string, detail: string): TokenStatus {
  return { kind, label: LABELS[kind], description, detail };
}

/** "used 3 h ago" from `last_exchanged_at`, else "issued 2 d ago", else nothing. */
function lastActivity(token: RefreshToken, now: Date): string | undefined {
  const lastUsed = parseAuth0Date(token.last_exchanged_at);
  if (lastUsed) {
    return `used ${formatRelativeTime(lastUsed, now)}`;
  }
  const created = parseAuth0Date(token.created_at);
  return created ? `issued ${formatRelativeTime(created, now)}` : undefined;
}

/** The expiry that has already passed, the earlier one if both have. */
function passedExpiry(token: RefreshToken, now: Date): { kind: 'expired' | 'idle-expired'; at: Date } | undefined {
  const candidates = [
    { kind: 'expired' as const, at: parseAuth0Date(token.expires_at) },
    { kind: 'idle-expired' as const, at: parseAuth0Date(token.idle_expires_at) },
  ].filter((candidate): candidate is { kind: 'expired' | 'idle-expired'; at: Date } =>
    candidate.at !== undefined && candidate.at.getTime() <= now.getTime());
  candidates.sort((a, b) => a.at.getTime() - b.at.getTime());
  return candidates[0];
}

/** The status of `token` at `now`. Missing or unreadable dates never make a token look expired. */
export function tokenStatus(token: RefreshToken, now: Date, options: TokenStatusOptions = {}): TokenStatus {
  const activity = lastActivity(token, now);
  if (options.revoked) {
    return status('revoked', activity ? `revoked · ${activity}` : 'revoked', activity ?? '');
  }
  const expiry = passedExpiry(token, now);
  if (expiry) {
    const when = formatRelativeTime(expiry.at, now);
    return status(expiry.kind, `${expiry.kind} ${when}`, when);
  }
  return status('active', activity ? `active · ${activity}` : 'active', activity ?? '');
}
