// What the live judge says about one refresh-token event: an alert with its severity, why it
// matters, the evidence side by side (what was known of the family or user before, what this
// event shows), the innocent explanation, and what to do. One NDJSON line of the command line's
// output is one WatchAlert, as JSON; the VS Code feed renders the same object (escaping every
// string: all of them but `kind`, `severity` and the action ids come from Auth0's logs).

export type WatchAlertKind =
  | 'revoked-token-used'
  | 'reuse-detected'
  | 'impossible-travel'
  | 'tls-changed'
  | 'watched-network'
  | 'new-origin';

/** Every kind, most telling first. */
export const WATCH_ALERT_KINDS: readonly WatchAlertKind[] = ['revoked-token-used', 'reuse-detected', 'impossible-travel', 'tls-changed', 'watched-network', 'new-origin'];

export type WatchAlertSeverity = 'high' | 'medium' | 'low';

export type WatchActionId = 'contain-user' | 'revoke-session' | 'open-user' | 'review-history' | 'watch-network';

export interface WatchAction {
  id: WatchActionId;
  label: string;
}

export const WATCH_ACTIONS: Readonly<Record<WatchActionId, WatchAction>> = Object.freeze({
  'contain-user': { id: 'contain-user', label: 'Contain User…' },
  'revoke-session': { id: 'revoke-session', label: 'Revoke Session and Its Tokens…' },
  'open-user': { id: 'open-user', label: 'Open User' },
  'review-history': { id: 'review-history', label: 'Review History' },
  'watch-network': { id: 'watch-network', label: 'Watch This Network' },
});

/** One row of the evidence: what was known before, what this event shows. A missing side is absent. */
export interface WatchEvidenceRow {
  label: string;
  before?: string;
  now?: string;
}

export interface WatchAlert {
  /** `${kind}:${log_id}`: stable, so a feed or a SIEM drops a repeat. */
  id: string;
  kind: WatchAlertKind;
  severity: WatchAlertSeverity;
  /** One line. */
  title: string;
  /** One sentence: why this matters. */
  why: string;
  /** Headings of the two evidence columns ("Known for this family", "This exchange"). */
  evidence: { beforeHeading: string; nowHeading: string; rows: WatchEvidenceRow[] };
  falsePositive: string;
  actions: WatchAction[];
  /** The event judged. */
  event: {
    logId?: string;
    type?: string;
    /** ISO date of the event as Auth0 logged it. */
    date?: string;
    ip?: string;
    /** "Bucharest, Romania", when Auth0 placed the address. */
    place?: string;
    userAgent?: string;
    userId?: string;
    userName?: string;
    clientId?: string;
    clientName?: string;
    sessionId?: string;
    familyId?: string;
  };
  /** ISO date (the watch's clock) at which the judge raised the alert. */
  detectedAt: string;
  /**
   * True when the event was found in the user's log read as the watch first saw them (it happened
   * before the watch started); raised when the family was exchanged live, so it is still in use.
   */
  fromHistory?: true;
}

/** Rank for sorting: high first. */
export const SEVERITY_ORDER: Readonly<Record<WatchAlertSeverity, number>> = Object.freeze({ high: 0, medium: 1, low: 2 });
