import * as assert from 'node:assert/strict';
import type { RefreshToken } from '../../../src/auth0/types';
import type { TokenLogEvent } from '../../../src/findings/logEvents';
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

    // Issue 18 §3, from a trial of the demo: a token opened by id (its user's other tokens not
    // loaded, so no siblings to narrow by) took every sessionless event of its application, Chrome
    // on a Mac, Firefox on Windows and today's code exchanges included.
    describe('opened by id (no sibling tokens known): what contradicts the token\'s own device is not its', () => {
      const androidChrome = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.165 Mobile Safari/537.36';
      const created = daysAgo(25);
      const android = token({ id: '6XPJFTg6BxfrlqBw0tQ54L17Dq2dhdpQ', session_id: null, created_at: created, device: { initial_ip: '198.51.100.40', last_ip: '198.51.100.41', initial_user_agent: androidChrome, last_user_agent: androidChrome } });
      const noDevice = token({ id: 'rt_recorded', session_id: null, created_at: created, device: undefined });
      const issued = (overrides: Partial<TokenLogEvent>) => {
        const event = logEvent('seacft', overrides);
        delete event.details?.refresh_token;
        return event;
      };
      const cases: { name: string; event: () => TokenLogEvent; tied: boolean; of?: RefreshToken }[] = [
        { name: 'an exchange by Chrome on Mac OS X from Sydney', event: () => sessionlessExchange({ ip: '203.0.113.26', user_agent: 'Chrome 129.0.0 / Mac OS X 10.15.7', date: daysAgo(0.1) }), tied: false },
        { name: 'an exchange by Firefox on Windows', event: () => sessionlessExchange({ ip: '192.0.2.31', user_agent: 'Firefox 128.0.0 / Windows 10.0.0' }), tied: false },
        { name: 'an exchange by Safari on Mac OS X', event: () => sessionlessExchange({ ip: '192.0.2.32', user_agent: 'Safari 17.5.0 / Mac OS X 10.15.7' }), tied: false },
        { name: 'an exchange by Mobile Safari on iOS', event: () => sessionlessExchange({ ip: '192.0.2.33', user_agent: LOG_AGENTS.safariIos }), tied: false },
        { name: 'an exchange by Chrome on Windows (same product, other OS)', event: () => sessionlessExchange({ ip: '192.0.2.34', user_agent: LOG_AGENTS.chromeWindows }), tied: false },
        { name: 'a reuse (ferrt) by Firefox on Ubuntu', event: () => logEvent('ferrt', { ip: '192.0.2.35', user_agent: LOG_AGENTS.firefoxLinux, details: { familyId: 'fam_other' } }), tied: false },
        { name: 'a code exchange (a token issued) today, by another device', event: () => issued({ ip: '192.0.2.36', user_agent: 'Chrome 129.0.0 / Mac OS X 10.15.7', date: daysAgo(0.2) }), tied: false },
        { name: 'a code exchange (a token issued) today, by the same kind of device: another token\'s issue', event: () => issued({ ip: '192.0.2.37', user_agent: LOG_AGENTS.chromeAndroid, date: daysAgo(0.2) }), tied: false },
        { name: 'a code exchange today whose summary identified nothing: another token\'s issue', event: () => issued({ ip: '192.0.2.38', user_agent: 'Other 0.0.0 / Other 0.0.0', date: daysAgo(0.2) }), tied: false },
        { name: 'a code exchange today, the token without a device: another token\'s issue', event: () => issued({ ip: '192.0.2.39', date: daysAgo(0.2) }), tied: false, of: noDevice },
        { name: 'its own issue (a code exchange at created_at)', event: () => issued({ ip: '198.51.100.40', user_agent: LOG_AGENTS.chromeAndroid, date: created }), tied: true },
        { name: 'an exchange by Chrome Mobile on Android from a new network', event: () => sessionlessExchange({ ip: '192.0.2.40', user_agent: LOG_AGENTS.chromeAndroid }), tied: true },
        { name: 'an exchange from its own recorded address', event: () => sessionlessExchange({ ip: '198.51.100.41', user_agent: LOG_AGENTS.chromeAndroid }), tied: true },
        { name: 'a reuse (ferrt) by Chrome Mobile on Android', event: () => logEvent('ferrt', { ip: '192.0.2.41', user_agent: LOG_AGENTS.chromeAndroid, details: { familyId: 'fam_android' } }), tied: true },
        { name: 'an exchange whose summary identified nothing ("Other 0.0.0 / Other 0.0.0")', event: () => sessionlessExchange({ ip: '192.0.2.42', user_agent: 'Other 0.0.0 / Other 0.0.0' }), tied: true },
        { name: 'an exchange without a user agent', event: () => sessionlessExchange({ ip: '192.0.2.43', user_agent: undefined }), tied: true },
        { name: 'an exchange by Chrome on Mac OS X, the token without a device (nothing to contradict)', event: () => sessionlessExchange({ ip: '203.0.113.26', user_agent: 'Chrome 129.0.0 / Mac OS X 10.15.7' }), tied: true, of: noDevice },
      ];
      for (const testCase of cases) {
        it(`${testCase.name}: ${testCase.tied ? 'probable' : 'not tied'}`, () => {
          const event = testCase.event();
          const linked = eventsForToken(testCase.of ?? android, [event]);
          assert.deepEqual(ids(linked), testCase.tied ? [event.log_id] : []);
          assert.ok(linked.every((tokenEvent) => tokenEvent.probable));
        });
      }

      it('the demo\'s mix: only the Android events and the unidentified one stay', () => {
        // Each exchange in a rotation family of its own: a family one of the token's events is in is
        // the token's, whatever device later used it (a stolen token's family stays in its history).
        const events = cases.filter((testCase) => testCase.of === undefined).map((testCase, index) => {
          const event = testCase.event();
          if (event.details?.familyId === FAMILY_ID) {
            event.details.familyId = `fam_${index}`;
          }
          return { event, tied: testCase.tied };
        });
        assert.deepEqual(new Set(ids(eventsForToken(android, events.map((entry) => entry.event)))), new Set(events.filter((entry) => entry.tied).map((entry) => entry.event.log_id)));
      });

      it('an exchange from a Mac in a family the token\'s own Android events are in stays (the family is the token\'s)', () => {
        const own = sessionlessExchange({ ip: '192.0.2.40', user_agent: LOG_AGENTS.chromeAndroid, details: { familyId: 'fam_android' } });
        const stolen = sessionlessExchange({ ip: '203.0.113.26', user_agent: 'Chrome 129.0.0 / Mac OS X 10.15.7', details: { familyId: 'fam_android' } });
        assert.deepEqual(new Set(ids(eventsForToken(android, [own, stolen]))), new Set([own.log_id, stolen.log_id]));
      });
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
