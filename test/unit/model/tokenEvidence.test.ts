// A user's log events as History reads them, against the emulator over real HTTP: Auth0 pages a
// user's log listing through its first 1,000 events only (page * per_page), so History stops
// there and says how older events can be read; a failed later page keeps what was loaded and its
// error stays visible with a retry.
import assert from 'node:assert/strict';
import { isManagementApiError } from '../../../src/auth0/errors';
import { historyInput } from '../../../src/features/tokens/details/detailsEvidence';
import { renderHistorySection } from '../../../src/features/tokens/details/renderHistorySection';
import { eventsForToken } from '../../../src/findings/tokenEvents';
import { TenantModel } from '../../../src/model/tenantModel';
import { LOG_PAGE_SIZE, TokenEvidence, USER_LOG_PAGING_CAP } from '../../../src/model/tokenEvidence';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { clientFor, rejectionOf, requestsUnder } from '../auth0/support';
import { assertSafeSection, byField, oneByField } from '../features/tokens/details/fragmentChecks';
import { daysAgo, logEvent, SAMPLE_NOW, token } from '../findings/findingFixtures';

describe('TokenEvidence: a user\'s log events', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 61, deleteDelayMs: 0 });
  });
  after(() => emulator.close());

  const logRequests = (userId: string) => requestsUnder(emulator, `/api/v2/users/${userId}/logs`).length;

  it('stops at the 1,000th event (the tenth page of 100): no "Load more", no eleventh request, the cap said', async () => {
    const model = new TenantModel(clientFor(emulator).client);
    const userId = emulator.users.huge;
    const before = logRequests(userId);
    let state = await model.evidence.loadHistory(userId);
    for (let page = 1; page < 10; page += 1) {
      assert.equal(state.hasMore, true, `more after page ${page}`);
      state = await model.evidence.loadHistory(userId, true);
    }
    assert.equal(state.state, 'loaded');
    assert.equal(state.events.length, USER_LOG_PAGING_CAP);
    assert.equal(state.hasMore, false, 'no Load more after the tenth page');
    assert.equal(state.capped, true);
    assert.equal(state.error, undefined);
    const after = await model.evidence.loadHistory(userId, true);
    assert.equal(after, state);
    assert.equal(logRequests(userId) - before, 10, 'ten pages, none refused');
  });

  it("a user's log listing past the cap is refused with a message about log events, not users, saying where older events are", async () => {
    const { client } = clientFor(emulator);
    const error = await rejectionOf(client.listUserLogs(emulator.users.huge, { page: 10, perPage: LOG_PAGE_SIZE }));
    assert.ok(isManagementApiError(error, 'invalid-paging'));
    assert.doesNotMatch(error.message, /users of a listing|search \(for example by email\)/i);
    assert.match(error.message, /newest 1,000 of a user's log events; search the tenant's logs by date for older ones/);
  });

  it('treats an invalid_paging answer before the computed cap (a smaller cap) as the end, not a failure', async () => {
    let calls = 0;
    const evidence = new TokenEvidence({
      fetchSession: () => Promise.reject(new Error('unused')),
      fetchLogs: async (_userId, page) => {
        calls += 1;
        if (page === 0) {
          return Array.from({ length: LOG_PAGE_SIZE }, (_, index) => logEvent('sertft', { log_id: `l${index}` }));
        }
        const { client } = clientFor(emulator);
        return (await client.listUserLogs(emulator.users.huge, { page: 10, perPage: LOG_PAGE_SIZE })).logs;
      },
    });
    await evidence.loadHistory('auth0|x');
    const state = await evidence.loadHistory('auth0|x', true);
    assert.deepEqual([state.state, state.hasMore, state.capped, state.events.length, state.error], ['loaded', false, true, LOG_PAGE_SIZE, undefined]);
    assert.equal(calls, 2);
  });

  it('keeps the loaded events when a later page fails, and the failure stays visible with a retry that loads that page', async () => {
    let failNext = false;
    const pagesAsked: number[] = [];
    const evidence = new TokenEvidence({
      fetchSession: () => Promise.reject(new Error('unused')),
      fetchLogs: async (_userId, page) => {
        pagesAsked.push(page);
        if (failNext) {
          failNext = false;
          throw new Error('Tenant example.eu.auth0.com answered 503 to GET /api/v2/users/{id}/logs.');
        }
        return Array.from({ length: LOG_PAGE_SIZE }, (_, index) => logEvent('sertft', { log_id: `p${page}-${index}` }));
      },
    });
    const userId = token().user_id as string;
    await evidence.loadHistory(userId);
    failNext = true;
    const failed = await evidence.loadHistory(userId, true);
    assert.equal(failed.state, 'failed');
    assert.equal(failed.events.length, LOG_PAGE_SIZE, 'what was loaded is kept');

    const tokenEvents = eventsForToken(token(), failed.events);
    const input = historyInput(failed, tokenEvents, SAMPLE_NOW);
    const elements = assertSafeSection(renderHistorySection(input), 1);
    assert.equal(byField(elements, 'history').length, 1, 'the loaded events are shown');
    assert.equal(oneByField(elements, 'history-error').text, 'Tenant example.eu.auth0.com answered 503 to GET /api/v2/users/{id}/logs.');
    const buttons = elements.filter((element) => element.name === 'button').map((button) => [button.attributes['data-action'], button.text]);
    assert.deepEqual(buttons, [['load-more-history', 'Try again']]);

    const retried = await evidence.loadHistory(userId, true);
    assert.deepEqual(pagesAsked, [0, 1, 1], 'the retry asks for the page that failed');
    assert.equal(retried.state, 'loaded');
    assert.equal(retried.events.length, 2 * LOG_PAGE_SIZE);
  });

  it('History says where the cap is and how to read older events, with the query for this user before the oldest event shown', () => {
    const oldest = daysAgo(12);
    const events = [logEvent('sertft', { log_id: 'a', date: daysAgo(2) }), logEvent('sertft', { log_id: 'b', date: oldest })];
    const userId = 'samlp|acme/corp|"jane"';
    const input = historyInput({ state: 'loaded', events, hasMore: false, capped: true }, eventsForToken(token(), events), SAMPLE_NOW, userId);
    const elements = assertSafeSection(renderHistorySection(input), 1);
    assert.deepEqual(elements.filter((element) => element.name === 'button'), [], 'no Load more at the cap');
    const note = oneByField(elements, 'history-capped').text;
    assert.match(note, /^Auth0 pages through only the newest 1,000 of a user's log events\./);
    assert.match(note, /Monitoring > Logs/);
    assert.ok(note.includes(`user_id:"samlp|acme/corp|\\"jane\\"" AND date:[* TO ${new Date(oldest).toISOString()}]`), note);
  });
});
