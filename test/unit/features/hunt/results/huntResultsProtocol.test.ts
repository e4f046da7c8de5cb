import * as assert from 'node:assert/strict';
import { decodeKey, encodeKey, isHuntResultsRequest, isHuntResultsUpdate, isHuntResultsViewState } from '../../../../../src/features/hunt/results/protocol';
import { describeHuntProgress, describeTimeLeft } from '../../../../../src/features/hunt/core/progressText';

describe('Hunt results protocol', () => {
  it('accepts the page\'s requests and nothing else', () => {
    assert.ok(isHuntResultsRequest({ type: 'open-token', tokenId: 'rt_1' }));
    assert.ok(isHuntResultsRequest({ type: 'revoke-selected', tokenIds: ['a', 'b'] }));
    assert.ok(isHuntResultsRequest({ type: 'export', format: 'csv', all: true, tokenIds: [] }));
    assert.ok(isHuntResultsRequest({ type: 'contain-user', userId: 'auth0|1' }));
    assert.ok(isHuntResultsRequest({ type: 'cancel-hunt' }));
    for (const bad of [
      null, 'open-token', { type: 'open-token' }, { type: 'open-token', tokenId: '' }, { type: 'revoke-selected', tokenIds: 'a' },
      { type: 'revoke-selected', tokenIds: [1] }, { type: 'export', format: 'xlsx', all: true, tokenIds: [] }, { type: 'export', format: 'csv', tokenIds: [] },
      { type: 'run-command', command: 'workbench.action.terminal.new' },
    ]) {
      assert.equal(isHuntResultsRequest(bad), false, JSON.stringify(bad));
    }
  });

  it('carries ids as ASCII keys that come back exactly', () => {
    for (const id of ['auth0|64f1', 'auth0|\u202Egnp.exe', 'email|jane@example.com', '😀 ü /?#%', 'broken\uD800pair', 'x'.repeat(10_000), '']) {
      const key = encodeKey(id);
      assert.match(key, /^[A-Za-z0-9_-]*$/);
      assert.equal(decodeKey(key), id);
    }
    assert.equal(decodeKey('not a key!'), undefined);
    assert.equal(decodeKey('AA'), undefined, 'an odd number of bytes');
  });

  it('checks updates and saved view states', () => {
    assert.ok(isHuntResultsUpdate({ type: 'progress', text: 'x', state: 'running' }));
    assert.ok(isHuntResultsUpdate({ type: 'statuses', statuses: [{ tokenId: 'a', state: 'revoked', label: 'revoked' }] }));
    assert.equal(isHuntResultsUpdate({ type: 'progress', text: 'x', state: 'exploded' }), false);
    assert.equal(isHuntResultsUpdate({ type: 'statuses', statuses: [{ tokenId: 'a' }] }), false);
    assert.ok(isHuntResultsViewState({ huntId: 'h', sortKey: 'ip', sortDirection: 'descending', selected: ['a'] }));
    assert.equal(isHuntResultsViewState({ huntId: 'h', sortKey: 'innerHTML' }), false);
  });
});

describe('Hunt progress in words', () => {
  it('says users done of the total, matches, reads and the time left at this pace', () => {
    const progress = { usersDone: 118, usersFailed: 2, usersTotal: 1000, tokensScanned: 840, tokensMatched: 14, elapsedMs: 60_000, remainingMs: 185_000 };
    assert.equal(describeHuntProgress(progress, 'running'), '120 of 1,000 users · 14 tokens matched · 840 read · 2 users could not be read · about 3 min left');
    assert.equal(describeHuntProgress({ ...progress, usersFailed: 0, usersTotal: undefined }, 'cancelled'), 'Cancelled: 118 users · 14 tokens matched · 840 read');
    assert.equal(describeTimeLeft(20_000), 'under a minute left');
    assert.equal(describeTimeLeft(3 * 3_600_000 + 5 * 60_000), 'about 3 h 5 min left');
    assert.equal(describeTimeLeft(undefined), undefined);
  });

  it("says what the hunt waits for while it runs (the export waiting for the tenant's other jobs), and not once it ended", () => {
    const progress = { usersDone: 0, usersFailed: 0, tokensScanned: 0, tokensMatched: 0, elapsedMs: 10_000, notice: "Waiting for the tenant's other jobs. Asking again in 10 s (1 of 6)." };
    assert.equal(describeHuntProgress(progress, 'running'), "0 users · 0 tokens matched · 0 read · Waiting for the tenant's other jobs. Asking again in 10 s (1 of 6).");
    assert.equal(describeHuntProgress(progress, 'stopped'), 'Stopped: 0 users · 0 tokens matched · 0 read');
  });
});
