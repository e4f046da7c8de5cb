// The Device cell of the History: Auth0's log summary ("Chrome 126.0.0 / Mac OS X 10.15.7")
// read as browser and system, "Other 0.0.0" (what Auth0 writes for a side it did not identify)
// left unsaid, and a raw User-Agent header described by the header parser as before.

import * as assert from 'node:assert/strict';
import { eventDeviceHtml, eventDeviceText } from '../../../../../src/features/tokens/details/renderEventDevice';
import { AGENTS } from '../../../findings/findingFixtures';
import { assertSafeSection } from './fragmentChecks';

describe('eventDeviceText', () => {
  const table: [string, { summary?: string; detail?: string }][] = [
    ['Chrome 126.0.0 / Mac OS X 10.15.7', { summary: 'Chrome 126 on Mac OS X 10.15', detail: 'Chrome 126.0.0 / Mac OS X 10.15.7' }],
    ['Chrome 126.0.6478 / Windows 10.0.0', { summary: 'Chrome 126 on Windows 10', detail: 'Chrome 126.0.6478 / Windows 10.0.0' }],
    ['Mobile Safari 17.5.0 / iOS 17.5.1', { summary: 'Mobile Safari 17.5 on iOS 17.5', detail: 'Mobile Safari 17.5.0 / iOS 17.5.1' }],
    ['Chrome Mobile WebView 126.0.6478 / Android 14.0.0', { summary: 'Chrome Mobile WebView 126 on Android 14', detail: 'Chrome Mobile WebView 126.0.6478 / Android 14.0.0' }],
    ['Edge 131.0.2903 / Windows 10.0.0', { summary: 'Edge 131 on Windows 10', detail: 'Edge 131.0.2903 / Windows 10.0.0' }],
    // A side Auth0 did not identify is left out, never shown as "Other 0.0.0".
    ['Python Requests 2.31.0 / Other 0.0.0', { summary: 'Python Requests 2.31', detail: 'Python Requests 2.31.0' }],
    ['curl 8.4.0 / Other 0.0.0', { summary: 'curl 8.4', detail: 'curl 8.4.0' }],
    ['okhttp 4.12.0 / Other 0.0.0', { summary: 'okhttp 4.12', detail: 'okhttp 4.12.0' }],
    ['Other 0.0.0 / Mac OS X 10.15.7', { summary: 'Mac OS X 10.15', detail: 'Mac OS X 10.15.7' }],
    ['Other 0.0.0 / Linux 0.0.0', { summary: 'Linux' }],
    ['Other 0.0.0 / Other 0.0.0', {}],
    // A version of 0.0.0 is no version; a detail equal to the summary is not repeated.
    ['Firefox 128.0.0 / Ubuntu 0.0.0', { summary: 'Firefox 128 on Ubuntu', detail: 'Firefox 128.0.0 / Ubuntu' }],
    ['Chrome 126 / Windows 10', { summary: 'Chrome 126 on Windows 10' }],
    // A raw header goes through the header parser, with the header itself below.
    [AGENTS.chrome126Mac, { summary: 'Chrome 126 on macOS (desktop)', detail: AGENTS.chrome126Mac }],
    [AGENTS.curl, { summary: 'curl 8.4.0 (script or server)', detail: AGENTS.curl }],
  ];

  for (const [userAgent, expected] of table) {
    it(`${JSON.stringify(userAgent)} -> ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(eventDeviceText(userAgent), expected);
    });
  }

  it('says nothing for a missing or blank user agent', () => {
    assert.deepEqual(eventDeviceText(undefined), {});
    assert.deepEqual(eventDeviceText('   '), {});
  });
});

describe('eventDeviceHtml', () => {
  it('shows the summary with the detail below it', () => {
    const elements = assertSafeSection(eventDeviceHtml('Chrome 126.0.0 / Other 0.0.0'));
    assert.deepEqual(elements.filter((element) => element.name === 'span').map((span) => span.text), ['Chrome 126', 'Chrome 126.0.0']);
    assert.doesNotMatch(eventDeviceHtml('Chrome 126.0.0 / Other 0.0.0').markup, /Other/);
  });

  it('says "not identified" for what Auth0 did not identify, and "not recorded" for nothing', () => {
    const spans = (userAgent: string | undefined) =>
      assertSafeSection(eventDeviceHtml(userAgent)).filter((element) => element.name === 'span').map((element) => [element.attributes.class, element.text]);
    assert.deepEqual(spans('Other 0.0.0 / Other 0.0.0'), [['missing', 'not identified']]);
    assert.deepEqual(spans(undefined), [['missing', 'not recorded']]);
  });
});
