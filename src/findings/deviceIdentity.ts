// Whether two user agents are the same device, the way Auth0's detections mean it: a different
// product (browser or app), operating system or device type is another device; a new version of
// the same product on the same system is a browser update, the false positive Auth0 names
// (auth0-customer-detections, refresh_token_from_multiple_user_agent).
//
// Two spellings reach this module. Refresh tokens and sessions carry the raw header
// ("Mozilla/5.0 (Macintosh; ...) Chrome/126.0.0.0 ..."), read by describeUserAgent. Tenant logs
// carry Auth0's own parsed form ("Chrome 120.0.0 / Mac OS X 10.15.7"), which a header parser
// misreads, so it is split here.

import type { DeviceType } from '../presentation/userAgent.lazy';
import { describeUserAgent } from '../presentation/userAgentLoader';

export interface DeviceIdentity {
  /** Product without version, lower case: "chrome", "acme"; absent when not recognised. */
  product?: string;
  /** Operating system without version, lower case: "macos", "ios", "windows". */
  os?: string;
  deviceType: DeviceType;
  /** One line for a person: "Chrome 126 on macOS (desktop)", "Chrome 120 on Mac OS X". */
  summary: string;
  /** Set when neither product, system nor type was recognised: the header with its numbers masked. */
  fallback?: string;
}

/** Auth0's log form: "Chrome 120.0.0 / Mac OS X 10.15.7", "Other 0.0.0 / Other 0.0.0". */
const LOG_FORM = /^([^/()]+?)(?: (\d+(?:\.\d+)*))? \/ ([^/()]+?)(?: (\d+(?:\.\d+)*))?$/;

/**
 * Names that differ between the two spellings but mean the same product or system family. Auth0's
 * summary names a Linux distribution ("Ubuntu", "Fedora") where a header parser says Linux, "Mac
 * OS X" for macOS, "Mobile Safari" for Safari on a phone; Chromium and Chrome are one family (the
 * same engine and, for snap and Flatpak builds, the same header), while Edge, Opera and Samsung
 * Internet carry their own token and stay apart. Android is not Linux, nor Chrome OS. A Map, not
 * an object: a product named "constructor" or "__proto__" must find nothing.
 */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['mac os x', 'macos'],
  ['mac os', 'macos'],
  ['os x', 'macos'],
  ['ipados', 'ios'],
  ['iphone os', 'ios'],
  ['windows nt', 'windows'],
  ...['ubuntu', 'kubuntu', 'xubuntu', 'lubuntu', 'debian', 'fedora', 'red hat', 'redhat', 'centos', 'rocky linux', 'alma linux',
    'arch linux', 'gentoo', 'linux mint', 'mint', 'opensuse', 'suse', 'manjaro', 'slackware', 'mandriva', 'elementary os', 'gnu/linux']
    .map((distribution): [string, string] => [distribution, 'linux']),
  ['chromium', 'chrome'],
  ['chrome mobile', 'chrome'],
  ['chrome mobile ios', 'chrome'],
  ['chrome mobile webview', 'android webview'],
  ['mobile safari', 'safari'],
  ['firefox mobile', 'firefox'],
  ['firefox ios', 'firefox'],
  ['edge mobile', 'edge'],
  ['microsoft edge', 'edge'],
]);

/** Trailing version words: "126", "17.5", "10/11", "XP", "Vista", "v2". */
const TRAILING_VERSION = /\s+(?:v?\d[\w./-]*|xp|vista)$/i;

function withoutVersion(name: string | undefined): string | undefined {
  if (!name) {
    return undefined;
  }
  let stripped = name.trim();
  while (TRAILING_VERSION.test(stripped)) {
    stripped = stripped.replace(TRAILING_VERSION, '');
  }
  // "python-requests" (the header) and "Python Requests" (Auth0's summary) are one name.
  const key = stripped.toLowerCase().replace(/[-_\s]+/g, ' ');
  return key === '' || key === 'other' ? undefined : (ALIASES.get(key) ?? key);
}

