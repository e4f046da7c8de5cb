import * as assert from 'node:assert/strict';
import { renderHistorySection } from '../../../../../src/features/tokens/details/renderHistorySection';
import { renderTimelineSvg } from '../../../../../src/features/tokens/details/renderTimelineSvg';
import type { TokenLogEvent } from '../../../../../src/findings/logEvents';
import { eventsForToken, type TokenEvent } from '../../../../../src/findings/tokenEvents';
import { daysAgo, logEvent, SAMPLE_NOW, sessionlessExchange, token } from '../../../findings/findingFixtures';
import { assertSafeSection, byField, oneByField } from './fragmentChecks';

function history(events: TokenLogEvent[], tokenOverrides = {}): TokenEvent[] {
  return eventsForToken(token(tokenOverrides), events);
}

function render(events: TokenEvent[], hasMore = false) {
  return renderHistorySection({ state: 'loaded', events, now: SAMPLE_NOW, hasMore });
}

describe('renderHistorySection', () => {
  const issued = logEvent('seacft', { date: daysAgo(6), ip: '203.0.113.7' });
  const exchanged = logEvent('sertft', { date: daysAgo(1), ip: '198.51.100.2', user_agent: 'Chrome 126.0.0 / Windows 10.0.0' });
  const failed = logEvent('fertft', { date: daysAgo(0.5), details: { failure_reason: 'grant_revoked' } });
  const reused = logEvent('ferrt', { date: daysAgo(0.25), ip: '192.0.2.66', location_info: { country_code: 'BR' } });

  it('lists the events newest first, in words, with IP, place and device', () => {
    // Given oldest first on purpose: the section orders them itself.
    const events = history([issued, exchanged, failed, reused]).reverse();
    const elements = assertSafeSection(render(events), 1);
    const rows = elements.filter((element) => element.name === 'tr' && element.attributes['data-event-type']);
    assert.deepEqual(rows.map((row) => row.attributes['data-event-type']), ['ferrt', 'fertft', 'sertft', 'seacft']);
    assert.deepEqual(byField(elements, 'event-description').map((cell) => cell.text), [
      'Rotating exchange failed: reuse detected', 'Exchange failed: the grant was revoked', 'Refresh token exchanged', 'Authorization code exchanged (token issued)',
    ]);
    assert.deepEqual(byField(elements, 'event-ip').map((cell) => cell.text), ['192.0.2.66', '203.0.113.7', '198.51.100.2', '203.0.113.7']);
    assert.deepEqual(byField(elements, 'event-place').map((cell) => cell.text), ['BR', 'Lisbon, Portugal', 'Lisbon, Portugal', 'Lisbon, Portugal']);
    assert.equal(byField(elements, 'event-device')[2].text, 'Chrome 126 on Windows 10Chrome 126.0.0 / Windows 10.0.0');
    assert.equal(byField(elements, 'event-date')[0].text, '2026-11-26 08:03 UTC 6 h ago');
  });

  it('reads Auth0\'s log summary of the user agent, and never shows "Other 0.0.0"', () => {
    const events = history([
      logEvent('sertft', { date: daysAgo(3), user_agent: 'Python Requests 2.31.0 / Other 0.0.0' }),
      logEvent('sertft', { date: daysAgo(2), user_agent: 'Other 0.0.0 / Other 0.0.0' }),
      logEvent('sertft', { date: daysAgo(1), user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1' }),
    ]);
    const cells = byField(assertSafeSection(render(events), 1), 'event-device');
    assert.deepEqual(cells.map((cell) => cell.text), [
      'Safari 17.5 on iOS 17.5 (mobile)Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'not identified',
      'Python Requests 2.31Python Requests 2.31.0',
    ]);
  });

  it('highlights reuse and failures', () => {
    const elements = assertSafeSection(render(history([exchanged, failed, reused])), 1);
    const classes = elements.filter((element) => element.name === 'tr' && element.attributes['data-event-type']).map((row) => row.attributes.class);
    assert.deepEqual(classes, ['event event-reuse', 'event event-failure', 'event']);
  });

  it('marks probable events and says what probable means', () => {
    const events = eventsForToken(token({ session_id: null }), [sessionlessExchange()]);
    const elements = assertSafeSection(render(events), 1);
    assert.equal(elements.filter((element) => element.attributes.class === 'chip probable').length, 1);
    assert.match(oneByField(elements, 'history-probable-note').text, /no session/);
    assert.equal(elements.find((element) => element.name === 'tr' && element.attributes['data-event-type'])?.attributes.class, 'event event-probable');
  });

  it('marks the session\'s events from before the token was issued and says findings leave them out', () => {
    const later = token({ created_at: daysAgo(1) });
    // A ferrt names only its family, seen in the session through the earlier token's exchange.
    const earlierExchange = logEvent('sertft', { date: daysAgo(2), details: { familyId: 'fam_earlier' } });
    const earlierReuse = logEvent('ferrt', { date: daysAgo(1.05), details: { familyId: 'fam_earlier' } });
    const own = logEvent('sertft', { date: daysAgo(0.5) });
    const elements = assertSafeSection(render(eventsForToken(later, [earlierExchange, earlierReuse, own])), 1);
    const rows = elements.filter((element) => element.name === 'tr' && element.attributes['data-event-type']);
    assert.deepEqual(rows.map((row) => row.attributes.class), ['event', 'event event-reuse event-earlier', 'event event-earlier']);
    assert.deepEqual(byField(elements, 'event-description').map((cell) => cell.text), [
      'Refresh token exchanged', 'Rotating exchange failed: reuse detected earlier', 'Refresh token exchanged earlier',
    ]);
    assert.deepEqual(elements.filter((element) => element.name === 'circle').map((mark) => mark.attributes.class), ['mark exchange earlier', 'mark reuse earlier', 'mark exchange']);
    assert.equal(oneByField(elements, 'history-earlier-note').text, 'Events marked “earlier” happened in this token\'s session before it was issued, or belong to a rotation family that began before then: they are an earlier token\'s, and the findings do not count them.');
    assert.equal(byField(assertSafeSection(render(history([own])), 1), 'history-earlier-note').length, 0);
  });

  it('offers "Load more" only while more log pages remain', () => {
    const more = assertSafeSection(render(history([exchanged]), true), 1).filter((element) => element.name === 'button');
    assert.deepEqual(more.map((button) => [button.attributes['data-action'], button.text]), [['load-more-history', 'Load more']]);
    assert.deepEqual(assertSafeSection(render(history([exchanged]), false), 1).filter((element) => element.name === 'button'), []);
  });

  it('says an empty history inside the retention window is normal', () => {
    const elements = assertSafeSection(render([]));
    assert.match(oneByField(elements, 'history-empty').text, /^No events for this token in the log retention window\. That is normal: Auth0 keeps logs for 1 day \(free\) to 30 days \(Enterprise\)/);
    const partial = assertSafeSection(render([], true));
    assert.equal(oneByField(partial, 'history-empty').text, 'No events for this token in the log entries loaded so far.');
    assert.equal(partial.filter((element) => element.name === 'button').length, 1);
  });

  it('names the missing scopes and offers to set a token with them or check the tenant', () => {
    const elements = assertSafeSection(renderHistorySection({ state: 'missing-scope', scopes: ['read:logs', 'read:logs_users'] }));
    assert.equal(oneByField(elements, 'history-missing-scope').text, 'Showing this token\'s history needs the read:logs or read:logs_users scope on the management token (either will do).');
    assert.deepEqual(
      elements.filter((element) => element.name === 'button').map((element) => `${element.attributes['data-action']}:${element.text}`),
      ['set-token:Set a Management API Token…', 'check-setup:Check Tenant Setup…'],
    );
  });

  it('shows loading and errors', () => {
    assert.equal(oneByField(assertSafeSection(renderHistorySection({ state: 'loading' })), 'history-loading').text, 'Loading the user\'s log events…');
    assert.equal(oneByField(assertSafeSection(renderHistorySection({ state: 'error', message: 'Too many requests' })), 'history-error').text, 'Too many requests');
  });

  it('has no timeline when no event has a readable date', () => {
    const elements = assertSafeSection(render(history([logEvent('sertft', { date: 'not a date' })])), 0);
    assert.equal(byField(elements, 'event-date')[0].text, 'date not recorded');
  });
});

describe('renderTimelineSvg', () => {
  it('draws one lane per network, marks in time order, with a title per mark', () => {
    const events = history([
      logEvent('seacft', { date: daysAgo(6), ip: '203.0.113.7' }),
      logEvent('sertft', { date: daysAgo(3), ip: '203.0.113.7' }),
      logEvent('sertft', { date: daysAgo(1), ip: '198.51.100.2' }),
      logEvent('ferrt', { date: daysAgo(0), ip: '192.0.2.66' }),
    ]);
    const svg = renderTimelineSvg(events, SAMPLE_NOW);
    assert.ok(svg);
    const elements = assertSafeSection(svg, 1);
    const root = elements.find((element) => element.name === 'svg');
    assert.equal(root?.attributes.role, 'img');
    assert.equal(root?.attributes['aria-label'], 'Token events over time, one lane per network: 4 events on 3 networks');
    assert.deepEqual(elements.filter((element) => element.attributes.class === 'lane-label').map((label) => label.text), ['203.0.113.7', '198.51.100.2', '192.0.2.66']);
    const marks = elements.filter((element) => element.name === 'circle');
    assert.deepEqual(marks.map((mark) => [mark.attributes.class, mark.attributes.cx, mark.attributes.cy]), [
      ['mark issued', '160', '17'], ['mark exchange', '374', '17'], ['mark exchange', '516.7', '39'], ['mark reuse', '588', '61'],
    ]);
    assert.equal(marks[3].text, '2026-11-26 14:03 UTC · Rotating exchange failed: reuse detected · 192.0.2.66');
    assert.deepEqual(elements.filter((element) => element.attributes.class === 'axis-label').map((label) => label.text), ['2026-11-20 14:03 UTC', '2026-11-26 14:03 UTC']);
  });

  it('uses the ASN as the lane where an event has one', () => {
    const svg = renderTimelineSvg(history([logEvent('sertft', { ip: '203.0.113.7', asn: '64500' }), logEvent('sertft', { ip: '203.0.113.8', asn: '64500' })]), SAMPLE_NOW);
    assert.deepEqual(assertSafeSection(svg!, 1).filter((element) => element.attributes.class === 'lane-label').map((label) => label.text), ['AS64500']);
  });

  it('keeps at most six lanes, the rest shared', () => {
    const events = history(Array.from({ length: 9 }, (_, index) => logEvent('sertft', { date: daysAgo(9 - index), ip: `192.0.2.${index}` })));
    const labels = assertSafeSection(renderTimelineSvg(events, SAMPLE_NOW)!, 1).filter((element) => element.attributes.class === 'lane-label').map((label) => label.text);
    assert.deepEqual(labels, ['192.0.2.0', '192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '4 other networks']);
  });

  it('spans at least an hour, so one event is drawn inside the picture', () => {
    const svg = renderTimelineSvg(history([logEvent('sertft', { date: SAMPLE_NOW.toISOString() })]), SAMPLE_NOW);
    const [mark] = assertSafeSection(svg!, 1).filter((element) => element.name === 'circle');
    assert.equal(mark.attributes.cx, '588');
  });
});
