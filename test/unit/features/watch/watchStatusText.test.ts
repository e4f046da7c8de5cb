// The watch's status line as the status bar and the feed's header show it: its alert count is the
// alerts kept for the tenant (what the feed lists and Export writes, and what survives a reload),
// never the count the running TenantWatch raised since it started (0 after a reload, 1 after Stop
// while the feed lists 6).
import * as assert from 'node:assert/strict';
import type { WatchStatus } from '../../../../src/features/watch/core/tenantWatch';
import { alertCountText, watchStatusText } from '../../../../src/features/watch/watchStatusText';

function status(overrides: Partial<WatchStatus>): WatchStatus {
  return { state: 'reading', requests: 3, events: 40, tenant: 'acme.eu.auth0.com', alerts: 0, judged: 12, historiesRead: 1, text: 'Watching acme-prod · 0 alerts · 3 s behind', ...overrides } as WatchStatus;
}

describe('watchStatusText', () => {
  const cases: [string, Partial<WatchStatus>, number, string][] = [
    ['after a reload: 6 kept, none raised since', { alerts: 0, behindMs: 3000 }, 6, 'Watching acme-prod · 6 alerts · 3 s behind'],
    ['after Stop: 6 kept, 1 raised by this watch', { state: 'stopped', alerts: 1, behindMs: 0 }, 6, 'Watched acme-prod · 6 alerts · stopped'],
    ['starting, nothing kept', { state: 'starting', alerts: 0 }, 0, 'Watching acme-prod · 0 alerts · starting'],
    ['one alert kept', { alerts: 1, behindMs: 400 }, 1, 'Watching acme-prod · 1 alert · up to date'],
    ['retrying', { state: 'retrying', error: 'HTTP 503', alerts: 2 }, 1_000, 'Watching acme-prod · 1,000 alerts · retrying (HTTP 503)'],
    ['minutes behind', { alerts: 2, behindMs: 5 * 60_000 }, 2, 'Watching acme-prod · 2 alerts · 5 min behind'],
    [
      'falling behind for its share: says so, as the core does',
      { alerts: 0, behindMs: 3 * 60_000, shortfall: { share: 0.25, limitedBy: 'watch', ratePerSecond: 2, allowedPerMinute: 30, eventsPerSecond: 80, neededPerMinute: 48, suggestedShare: 0.5 } },
      3,
      'Watching acme-prod · 3 alerts · 3 min behind, falling behind: its share (0.25 of 2 requests/s = 30/min) is below the log\'s ~48/min',
    ],
  ];
  for (const [name, overrides, kept, expected] of cases) {
    it(name, () => {
      assert.equal(watchStatusText(status(overrides), 'acme-prod', kept), expected);
    });
  }
});

describe('alertCountText', () => {
  for (const [kept, expected] of [[0, '0 alerts'], [1, '1 alert'], [2, '2 alerts'], [1000, '1,000 alerts']] as const) {
    it(String(kept), () => assert.equal(alertCountText(kept), expected));
  }
});
