// What a finding is: one thing about a refresh token that Auth0's own detections for stolen
// refresh tokens (auth0/auth0-customer-detections) or its documented limits would point at,
// with the evidence side by side, what to do about it, and the innocent explanation Auth0 names.

export type FindingKind =
  | 'reuse-detected'
  | 'impossible-travel'
  | 'tls-changed'
  | 'many-devices'
  | 'many-networks'
  | 'device-changed'
  | 'network-changed'
  | 'outlived-session'
  | 'long-lived'
  | 'near-cap'
  | 'dormant'
  | 'ip-changed'
  | 'no-session';

/** Every kind, in the order findings of equal severity are listed (most telling first). */
export const FINDING_KINDS: readonly FindingKind[] = [
  'reuse-detected', 'impossible-travel', 'tls-changed', 'many-devices', 'many-networks', 'device-changed', 'network-changed', 'outlived-session',
  'long-lived', 'near-cap', 'dormant', 'ip-changed', 'no-session',
];

export type FindingSeverity = 'high' | 'medium' | 'info';

const SEVERITY_RANK: Record<FindingSeverity, number> = { high: 0, medium: 1, info: 2 };

export type FindingActionId = 'revoke-token' | 'revoke-session' | 'contain-user' | 'review-history';

export interface FindingAction {
  /** Posted by the webview's button as `data-action`; the panel decides what it does. */
  id: FindingActionId;
  /** The button's label. */
  label: string;
}

export const FINDING_ACTIONS: Readonly<Record<FindingActionId, FindingAction>> = Object.freeze({
  'revoke-token': { id: 'revoke-token', label: 'Revoke Token…' },
  'revoke-session': { id: 'revoke-session', label: 'Revoke Session and Its Tokens…' },
  'contain-user': { id: 'contain-user', label: 'Contain User…' },
  'review-history': { id: 'review-history', label: 'Review History' },
});

/** One row of a side-by-side comparison; a missing side is `undefined`. */
export interface ComparedValue {
  label: string;
  first?: string;
  second?: string;
}

/** An event a finding counted or points at. */
export interface EvidenceEvent {
  date?: Date;
  /** "Refresh token exchanged", "Rotating exchange failed: reuse detected". */
  description: string;
  ip?: string;
  userAgent?: string;
  logId?: string;
  probable: boolean;
}

export type FindingEvidence =
  /** Two values side by side: as issued and as last used. */
  | { type: 'comparison'; firstHeading: string; secondHeading: string; rows: ComparedValue[] }
  /** Distinct values counted over a rotation family's exchanges, each with its number of events. */
  | { type: 'counted'; what: string; limit: number; windowDays: number; familyId?: string; eventCount: number; values: { value: string; events: number }[] }
  /** The events themselves. */
  | { type: 'events'; events: EvidenceEvent[] }
  /** Facts read from the token, the session or the user's other tokens. */
  | { type: 'facts'; rows: { label: string; value: string }[] };

export interface Finding {
  kind: FindingKind;
  severity: FindingSeverity;
  /** One line: "Used from another device than it was issued to". */
  title: string;
  /** One sentence: why this matters. */
  why: string;
  evidence: FindingEvidence;
  action: FindingAction;
  /** The innocent explanation Auth0 (or experience) names for this pattern. */
  falsePositive: string;
  /** Set when the finding rests on events tied to the token only probably (no session). */
  probable?: boolean;
}

/** Negative when `a` should be listed before `b`: higher severity first, then FINDING_KINDS order. */
export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind);
}

/** The finding to show first (on a tree row, in a summary), or `undefined` when there is none. */
export function mostSevereFinding(findings: readonly Finding[]): Finding | undefined {
  return [...findings].sort(compareFindings)[0];
}

/** A finding worth a person's attention: high or medium. Info lines explain, they do not flag. */
export function isFlagging(finding: Finding): boolean {
  return finding.severity !== 'info';
}

export interface UserFindingsSummary {
  tokens: number;
  /** Tokens with at least one high or medium finding. */
  flagged: number;
  /** Tokens whose most severe finding is high. */
  high: number;
  /** "7 tokens · 2 flagged", "1 token · none flagged". */
  text: string;
}

/** The per-user line from the findings of each of the user's tokens (one array per token). */
export function summarizeUserFindings(findingsByToken: readonly (readonly Finding[])[]): UserFindingsSummary {
  const tokens = findingsByToken.length;
  const flagged = findingsByToken.filter((findings) => findings.some(isFlagging)).length;
  const high = findingsByToken.filter((findings) => findings.some((finding) => finding.severity === 'high')).length;
  const count = `${tokens.toLocaleString('en-US')} ${tokens === 1 ? 'token' : 'tokens'}`;
  return { tokens, flagged, high, text: `${count} · ${flagged === 0 ? 'none' : flagged.toLocaleString('en-US')} flagged` };
}

/** Each kind in a few words, for a tree row's description ("⚠ device changed · …"). */
export const FINDING_KIND_LABELS: Readonly<Record<FindingKind, string>> = Object.freeze({
  'reuse-detected': 'reuse detected',
  'impossible-travel': 'impossible travel',
  'tls-changed': 'TLS client changed',
  'many-devices': 'many devices',
  'many-networks': 'many networks',
  'device-changed': 'device changed',
  'network-changed': 'network changed',
  'outlived-session': 'outlived its session',
  'long-lived': 'long-lived',
  'near-cap': 'near the cap',
  dormant: 'dormant but valid',
  'ip-changed': 'IP changed within its network',
  'no-session': 'no session',
});
