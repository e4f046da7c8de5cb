// A user agent header in words: "Chrome 126 on macOS (desktop)", "Acme 3.2 (iOS native app)",
// "Facebook 470.0.0 (iOS 17.5 in-app browser)". Browsers are read by bowser (MIT); apps and
// scripts by nativeClients.ts first, because bowser misreads them; pages inside apps (in-app
// browsers, WebViews, Electron) by webViewClients.ts, which corrects bowser's browser name and
// keeps its operating system and device. Only this module imports bowser.

import Bowser from 'bowser';
import { describeNativeClient, describeUnknownClient } from './nativeClients';
import { truncateWithEllipsis } from './plainText';
import { shortVersion, type DeviceType, type UserAgentDescription } from './userAgentDescription';
import { identifyEmbeddedBrowser } from './webViewClients';

export type { DeviceType, UserAgentDescription } from './userAgentDescription';

/** Real headers are under 512 characters; parsing a longer one only costs time. */
const MAX_PARSED_LENGTH = 1024;
/** Many tokens share a user agent; the bound keeps a tenant of unique (or hostile) ones in check. */
const CACHE_SIZE = 1000;
const cache = new Map<string, UserAgentDescription>();

const NO_USER_AGENT: UserAgentDescription = Object.freeze({ deviceType: 'unknown', summary: 'No user agent recorded' });

const FRIENDLY_BROWSER_NAMES: Record<string, string> = {
  'Microsoft Edge': 'Edge',
  'Samsung Internet for Android': 'Samsung Internet',
};

const DEVICE_TYPES: ReadonlySet<string> = new Set(['desktop', 'mobile', 'tablet', 'tv', 'bot']);

function joinWords(...words: (string | undefined)[]): string | undefined {
  const present = words.filter((word): word is string => Boolean(word));
  return present.length > 0 ? present.join(' ') : undefined;
}

function browserText(browser: Bowser.Parser.BrowserDetails): string | undefined {
  // Bowser's fallback takes the name from the header itself, so it can be anything, of any length.
  const name = browser.name ? truncateWithEllipsis(FRIENDLY_BROWSER_NAMES[browser.name] ?? browser.name, 40) : undefined;
  return name ? joinWords(name, shortVersion(browser.version)) : undefined;
}

function osText(os: Bowser.Parser.OSDetails): string | undefined {
  switch (os.name) {
    case undefined:
    case '':
      return undefined;
    case 'macOS':
      // Browsers freeze the macOS version at 10.15.7, so it says nothing.
      return 'macOS';
    case 'Windows':
      // Windows 11 reports "NT 10.0" too.
      return os.versionName === '10' ? 'Windows 10/11' : joinWords('Windows', os.versionName);
    case 'Linux':
      return 'Linux';
    default:
      return joinWords(os.name, shortVersion(os.version));
  }
}

function describeBrowser(userAgent: string): UserAgentDescription | undefined {
  const parsed = Bowser.parse(userAgent);
  let browser = browserText(parsed.browser);
  let os = osText(parsed.os);
  const platform = parsed.platform.type ?? '';
  let deviceType: DeviceType = DEVICE_TYPES.has(platform) ? (platform as DeviceType) : 'unknown';
  if (deviceType === 'bot') {
    return { browser, os, deviceType, summary: `${browser ?? 'unknown bot'} (bot)` };
  }
  const embedded = identifyEmbeddedBrowser(userAgent, parsed.browser.name);
  if (embedded?.kind) {
    // Like a native app: the app, then where it runs ("Slack 4.38.125 (macOS Electron app)").
    return { browser: embedded.product, os, deviceType, summary: `${embedded.product} (${joinWords(os, embedded.kind)})` };
  }
  if (embedded) {
    browser = embedded.product;
    os = embedded.os ?? os;
    deviceType = embedded.deviceType ?? deviceType;
  }
  if (!os && deviceType === 'unknown') {
    return undefined;
  }
  const where = os ? ` on ${os}` : '';
  const kind = deviceType === 'unknown' ? '' : ` (${deviceType === 'tv' ? 'TV' : deviceType})`;
  return { browser, os, deviceType, summary: `${browser ?? 'unknown browser'}${where}${kind}` };
}

function describeUncached(userAgent: string): UserAgentDescription {
  return (
    describeNativeClient(userAgent) ??
    describeBrowser(userAgent) ??
    describeUnknownClient(userAgent) ?? { deviceType: 'unknown', summary: 'Unrecognised user agent' }
  );
}

/**
 * The user agent header Auth0 recorded on a refresh token or session (`device.initial_user_agent`,
 * `device.last_user_agent`) in words. The summary takes one of three shapes: a browser
 * ("Chrome 126 on macOS (desktop)", "Android WebView 64 on Android 8 (mobile)"), an app holding
 * the page or making the request ("ExampleApp 0.0.1 (iOS 12.4 app WebView)", "Facebook 470.0.0
 * (iOS 17.5 in-app browser)", "Slack 4.38.125 (macOS Electron app)", "Acme 3.2 (iOS native app)"),
 * or a script ("curl 8.4.0 (script or server)"). Only the first 1,024 characters are read.
 * Never throws; results are cached and frozen (share, don't mutate).
 */
export function describeUserAgent(userAgent: string | null | undefined): UserAgentDescription {
  const trimmed = typeof userAgent === 'string' ? userAgent.trim().slice(0, MAX_PARSED_LENGTH) : '';
  if (trimmed === '') {
    return NO_USER_AGENT;
  }
  const cached = cache.get(trimmed);
  if (cached) {
    return cached;
  }
  let description: UserAgentDescription;
  try {
    description = Object.freeze(describeUncached(trimmed));
  } catch {
    description = Object.freeze({ deviceType: 'unknown', summary: 'Unrecognised user agent' });
  }
  if (cache.size >= CACHE_SIZE) {
    // Maps iterate in insertion order: the first key is the oldest entry.
    cache.delete(cache.keys().next().value as string);
  }
  cache.set(trimmed, description);
  return description;
}
