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
 * Names that differ between the two spellings but mean the same product or system. A Map, not an
 * object: a product named "constructor" or "__proto__" must find nothing.
 */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['mac os x', 'macos'],
  ['os x', 'macos'],
  ['chrome mobile', 'chrome'],
  ['chrome mobile ios', 'chrome'],
  ['chrome mobile webview', 'chrome'],
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
  const key = stripped.toLowerCase();
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

function fromLogForm(logged: LoggedUserAgent, userAgent: string): DeviceIdentity {
  const { browser, os } = logged;
  const productText = browser ? shortText(browser) : 'unknown browser';
  const summary = !browser && !os ? 'Unrecognised user agent' : os ? `${productText} on ${shortText(os)}` : productText;
  return finish({ product: withoutVersion(browser?.name), os: withoutVersion(os?.name), deviceType: 'unknown', summary }, userAgent);
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
    return fromLogForm(logged, trimmed);
  }
  const description = describeUserAgent(trimmed);
  return finish({
    product: withoutVersion(description.browser),
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
