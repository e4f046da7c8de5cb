// Issue 18, section 7: opening a token's details panel is a person waiting. Its reads (the token's
// session and the user's log events) go at foreground priority, ahead of the background reads the
// tree has queued for other users' findings, on a tenant's shared rate limit.
import assert from 'node:assert/strict';
import { TenantModel } from '../../../../../src/model/tenantModel';
import { requestDetailsEvidence } from '../../../../../src/features/tokens/details/detailsEvidence';
import { startEmulator } from '../../../../emulator/index';
import { clientFor } from '../../../auth0/support';
import { VirtualTime } from '../../../auth0/virtualTime';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

describe("a details panel's reads go ahead of queued background reads", function () {
  this.timeout(60_000);

  for (const refresh of [false, true]) {
    it(`opening a token${refresh ? ' and its Refresh button' : ''}: its session and the user's log events are read before the queued background sessions`, async () => {
      const time = new VirtualTime({ autoAdvance: true });
      const emulator = await startEmulator({ seed: 18, now: NOW, rateLimit: 'non-production', rateLimitClock: time.now, dateClock: time.now });
      try {
        const model = new TenantModel(clientFor(emulator, { clock: time.now, sleep: time.sleep }).client, { evidenceOptions: { clock: () => NOW } });
        // Twenty users expanded in the tree: their sessions are read in the background, and queue.
        const expanded = emulator.fanOutUsers.slice(0, 20);
        const background = expanded.map((userId) => model.evidence.loadSessionsOf(userId, emulator.refreshTokensOf(userId)));
        const opened = emulator.refreshTokensOf(emulator.users.seven).find((t) => typeof t.session_id === 'string' && t.session_id !== '');
        assert.ok(opened, 'a token with a session');
        if (refresh) {
          await requestDetailsEvidence(model, opened);
        }
        const before = emulator.requests.length;
        await requestDetailsEvidence(model, opened, refresh);
        const after = emulator.requests.slice(before);
        const sessionAt = after.findIndex((r) => r.path === `/api/v2/sessions/${opened.session_id}`);
        const logsAt = after.findIndex((r) => r.path.startsWith(`/api/v2/users/${emulator.users.seven}/logs`));
        assert.ok(sessionAt >= 0 && logsAt >= 0, 'both read');
        const overtaking = after.slice(0, Math.max(sessionAt, logsAt)).filter((r) => r.path.startsWith('/api/v2/sessions/')).length;
        // Only background reads already let through may arrive first: at most the limiter's
        // concurrency (4); at background priority the panel waited behind all twenty users' (19 to 21).
        assert.ok(overtaking <= 4, `${overtaking} background session reads arrived before the panel's`);
        await Promise.all(background);
        assert.equal(emulator.requests.filter((r) => r.status === 429).length, 0, 'no 429');
      } finally {
        await emulator.close();
      }
    });
  }
});
