// The shape of a user agent in words, and how its versions and names are shortened. Shared by
// the rule sets (nativeClients.ts, webViewClients.ts) and the parser that joins them
// (userAgent.ts), so the rule sets never import the parser back.

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

/** Longest app name shown: the name is whatever the app (or an attacker) put in its header. */
export const MAX_APP_NAME_LENGTH = 40;

/**
 * A browser's version, short enough to tell releases apart: "126.0.6478.71" → "126.0",
 * "126.0.0.0" → "126", "17.5" → "17.5", `undefined` or "" → `undefined`.
 */
export function shortVersion(version: string | undefined): string | undefined {
  if (!version) {
    return undefined;
  }
  const parts = version.split(/[._]/).slice(0, 2);
  while (parts.length > 1 && /^0+$/.test(parts[parts.length - 1])) {
    parts.pop();
  }
  return parts.join('.');
}

/**
 * An app's own version as the app numbers it, up to three numeric parts: "470.0.0.48.94" →
 * "470.0.0", "1.92.0-insider" → "1.92.0", "0.0.1" → "0.0.1"; `undefined` when the token does not
 * start with a number ("beta", "default").
 */
export function appVersion(version: string | undefined): string | undefined {
  return version ? /^\d{1,12}(?:\.\d{1,12}){0,2}/.exec(version)?.[0] : undefined;
}

/** "Facebook 470.0.0", or the name alone; the name cut to {@link MAX_APP_NAME_LENGTH}. */
export function appText(name: string, version: string | undefined): string {
  const shown = truncateWithEllipsis(name, MAX_APP_NAME_LENGTH);
  return version ? `${shown} ${version}` : shown;
}
