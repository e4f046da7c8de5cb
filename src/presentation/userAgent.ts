// A user agent header in words: "Chrome 126 on macOS (desktop)", "Acme 3.2 (iOS native app)".
// Browsers are read by bowser (MIT); apps and scripts by nativeClients.ts first, because bowser
// misreads them.

import Bowser from 'bowser';
import { describeNativeClient, describeUnknownClient, shortVersion } from './nativeClients';
import { truncateWithEllipsis } from './plainText';

export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'tv' | 'bot' | 'native app' | 'unknown';

export interface UserAgentDescription {
  /** Browser, or app or client, with a short version: "Chrome 126", "Acme 3.2", "curl 8.4". */
  browser?: string;
  /** "macOS", "Windows 10/11", "iOS 17.5", "Android 14". */
  os?: string;
  deviceType: DeviceType;
  /** One line for a person: "Chrome 126 on macOS (desktop)". */
  summary: string;
}

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
  const browser = browserText(parsed.browser);
  const os = osText(parsed.os);
  const platform = parsed.platform.type ?? '';
  const deviceType: DeviceType = DEVICE_TYPES.has(platform) ? (platform as DeviceType) : 'unknown';
  if (deviceType === 'bot') {
    return { browser, os, deviceType, summary: `${browser ?? 'unknown bot'} (bot)` };
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

/** The user agent in words. Never throws; results are cached and frozen (share, don't mutate). */
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
