// Each injection payload in every attacker-controlled field of the Findings, Session and History
// sections (user agents, IPs, ASNs, ids, log descriptions, places, application names, session
// fields, scopes, messages): each section must keep exactly the elements and attributes it has
// with harmless text of the same shape, parse (as Chromium parses it) to only the intended
// elements, and show the payload literally where the field is displayed.

import * as assert from 'node:assert/strict';
import type { Session } from '../../../../../src/auth0/types';
import { renderFindingsSection } from '../../../../../src/features/tokens/details/renderFindingsSection';
import { renderHistorySection } from '../../../../../src/features/tokens/details/renderHistorySection';
import { renderSessionSection } from '../../../../../src/features/tokens/details/renderSessionSection';
import { FINDING_ACTIONS, type Finding } from '../../../../../src/findings/finding';
import type { TokenLogEvent } from '../../../../../src/findings/logEvents';
import type { TokenEvent } from '../../../../../src/findings/tokenEvents';
import { revealHiddenCharacters } from '../../../../../src/presentation/hiddenCharacters';
import type { SafeHtml } from '../../../../../src/presentation/html';
import { injectionPayloads, RAW_HIDDEN_CHARACTER } from '../../../fixtures/injectionPayloads';
import { harmlessTwin, SAMPLE_NOW } from '../../../fixtures/payloadTokens';
import { assertSafeSection, byField, oneByField, sectionSkeleton } from './fragmentChecks';

/** What a person reads for `value`: hidden characters named, line ends as a parser normalises them. */
function shown(value: string): string {
  return revealHiddenCharacters(value).replace(/\r\n?/g, '\n');
}

function findingsWith(value: string): Finding[] {
  const base = { why: value, falsePositive: value, title: value };
  return [
    {
      ...base, kind: 'device-changed', severity: 'medium', action: FINDING_ACTIONS['revoke-token'],
      evidence: { type: 'comparison', firstHeading: value, secondHeading: value, rows: [{ label: value, first: value, second: value }, { label: 'ASN', first: value, second: undefined }] },
    },
    {
      ...base, kind: 'many-devices', severity: 'high', action: FINDING_ACTIONS['revoke-token'], probable: true,
      evidence: { type: 'counted', what: value, limit: 3, windowDays: 30, familyId: value, eventCount: 4, values: [{ value, events: 3 }, { value, events: 1 }] },
    },
    {
      ...base, kind: 'reuse-detected', severity: 'high', action: FINDING_ACTIONS['contain-user'],
      evidence: { type: 'events', events: [{ date: SAMPLE_NOW, description: value, ip: value, userAgent: value, logId: value, probable: false }] },
    },
    {
      ...base, kind: 'outlived-session', severity: 'medium', action: FINDING_ACTIONS['revoke-session'],
      evidence: { type: 'facts', rows: [{ label: value, value }] },
    },
  ];
}

function sessionWith(value: string): Session {
  return {
    id: value,
    user_id: value,
    created_at: value,
    authenticated_at: '2026-11-20T10:00:00.000Z',
    last_interacted_at: value,
    idle_expires_at: value,
    expires_at: value,
    device: { initial_user_agent: value, initial_ip: value, initial_asn: value, last_user_agent: value, last_ip: value, last_asn: value, [value]: value },
    clients: [{ client_id: value }, { client_id: 'named' }],
    authentication: { methods: [{ name: value, type: value, timestamp: value }] },
    [value]: value,
  };
}

function eventWith(value: string, type: string, date: string): TokenLogEvent {
  return {
    log_id: value, type, date, description: value, ip: value, user_agent: value, client_id: value, client_name: value, user_id: value,
    location_info: { city_name: value, country_name: value, country_code: value },
    details: { familyId: value, failure_reason: value, refresh_token: { session_id: value }, credential_id: value },
  };
}

function historyWith(value: string): TokenEvent[] {
  const dates = ['2026-11-26T10:00:00.000Z', '2026-11-25T10:00:00.000Z', '2026-11-24T10:00:00.000Z'];
  return [
    { event: eventWith(value, 'ferrt', dates[0]), date: new Date(dates[0]), link: 'family', probable: false, earlier: true },
    { event: eventWith(value, 'fertft', dates[1]), date: new Date(dates[1]), link: 'session', probable: false, earlier: false },
    { event: eventWith(value, value, dates[2]), date: new Date(dates[2]), link: 'probable', probable: true, earlier: false },
    { event: eventWith(value, 'sertft', value), link: 'session', probable: false, earlier: false },
  ];
}