function shortLogVersion(version: string | undefined): string | undefined {
  if (!version || /^0(?:\.0)*$/.test(version)) {
    return undefined;
  }
  const parts = version.split('.').slice(0, 2);
  while (parts.length > 1 && /^0+$/.test(parts[parts.length - 1])) {
    parts.pop();
  }
  return parts.join('.');
}

/** One side of Auth0's log form, as logged. */
export interface LoggedName {
  /** "Chrome", "Mac OS X", "Python Requests". */
  name: string;
  /** As logged ("126.0.6478"); absent when Auth0 logged none, or 0.0.0. */
  version?: string;
  /** The first two components without trailing zeros ("126", "10.15"); absent with `version`. */
  shortVersion?: string;
}

/** Auth0's log form split: each side absent where Auth0 could not identify it ("Other 0.0.0"). */
export interface LoggedUserAgent {
  browser?: LoggedName;
  os?: LoggedName;
}

function loggedName(name: string, version: string | undefined): LoggedName | undefined {
  const trimmed = name.trim();
  if (withoutVersion(trimmed) === undefined) {
    return undefined;
  }
  const shortVersion = shortLogVersion(version);
  return shortVersion === undefined ? { name: trimmed } : { name: trimmed, version, shortVersion };
}

/**
 * `userAgent` read as Auth0's log form ("Chrome 126.0.0 / Mac OS X 10.15.7", log-events.subset.json
 * `user_agent`), each side left out where Auth0 wrote "Other" for what it did not identify; or
 * `undefined` when `userAgent` is not in that form (a raw User-Agent header, empty, not a string).
 * Never throws.
 */
export function parseLoggedUserAgent(userAgent: string | null | undefined): LoggedUserAgent | undefined {
  const trimmed = typeof userAgent === 'string' ? userAgent.trim() : '';
  const match = trimmed !== '' && trimmed.length <= 200 ? LOG_FORM.exec(trimmed) : null;
  if (!match) {
    return undefined;
  }
  const [, browserName, browserVersion, osName, osVersion] = match;
  const browser = loggedName(browserName, browserVersion);
  const os = loggedName(osName, osVersion);
  return { ...(browser ? { browser } : {}), ...(os ? { os } : {}) };
}

function shortText(part: LoggedName): string {
  return part.shortVersion === undefined ? part.name : `${part.name} ${part.shortVersion}`;
}

function fromLogForm(logged: LoggedUserAgent): DeviceIdentity {
  const { browser, os } = logged;
  const productText = browser ? shortText(browser) : 'unknown browser';
  const summary = !browser && !os ? 'Unrecognised user agent' : os ? `${productText} on ${shortText(os)}` : productText;
  // No masked-text fallback: "Other" is Auth0 saying it identified nothing, and that says nothing.
  return { product: withoutVersion(browser?.name), os: withoutVersion(os?.name), deviceType: 'unknown', summary };
}

