// Auth0's own user-agent summary in log events ("Chromium 60.0.3112 / Ubuntu 0.0.0") against the
// raw User-Agent header a refresh token carries: compared by product family and OS family, and a
// summary that identified nothing ("Other 0.0.0") says nothing. One row per case.
import * as assert from 'node:assert/strict';
import { compareUserAgents, type DeviceMatch } from '../../../src/findings/deviceIdentity';

const HEADERS = {
  chromiumUbuntu: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/60.0.3112.113 Chrome/60.0.3112.113 Safari/537.36',
  chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  firefoxFedora: 'Mozilla/5.0 (X11; Fedora; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  firefoxUbuntu: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0',
  chromeMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:128.0) Gecko/20100101 Firefox/128.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  safariIpad: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  chromeIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
  firefoxIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15',
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  chromeWindows7: 'Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36',
  operaWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/112.0.0.0',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36',
  samsungAndroid: 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  webViewAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UQ1A.240205.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.122 Mobile Safari/537.36',
  chromeOs: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  curl: 'curl/8.4.0',
  okhttp: 'okhttp/4.12.0',
  pythonRequests: 'python-requests/2.31.0',
  iosApp: 'Acme/3.2 CFNetwork/1404 Darwin/22.2.0',
  dalvik: 'Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/UQ1A.240205.004)',
};

const NOTHING = 'Other 0.0.0 / Other 0.0.0';

