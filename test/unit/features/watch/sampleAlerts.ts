// One alert of each kind, shaped as the live judge raises them (see src/features/watch/core/liveJudge.ts),
// and an alert whose every Auth0-sourced string is one value (the injection corpus).
import { WATCH_ACTIONS, WATCH_ALERT_KINDS, type WatchAlert, type WatchAlertKind } from '../../../../src/features/watch/core/watchAlert';

const SEVERITY: Record<WatchAlertKind, WatchAlert['severity']> = {
  'revoked-token-used': 'high',
  'reuse-detected': 'high',
  'impossible-travel': 'high',
  'tls-changed': 'high',
  'watched-network': 'high',
  'new-origin': 'medium',
};

export function sampleAlert(kind: WatchAlertKind, index = 0, overrides: Partial<WatchAlert['event']> = {}): WatchAlert {
  return {
    id: `${kind}:9000${index}`,
    kind,
    severity: SEVERITY[kind],
    title: `${kind} title ${index}`,
    why: `${kind} why`,
    evidence: { beforeHeading: 'Known for this family', nowHeading: 'This exchange', rows: [{ label: 'Place', before: 'Seattle, United States', now: 'Bucharest, Romania' }, { label: 'TLS (JA4)', now: 't13d1812h1' }] },
    falsePositive: `${kind} false positive`,
    actions: [WATCH_ACTIONS['contain-user'], WATCH_ACTIONS['open-user']],
    event: {
      logId: `9000${index}`,
      type: 'sertft',
      date: '2026-11-26T14:02:30.000Z',
      ip: '203.0.113.200',
      place: 'Bucharest, Romania',
      userId: `auth0|user${index}`,
      userName: `user${index}@example.com`,
      clientId: 'client-web',
      clientName: 'Acme Web',
      ...overrides,
    },
    detectedAt: '2026-11-26T14:02:31.000Z',
  };
}

export const ALL_KINDS = WATCH_ALERT_KINDS;

/** Every string an alert carries from Auth0's logs set to `value` (kind, severity and action ids stay). */
export function hostileAlert(value: string, index = 0): WatchAlert {
  return {
    ...sampleAlert('impossible-travel', index),
    id: value,
    title: value,
    why: value,
    falsePositive: value,
    evidence: { beforeHeading: value, nowHeading: value, rows: [{ label: value, before: value, now: value }] },
    event: { logId: value, type: value, date: value, ip: value, place: value, userAgent: value, userId: value, userName: value, clientId: value, clientName: value, sessionId: value, familyId: value },
    detectedAt: value,
  };
}
