import * as assert from 'node:assert/strict';
import { eventsForToken, indexUserEvents } from '../../../src/findings/tokenEvents';
import {
  AGENTS, daysAgo, FAMILY_ID, LOG_AGENTS, logEvent, OTHER_CLIENT_ID, sessionlessExchange, token,
} from './findingFixtures';

function ids(events: ReturnType<typeof eventsForToken>): (string | undefined)[] {
  return events.map((tokenEvent) => tokenEvent.event.log_id);
}

describe('eventsForToken', () => {
  it('takes the events of the token\'s session and application, newest first', () => {
    const older = logEvent('seacft', { date: daysAgo(6) });
    const newer = logEvent('sertft', { date: daysAgo(1) });
    const newest = logEvent('fertft', { date: daysAgo(0.5) });
    const linked = eventsForToken(token(), [older, newest, newer]);
    assert.deepEqual(ids(linked), [newest.log_id, newer.log_id, older.log_id]);
    assert.deepEqual(linked.map((tokenEvent) => tokenEvent.link), ['session', 'session', 'session']);
    assert.ok(linked.every((tokenEvent) => !tokenEvent.probable));
    assert.equal(linked[0].date?.toISOString(), daysAgo(0.5));
  });

  it('leaves out the same session\'s events for another application', () => {
    const otherApp = logEvent('sertft', { client_id: OTHER_CLIENT_ID });
    assert.deepEqual(eventsForToken(token(), [otherApp]), []);
  });

  it('leaves out other sessions, other users and other event types', () => {
    const otherSession = logEvent('sertft', { details: { refresh_token: { session_id: 'sess_other' }, familyId: 'fam_other' } });
    const otherUser = logEvent('sertft', { user_id: 'auth0|someone-else' });
    const login = logEvent('s', {});
    assert.deepEqual(eventsForToken(token(), [otherSession, otherUser, login]), []);
  });

  it('ties a ferrt (which names only its family) through a family seen in the session', () => {
    const exchange = logEvent('sertft');
    const reuse = logEvent('ferrt', { date: daysAgo(0.2) });
    const strangerReuse = logEvent('ferrt', { details: { familyId: 'fam_someone_else' } });
    const linked = eventsForToken(token(), [exchange, reuse, strangerReuse]);
    assert.deepEqual(ids(linked), [reuse.log_id, exchange.log_id]);
    assert.equal(linked[0].link, 'family');
  });

  it('ties a revocation by the token id it names, not by the session', () => {
    const mine = logEvent('srrt', { details: { credential_id: 'rt_0f8a7c6b5d4e3f21', session_id: 'sess_other' } });
    const sibling = logEvent('srrt', { details: { credential_id: 'rt_sibling', refresh_token: { session_id: token().session_id as string } } });
    const linked = eventsForToken(token(), [mine, sibling]);
    assert.deepEqual(ids(linked), [mine.log_id]);
    assert.equal(linked[0].link, 'credential');
  });

  it('gives the same answer from an index built once for all of a user\'s tokens', () => {
    const sessionless = token({ id: 'rt_old', session_id: null });
    const events = [logEvent('seacft', { date: daysAgo(6) }), logEvent('sertft'), logEvent('ferrt'), logEvent('srrt'), sessionlessExchange(), logEvent('sertft', { client_id: OTHER_CLIENT_ID })];
    const index = indexUserEvents(events);
    assert.equal(index.events.length, 6);
    for (const subject of [token(), sessionless]) {
      assert.deepEqual(eventsForToken(subject, index, [token(), sessionless]), eventsForToken(subject, events, [token(), sessionless]));
    }
    // The ferrt names no session either: for a token without one, it is probably its.
    assert.deepEqual(ids(eventsForToken(sessionless, index)), [events[2].log_id, events[4].log_id]);
  });

  it('keeps one copy of an event listed twice (same log_id)', () => {
    const exchange = logEvent('sertft');
    assert.equal(eventsForToken(token(), [exchange, { ...exchange }]).length, 1);
  });

  it('puts undated events last and survives malformed ones', () => {
    const undated = logEvent('sertft', { date: 'yesterday' });
    const dated = logEvent('sertft');
    const malformed = [null, 42, 'x', { type: 'sertft', details: 'nope' }, { type: 'sertft', details: { refresh_token: 7 } }] as never[];
    const linked = eventsForToken(token(), [undated, ...malformed, dated]);
    assert.deepEqual(ids(linked), [dated.log_id, undated.log_id]);
    assert.equal(linked[1].date, undefined);
  });

  describe('a token without a session (issued before late 2023)', () => {
    const sessionless = token({ session_id: null, rotating: false });

    it('takes the application\'s sessionless events, marked probable', () => {
      const exchange = sessionlessExchange();
      const withSession = logEvent('sertft');
      const otherApp = sessionlessExchange({ client_id: OTHER_CLIENT_ID });
      const linked = eventsForToken(sessionless, [exchange, withSession, otherApp]);
      assert.deepEqual(ids(linked), [exchange.log_id]);
      assert.equal(linked[0].link, 'probable');
      assert.equal(linked[0].probable, true);
    });

    it('with sibling sessionless tokens, keeps the families used from its own addresses or devices', () => {
      const sibling = token({ id: 'rt_sibling', session_id: null, device: { initial_ip: '198.51.100.9', last_ip: '198.51.100.9', initial_user_agent: AGENTS.safariIphone, last_user_agent: AGENTS.safariIphone } });
      const mineByIp = sessionlessExchange({ ip: '203.0.113.7', user_agent: LOG_AGENTS.chromeWindows, details: { familyId: 'fam_mine' } });
      const mineSameFamily = sessionlessExchange({ ip: '192.0.2.55', user_agent: LOG_AGENTS.chromeAndroid, details: { familyId: 'fam_mine' } });
      const mineByDevice = sessionlessExchange({ ip: '192.0.2.77', user_agent: LOG_AGENTS.chrome127Mac, details: { familyId: 'fam_mine_2' } });
      const theirs = sessionlessExchange({ ip: '198.51.100.9', user_agent: LOG_AGENTS.safariIos, details: { familyId: 'fam_theirs' } });
      const linked = eventsForToken(sessionless, [mineByIp, mineSameFamily, mineByDevice, theirs], [sessionless, sibling]);
      assert.deepEqual(new Set(ids(linked)), new Set([mineByIp.log_id, mineSameFamily.log_id, mineByDevice.log_id]));
      assert.ok(linked.every((tokenEvent) => tokenEvent.probable));
    });

    it("keeps an Ubuntu browser's history, its ferrt included: Auth0 logs \"Ubuntu\" where the header says Linux", () => {
      const ubuntuChromium = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/60.0.3112.113 Chrome/60.0.3112.113 Safari/537.36';
      const mine = token({ id: 'rt_ubuntu', session_id: null, rotating: true, device: { initial_ip: '203.0.113.7', last_ip: '203.0.113.7', initial_user_agent: ubuntuChromium, last_user_agent: ubuntuChromium } });
      const sibling = token({ id: 'rt_windows', session_id: null, device: { initial_ip: '198.51.100.9', last_ip: '198.51.100.9', initial_user_agent: AGENTS.chrome126Windows, last_user_agent: AGENTS.chrome126Windows } });
      // Exchanged from a new address (a laptop moving networks): only the device ties them.
      const exchanged = sessionlessExchange({ ip: '192.0.2.10', user_agent: 'Chromium 60.0.3112 / Ubuntu 0.0.0', details: { familyId: 'fam_ubuntu' } });
      const reused = logEvent('ferrt', { ip: '192.0.2.11', user_agent: 'Chromium 60.0.3112 / Ubuntu 0.0.0', details: { familyId: 'fam_ubuntu_2' } });
      delete reused.details?.refresh_token;
      const theirs = sessionlessExchange({ ip: '192.0.2.12', user_agent: LOG_AGENTS.chromeWindows, details: { familyId: 'fam_windows' } });
      const linked = eventsForToken(mine, [exchanged, reused, theirs], [mine, sibling]);
      assert.deepEqual(new Set(ids(linked)), new Set([exchanged.log_id, reused.log_id]));
      assert.deepEqual(ids(eventsForToken(sibling, [exchanged, reused, theirs], [mine, sibling])), [theirs.log_id]);
    });

    it('an event whose summary identified nothing ("Other 0.0.0 / Other 0.0.0") neither ties to nor excludes a token', () => {
      const sibling = token({ id: 'rt_sibling', session_id: null, device: { initial_ip: '198.51.100.9', last_ip: '198.51.100.9', initial_user_agent: AGENTS.safariIphone, last_user_agent: AGENTS.safariIphone } });
      const unidentified = sessionlessExchange({ ip: '192.0.2.99', user_agent: 'Other 0.0.0 / Other 0.0.0', details: { familyId: 'fam_unknown' } });
      const claimed = sessionlessExchange({ ip: '192.0.2.98', user_agent: 'Other 0.0.0 / Other 0.0.0', details: { familyId: 'fam_theirs' } });
      const theirs = sessionlessExchange({ ip: '198.51.100.9', user_agent: LOG_AGENTS.safariIos, details: { familyId: 'fam_theirs' } });
      const events = [unidentified, claimed, theirs];
      // Nobody's device or address matches it: it may be either token's, so both show it as probable.
      assert.deepEqual(ids(eventsForToken(sessionless, events, [sessionless, sibling])), [unidentified.log_id]);
      assert.deepEqual(new Set(ids(eventsForToken(sibling, events, [sessionless, sibling]))), new Set([unidentified.log_id, claimed.log_id, theirs.log_id]));
    });

    it('never takes another token\'s revocation', () => {
      const revokedOther = logEvent('srrt', { details: { credential_id: 'rt_other' } });
      assert.deepEqual(eventsForToken(sessionless, [revokedOther]), []);
    });
  });

  describe('a token issued in a session that already had tokens', () => {
    // The session's earlier token (its own rotation family) was exchanged, then reused; the
    // browser's silent login an hour later issued this token in the same session.
    const issuedAt = daysAgo(1);
    const later = token({ created_at: issuedAt });
    const earlierFamily = { familyId: 'fam_earlier' };
    const sessionStart = logEvent('seacft', { date: daysAgo(3) });
    const earlierExchange = logEvent('sertft', { date: daysAgo(2), details: earlierFamily });
    const earlierReuse = logEvent('ferrt', { date: daysAgo(1.04), details: earlierFamily });
    const replayedAfter = logEvent('ferrt', { date: daysAgo(0.3), details: earlierFamily });
    // Dates a few hundred milliseconds apart are one moment: created_at and the seacft are stamped separately.
    const ownIssue = logEvent('seacft', { date: new Date(Date.parse(issuedAt) - 400).toISOString() });
    const ownExchange = logEvent('sertft', { date: daysAgo(0.5) });

    it('keeps the session\'s earlier events in its history, marked earlier, and its own unmarked', () => {
      const linked = eventsForToken(later, [sessionStart, earlierExchange, earlierReuse, ownIssue, ownExchange, replayedAfter]);
      assert.deepEqual(ids(linked), [replayedAfter.log_id, ownExchange.log_id, ownIssue.log_id, earlierReuse.log_id, earlierExchange.log_id, sessionStart.log_id]);
      assert.deepEqual(linked.map((tokenEvent) => tokenEvent.earlier), [true, false, false, true, true, true]);
    });

    it('marks nothing earlier when the token has no readable issue date', () => {
      const undated = token({ created_at: undefined });
      assert.ok(eventsForToken(undated, [sessionStart, earlierExchange, earlierReuse, ownExchange]).every((tokenEvent) => !tokenEvent.earlier));
    });
  });

  it('matches the family id exactly, never by prefix or case', () => {
    const exchange = logEvent('sertft');
    const lookalike = logEvent('ferrt', { details: { familyId: `${FAMILY_ID.toUpperCase()}` } });
    assert.deepEqual(ids(eventsForToken(token(), [exchange, lookalike])), [exchange.log_id]);
  });
});