/** Every state of every section, with `value` in each field it can reach. */
function sectionsWith(value: string): { name: string; section: SafeHtml; svg: number }[] {
  return [
    { name: 'findings', section: renderFindingsSection({ findings: findingsWith(value), skipped: [{ kinds: ['near-cap'], reason: value }], now: SAMPLE_NOW }), svg: 0 },
    { name: 'session loaded', section: renderSessionSection({ state: 'loaded', session: sessionWith(value), now: SAMPLE_NOW, appNames: new Map([[value, value], ['named', value]]) }), svg: 0 },
    { name: 'session gone', section: renderSessionSection({ state: 'gone', sessionId: value }), svg: 0 },
    { name: 'session missing scope', section: renderSessionSection({ state: 'missing-scope', scope: value }), svg: 0 },
    { name: 'session error', section: renderSessionSection({ state: 'error', message: value }), svg: 0 },
    { name: 'history loaded', section: renderHistorySection({ state: 'loaded', events: historyWith(value), now: SAMPLE_NOW, hasMore: true }), svg: 1 },
    { name: 'history missing scope', section: renderHistorySection({ state: 'missing-scope', scopes: [value, value] }), svg: 0 },
    { name: 'history error', section: renderHistorySection({ state: 'error', message: value }), svg: 0 },
  ];
}

describe('Findings, Session and History sections with injection payloads', () => {
  for (const payload of injectionPayloads) {
    describe(payload.name, () => {
      const sections = sectionsWith(payload.value);
      const twins = sectionsWith(harmlessTwin(payload.value));
      const text = shown(payload.value);

      it('each section holds only the intended elements and attributes, with no raw hidden character', () => {
        for (const { name, section, svg } of sections) {
          assert.doesNotThrow(() => assertSafeSection(section, svg), name);
          assert.doesNotMatch(section.markup, RAW_HIDDEN_CHARACTER, name);
        }
      });

      it('each section has the same elements and attributes as harmless text of the same shape', () => {
        sections.forEach(({ name, section }, index) => {
          assert.deepEqual(sectionSkeleton(section), sectionSkeleton(twins[index].section), name);
        });
      });

      it('findings show the payload literally', () => {
        const elements = assertSafeSection(sections[0].section);
        assert.deepEqual(byField(elements, 'finding-title').map((title) => title.text), [text, text, text, text]);
        assert.deepEqual(byField(elements, 'finding-why').map((why) => why.text), [text, text, text, text]);
        const comparison = elements.filter((element) => element.name === 'td' && element.text === text);
        assert.ok(comparison.length >= 4, 'compared values and event cells');
        const facts = elements.filter((element) => element.name === 'dd');
        assert.equal(facts[0].text, text);
        const buttons = elements.filter((element) => element.name === 'button');
        assert.deepEqual(buttons.map((button) => button.attributes['data-action']), ['revoke-token', 'revoke-token', 'contain-user', 'revoke-session']);
      });

      it('the session shows the payload literally', () => {
        const elements = assertSafeSection(sections[1].section);
        assert.equal(oneByField(elements, 'session_id').text, `Session id${text}`);
        for (const field of ['session_initial_ip', 'session_last_ip', 'session_initial_asn', 'session_last_asn', 'session_initial_user_agent', 'session_last_user_agent']) {
          assert.equal(oneByField(elements, field).text, text, field);
        }
        assert.ok(oneByField(assertSafeSection(sections[2].section), 'session-ended').text.startsWith(`Session ended: Auth0 no longer has session ${text}. `));
        assert.equal(oneByField(assertSafeSection(sections[4].section), 'session-error').text, text);
      });

      it('the history shows the payload literally, and only Auth0\'s event types as attributes', () => {
        const elements = assertSafeSection(sections[5].section, 1);
        assert.deepEqual(byField(elements, 'event-ip').map((cell) => cell.text), [text, text, text, text]);
        assert.deepEqual(elements.filter((element) => element.attributes['data-event-type']).map((row) => row.attributes['data-event-type']),
          ['ferrt', 'fertft', 'other', 'sertft']);
        const marks = elements.filter((element) => element.name === 'circle');
        assert.equal(marks.length, 3);
        assert.ok(marks.every((mark) => [text, `${text} · probable`, `${text} · before this token`].some((end) => mark.text.endsWith(end))), 'mark titles name the address literally');
        assert.equal(oneByField(assertSafeSection(sections[7].section), 'history-error').text, text);
      });
    });
  }
});