const CASES: [string, string, DeviceMatch][] = [
  // Linux distributions: Auth0 names the distribution, the header (and its parser) says Linux.
  ['Chromium 60.0.3112 / Ubuntu 0.0.0', HEADERS.chromiumUbuntu, 'same'],
  ['Chrome 126.0.0 / Linux 0.0.0', HEADERS.chromeLinux, 'same'],
  ['Chrome 126.0.0 / Ubuntu 0.0.0', HEADERS.chromeLinux, 'same'],
  ['Chromium 126.0.6478 / Ubuntu 0.0.0', HEADERS.chromeLinux, 'same'],
  ['Firefox 128.0.0 / Fedora 0.0.0', HEADERS.firefoxFedora, 'same'],
  ['Firefox 127.0.0 / Ubuntu 0.0.0', HEADERS.firefoxUbuntu, 'same'],
  ['Firefox 115.0.0 / Debian 0.0.0', HEADERS.firefoxLinux, 'same'],
  ['Firefox 128.0.0 / Red Hat 0.0.0', HEADERS.firefoxFedora, 'same'],
  ['Firefox 128.0.0 / Fedora 0.0.0', HEADERS.chromeLinux, 'different'],
  ['Firefox 128.0.0 / Fedora 0.0.0', HEADERS.firefoxMac, 'different'],
  ['Chromium 60.0.3112 / Ubuntu 0.0.0', HEADERS.chromeAndroid, 'different'],
  ['Chrome 126.0.0 / Chrome OS 14541.0.0', HEADERS.chromeOs, 'same'],
  ['Chrome 126.0.0 / Chrome OS 14541.0.0', HEADERS.chromeLinux, 'different'],
  // macOS and its two spellings.
  ['Chrome 126.0.0 / Mac OS X 10.15.7', HEADERS.chromeMac, 'same'],
  ['Firefox 128.0.0 / Mac OS X 10.15.0', HEADERS.firefoxMac, 'same'],
  ['Safari 17.4.1 / Mac OS X 10.15.7', HEADERS.safariMac, 'same'],
  ['Chrome 126.0.0 / Mac OS X 10.15.7', HEADERS.chromeWindows, 'different'],
  // iOS and iPadOS; mobile Safari is Safari.
  ['Mobile Safari 17.5.0 / iOS 17.5.0', HEADERS.safariIphone, 'same'],
  ['Mobile Safari 17.5.0 / iOS 17.5.0', HEADERS.safariIpad, 'same'],
  ['Mobile Safari 17.5.0 / iPadOS 17.5.0', HEADERS.safariIpad, 'same'],
  ['Chrome Mobile iOS 126.0.6478 / iOS 17.5.0', HEADERS.chromeIphone, 'same'],
  ['Firefox iOS 127.0 / iOS 17.5.0', HEADERS.firefoxIphone, 'same'],
  ['Mobile Safari 17.5.0 / iOS 17.5.0', HEADERS.safariMac, 'different'],
  ['Safari 17.4.1 / Mac OS X 10.15.7', HEADERS.safariIphone, 'different'],
  ['Mobile Safari 17.5.0 / iOS 17.5.0', HEADERS.chromeIphone, 'different'],
  // Windows versions; Edge and Opera are their own products, not Chrome.
  ['Edge 131.0.2903 / Windows 10.0.0', HEADERS.edgeWindows, 'same'],
  ['Edge 131.0.2903 / Windows 10', HEADERS.edgeWindows, 'same'],
  ['Chrome 126.0.0 / Windows 10.0.0', HEADERS.chromeWindows, 'same'],
  ['Chrome 109.0.0 / Windows 7', HEADERS.chromeWindows7, 'same'],
  ['Opera 112.0.0 / Windows 10.0.0', HEADERS.operaWindows, 'same'],
  ['Edge 131.0.2903 / Windows 10.0.0', HEADERS.chromeWindows, 'different'],
  ['Chrome 126.0.0 / Windows 10.0.0', HEADERS.edgeWindows, 'different'],
  ['Opera 112.0.0 / Windows 10.0.0', HEADERS.chromeWindows, 'different'],
  ['Edge 131.0.2903 / Windows 10.0.0', HEADERS.chromeMac, 'different'],
  // Android: not Linux, whatever its header says in passing.
  ['Chrome Mobile 126.0.6478 / Android 14.0.0', HEADERS.chromeAndroid, 'same'],
  ['Samsung Internet 25.0 / Android 14.0.0', HEADERS.samsungAndroid, 'same'],
  ['Chrome Mobile WebView 126.0.6478 / Android 14.0.0', HEADERS.webViewAndroid, 'same'],
  ['Chrome Mobile 126.0.6478 / Android 14.0.0', HEADERS.chromeLinux, 'different'],
  ['Chrome Mobile 126.0.6478 / Android 14.0.0', HEADERS.samsungAndroid, 'different'],
  // Scripts and native apps.
  ['curl 8.4.0 / Other 0.0.0', HEADERS.curl, 'same'],
  ['okhttp 4.12.0 / Other 0.0.0', HEADERS.okhttp, 'same'],
  ['Python Requests 2.31.0 / Other 0.0.0', HEADERS.pythonRequests, 'same'],
  ['Acme 3.2.0 / iOS 0.0.0', HEADERS.iosApp, 'same'],
  ['Other 0.0.0 / Android 14.0.0', HEADERS.dalvik, 'same'],
  ['curl 8.4.0 / Other 0.0.0', HEADERS.chromeMac, 'different'],
  ['okhttp 4.12.0 / Other 0.0.0', HEADERS.curl, 'different'],
  ['Chrome 126.0.0 / Mac OS X 10.15.7', HEADERS.curl, 'different'],
  // One side identified: compared on that side alone.
  ['Other 0.0.0 / Mac OS X 10.15.7', HEADERS.chromeMac, 'same'],
  ['Other 0.0.0 / Windows 10.0.0', HEADERS.chromeMac, 'different'],
  ['Chrome 126.0.0 / Other 0.0.0', HEADERS.chromeWindows, 'same'],
  ['Chrome 126.0.0 / Other 0.0.0', HEADERS.firefoxLinux, 'different'],
  // A summary that identified nothing, or no header, says nothing.
  [NOTHING, HEADERS.chromeMac, 'unknown'],
  [NOTHING, HEADERS.chromiumUbuntu, 'unknown'],
  [NOTHING, HEADERS.curl, 'unknown'],
  [NOTHING, HEADERS.iosApp, 'unknown'],
  [NOTHING, '', 'unknown'],
  [NOTHING, 'SomethingNobodyKnows', 'unknown'],
  ['Chrome 126.0.0 / Mac OS X 10.15.7', '', 'unknown'],
  ['', HEADERS.chromeMac, 'unknown'],
];

describe('compareUserAgents: Auth0\'s log summary against the raw header', () => {
  for (const [summary, header, expected] of CASES) {
    it(`${JSON.stringify(summary)} vs ${header === '' ? 'no header' : JSON.stringify(header.slice(0, 60))}: ${expected}`, () => {
      assert.equal(compareUserAgents(summary, header), expected);
    });
  }

  it('is symmetric (a log stream may carry the raw header, and a token the summary)', () => {
    for (const [summary, header, expected] of CASES) {
      assert.equal(compareUserAgents(header, summary), expected, `${summary} | ${header}`);
    }
  });
});
