import * as assert from 'node:assert/strict';
import { deviceIdentity } from '../../../src/findings/deviceIdentity';
import { describeUserAgent, type UserAgentDescription } from '../../../src/presentation/userAgent.lazy';

describe('describeUserAgent', () => {
  const cases: [string, string, UserAgentDescription][] = [
    [
      'Chrome on macOS',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      { browser: 'Chrome 126', os: 'macOS', deviceType: 'desktop', summary: 'Chrome 126 on macOS (desktop)' },
    ],
    [
      'Edge on Windows',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67',
      { browser: 'Edge 125', os: 'Windows 10/11', deviceType: 'desktop', summary: 'Edge 125 on Windows 10/11 (desktop)' },
    ],
    [
      'Firefox on Windows',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
      { browser: 'Firefox 127', os: 'Windows 10/11', deviceType: 'desktop', summary: 'Firefox 127 on Windows 10/11 (desktop)' },
    ],
    [
      'Safari on macOS',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
      { browser: 'Safari 17.4', os: 'macOS', deviceType: 'desktop', summary: 'Safari 17.4 on macOS (desktop)' },
    ],
    [
      'Safari on iPhone',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      { browser: 'Safari 17.5', os: 'iOS 17.5', deviceType: 'mobile', summary: 'Safari 17.5 on iOS 17.5 (mobile)' },
    ],
    [
      'Safari on iPad',
      'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
      { browser: 'Safari 16.6', os: 'iOS 16.6', deviceType: 'tablet', summary: 'Safari 16.6 on iOS 16.6 (tablet)' },
    ],
    [
      'Chrome on an Android phone',
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36',
      { browser: 'Chrome 126', os: 'Android 14', deviceType: 'mobile', summary: 'Chrome 126 on Android 14 (mobile)' },
    ],
    [
      'Chrome on Linux',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      { browser: 'Chrome 126', os: 'Linux', deviceType: 'desktop', summary: 'Chrome 126 on Linux (desktop)' },
    ],
    [
      'Samsung smart TV',
      'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36',
      { browser: 'Samsung Internet 4', os: 'Tizen 6', deviceType: 'tv', summary: 'Samsung Internet 4 on Tizen 6 (TV)' },
    ],
    [
      'Googlebot',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      { browser: 'Googlebot 2.1', os: undefined, deviceType: 'bot', summary: 'Googlebot 2.1 (bot)' },
    ],
    [
      'iOS app through CFNetwork',
      'Acme/3.2 CFNetwork/1404 Darwin/22.2.0',
      { browser: 'Acme 3.2', os: 'iOS', deviceType: 'native app', summary: 'Acme 3.2 (iOS native app)' },
    ],
    [
      'iOS app with a percent-encoded name',
      'Acme%20Wallet/57 CFNetwork/1490.0.4 Darwin/23.2.0',
      { browser: 'Acme Wallet 57', os: 'iOS', deviceType: 'native app', summary: 'Acme Wallet 57 (iOS native app)' },
    ],
    [
      'CFNetwork alone',
      'CFNetwork/1404 Darwin/22.2.0',
      { browser: undefined, os: 'iOS', deviceType: 'native app', summary: 'iOS app (CFNetwork)' },
    ],
    [
      'Android app through okhttp',
      'okhttp/4.12.0',
      { browser: undefined, os: 'Android', deviceType: 'native app', summary: 'Android app (okhttp)' },
    ],
    [
      'Android app through Dalvik',
      'Dalvik/2.1.0 (Linux; U; Android 13; SM-G991B Build/TP1A.220624.014)',
      { browser: undefined, os: 'Android 13', deviceType: 'native app', summary: 'Android 13 app (Dalvik)' },
    ],
    [
      'named Android app',
      'AcmeApp/2.4.1 (Android 14; Pixel 8) okhttp/4.12.0',
      { browser: 'AcmeApp 2.4.1', os: 'Android 14', deviceType: 'native app', summary: 'AcmeApp 2.4.1 (Android 14 native app)' },
    ],
    [
      'curl',
      'curl/8.4.0',
      { browser: 'curl 8.4.0', os: undefined, deviceType: 'unknown', summary: 'curl 8.4.0 (script or server)' },
    ],
    [
      'Postman',
      'PostmanRuntime/7.37.3',
      { browser: 'PostmanRuntime 7.37.3', os: undefined, deviceType: 'unknown', summary: 'PostmanRuntime 7.37.3 (script or server)' },
    ],
    [
      'unknown product',
      'SomeAgent/1.0',
      { browser: 'SomeAgent 1.0', os: undefined, deviceType: 'unknown', summary: 'SomeAgent 1.0 (app or script)' },
    ],
  ];

  for (const [name, userAgent, expected] of cases) {
    it(name, () => {
      const { browser, os, deviceType, summary } = describeUserAgent(userAgent);
      assert.deepEqual({ browser, os, deviceType, summary }, expected);
    });
  }

  for (const missing of [undefined, null, '', '   ']) {
    it(`says so when there is no user agent (${JSON.stringify(missing)})`, () => {
      assert.deepEqual(describeUserAgent(missing), { deviceType: 'unknown', summary: 'No user agent recorded' });
    });
  }

  // A header that does not start with a product token (RFC 9110: a token, optionally "/" and a
  // version token, then a space, "(" or the end) is not read as "name version": it is shown as
  // written (cut, with a marked "…", only past MAX_APP_NAME_LENGTH), so no "/" becomes a space
  // and nothing after a "(" is dropped ("<script>…< script>" was the symptom).
  describe('shows a header that is not a product token as written', () => {
    const asWritten: [string, string, string][] = [
      ['a script element', '<script>window.__pwned=1</script>', '<script>window.__pwned=1</script>'],
      ['a script element with a call', '<script>alert(1)</script>', '<script>alert(1)</script>'],
      ['markup around a product', '<b>Acme</b>/1.0', '<b>Acme</b>/1.0'],
      ['escaped markup', '&lt;script&gt;x&lt;/script&gt;', '&lt;script&gt;x&lt;/script&gt;'],
      ['a path', '../../etc/passwd', '../../etc/passwd'],
      ['three slashes', 'a/b/c', 'a/b/c'],
      ['a javascript: URL', 'javascript:window.__pwned=1', 'javascript:window.__pwned=1'],
      ['a long script element, cut with a marked ellipsis', `<script>${'x'.repeat(60)}</script>`, `<script>${'x'.repeat(31)}…`],
    ];
    for (const [name, userAgent, shown] of asWritten) {
      it(name, () => {
        const summary = `${shown} (app or script)`;
        assert.deepEqual(describeUserAgent(userAgent), { browser: shown, deviceType: 'unknown', summary });
        assert.equal(deviceIdentity(userAgent).summary, summary, 'the findings and the watch say the same');
      });
    }
  });

  describe('still reads a leading product token as "name version"', () => {
    const products: [string, string][] = [
      ['SomeAgent/1.0 (extra; words)', 'SomeAgent 1.0 (app or script)'],
      ['Acme%20App/2.1', 'Acme App 2.1 (app or script)'],
      ['SomeAgent', 'SomeAgent (app or script)'],
    ];
    for (const [userAgent, summary] of products) {
      it(userAgent, () => {
        assert.equal(describeUserAgent(userAgent).summary, summary);
      });
    }
  });

  it('returns the cached, frozen description for a repeated user agent', () => {
    const userAgent = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
    const first = describeUserAgent(userAgent);
    assert.equal(describeUserAgent(userAgent), first);
    assert.ok(Object.isFrozen(first));
  });

  it('keeps an app name from the header short', () => {
    const description = describeUserAgent(`${'A'.repeat(500)}/1.0 CFNetwork/1404 Darwin/22.2.0`);
    assert.ok(description.summary.length < 80, description.summary);
    assert.match(description.summary, /…/);
  });

  // How fast such headers are read is measured by `npm run bench` (micro workload), not here.
  it('reads a 10,000-character header into a short summary', () => {
    const description = describeUserAgent(`Mozilla/5.0 (${'x'.repeat(10_000)})`);
    assert.equal(typeof description.summary, 'string');
    assert.ok(description.summary.length < 200, description.summary);
  });
});