/** The header's leading product token ("okhttp/4.12.0" → "okhttp"), for a native app the parser names only by its system. */
function leadingProduct(userAgent: string): string | undefined {
  return withoutVersion(/^([A-Za-z][\w.-]{0,39})\//.exec(userAgent)?.[1]);
}

/**
 * One line for a person from Auth0's log form, saying only what Auth0 identified: "Chrome 126 on
 * Mac OS X 10.15", "Python Requests 2.31", "Mac OS X 10.15"; `undefined` when it identified nothing.
 */
export function loggedSummary(logged: LoggedUserAgent): string | undefined {
  const parts = [logged.browser, logged.os].filter((part): part is LoggedName => part !== undefined).map(shortText);
  return parts.length === 0 ? undefined : parts.join(' on ');
}

function finish(identity: DeviceIdentity, userAgent: string): DeviceIdentity {
  if (!identity.product && !identity.os && identity.deviceType === 'unknown') {
    // Nothing recognised: compare the headers themselves, with their version numbers masked.
    return { ...identity, fallback: userAgent.trim().toLowerCase().replace(/\d+(?:[._]\d+)*/g, '#') };
  }
  return identity;
}

/**
 * The device a user agent names, in either spelling (raw header or Auth0's log form). `undefined`
 * and "" give an identity with no product, no system and no fallback. Never throws.
 */
export function deviceIdentity(userAgent: string | null | undefined): DeviceIdentity {
  const trimmed = typeof userAgent === 'string' ? userAgent.trim() : '';
  if (trimmed === '') {
    return { deviceType: 'unknown', summary: 'No user agent recorded' };
  }
  const logged = parseLoggedUserAgent(trimmed);
  if (logged) {
    return fromLogForm(logged);
  }
  const description = describeUserAgent(trimmed);
  return finish({
    product: withoutVersion(description.browser) ?? (description.deviceType === 'native app' ? leadingProduct(trimmed) : undefined),
    os: withoutVersion(description.os),
    deviceType: description.deviceType,
    summary: description.summary,
  }, trimmed);
}

export type DeviceDifference = 'product' | 'operating system' | 'device type' | 'user agent';

/**
 * What differs between two identities: the product, the system, the device type (only when both
 * are known: Auth0's log form carries none), or, for unrecognised headers, the header itself.
 * Empty when they are the same device, including when only versions changed.
 */
export function deviceDifferences(first: DeviceIdentity, second: DeviceIdentity): DeviceDifference[] {
  if (first.fallback !== undefined || second.fallback !== undefined) {
    return first.fallback === second.fallback ? [] : ['user agent'];
  }
  const differences: DeviceDifference[] = [];
  if (first.product !== second.product) {
    differences.push('product');
  }
  if (first.os !== second.os) {
    differences.push('operating system');
  }
  if (first.deviceType !== 'unknown' && second.deviceType !== 'unknown' && first.deviceType !== second.deviceType) {
    differences.push('device type');
  }
  return differences;
}

/**
 * A key for counting distinct devices: product and system without versions (the device type is
 * left out because Auth0's log form carries none), or the masked header when nothing was recognised.
 */
export function deviceKey(identity: DeviceIdentity): string {
  return identity.fallback !== undefined ? `raw:${identity.fallback}` : `${identity.product ?? ''}|${identity.os ?? ''}`;
}


/** How two user agents compare: one device family, another, or nothing to tell (see compareDevices). */
export type DeviceMatch = 'same' | 'different' | 'unknown';

/**
 * Whether two identities are one device family, compared on what both identified: the product
 * family, the OS family and (when both know it) the device type. 'different' when any of those
 * differs; 'same' when at least one was compared and none differs; 'unknown' when nothing could be
 * compared (Auth0's "Other 0.0.0 / Other 0.0.0", no user agent, a header read on one side only).
 * Two headers that neither side could read compare as their masked text.
 */
export function compareDevices(first: DeviceIdentity, second: DeviceIdentity): DeviceMatch {
  if (first.fallback !== undefined && second.fallback !== undefined) {
    return first.fallback === second.fallback ? 'same' : 'different';
  }
  let compared = false;
  const pairs: [string | undefined, string | undefined][] = [
    [first.product, second.product],
    [first.os, second.os],
    [first.deviceType === 'unknown' ? undefined : first.deviceType, second.deviceType === 'unknown' ? undefined : second.deviceType],
  ];
  for (const [a, b] of pairs) {
    if (a !== undefined && b !== undefined) {
      if (a !== b) {
        return 'different';
      }
      compared = true;
    }
  }
  return compared ? 'same' : 'unknown';
}

/**
 * compareDevices for two user agents in either spelling: Auth0's log summary ("Chromium 60.0.3112
 * / Ubuntu 0.0.0") or a raw User-Agent header (a refresh token's `device.*_user_agent`, some log
 * streams). Never throws.
 */
export function compareUserAgents(first: string | null | undefined, second: string | null | undefined): DeviceMatch {
  return compareDevices(deviceIdentity(first), deviceIdentity(second));
}

/** True when the identity names anything at all: a product, a system, a device type or unread text. */
export function identifiesAnything(identity: DeviceIdentity): boolean {
  return identity.product !== undefined || identity.os !== undefined || identity.deviceType !== 'unknown' || identity.fallback !== undefined;
}
