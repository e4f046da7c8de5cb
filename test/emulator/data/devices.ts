// Where refresh tokens come from: user agents, IP addresses and ASNs that look like a real
// tenant's. IP addresses are taken from the documentation ranges (RFC 5737, RFC 3849) so that
// no real person's address appears in screenshots or logs.
import type { Rng } from '../prng';

export type Platform = 'desktop-browser' | 'mobile-browser' | 'ios-app' | 'android-app' | 'cli';

const DESKTOP_BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
];

const MOBILE_BROWSERS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.165 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.119 Mobile Safari/537.36',
];

const IOS_APPS = [
  'MyApp/3.2 CFNetwork/1404 Darwin/22.2.0',
  'AcmeMobile/3.2.1 CFNetwork/1494.0.7 Darwin/23.4.0',
  'Acme/3.1.0 (com.acme.mobile; build:412; iOS 17.4.1) Alamofire/5.9.1',
];

const ANDROID_APPS = [
  'okhttp/4.12.0',
  'okhttp/4.9.3',
  'Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/UQ1A.240205.004)',
  'Acme/3.2.1 (Android 13; SM-S911B) okhttp/4.12.0',
];

const CLI_AGENTS = ['acme-cli/1.4.0 node/20.11.1 darwin arm64', 'python-requests/2.31.0', 'curl/8.4.0'];

const AGENTS_BY_PLATFORM: Record<Platform, readonly string[]> = {
  'desktop-browser': DESKTOP_BROWSERS,
  'mobile-browser': MOBILE_BROWSERS,
  'ios-app': IOS_APPS,
  'android-app': ANDROID_APPS,
  cli: CLI_AGENTS,
};

/** Autonomous systems of common ISPs and clouds; Auth0 reports the number as a string. */
const ASNS = ['7922', '701', '3320', '2856', '3215', '16509', '15169', '13335', '8075', '20115', '5089', '1136'];

export interface DeviceFacts {
  initial_ip: string;
  initial_asn: string;
  initial_user_agent: string;
  last_ip: string;
  last_asn: string;
  last_user_agent: string;
}

export function userAgentFor(rng: Rng, platform: Platform): string {
  return rng.pick(AGENTS_BY_PLATFORM[platform]);
}

export function ipAddress(rng: Rng): string {
  if (rng.chance(0.25)) {
    const group = () => rng.hex(4).replace(/^0+(?=.)/, '');
    return `2001:db8:${group()}:${group()}::${group()}`;
  }
  const network = rng.pick(['192.0.2', '198.51.100', '203.0.113']);
  return `${network}.${rng.int(1, 254)}`;
}

export function asn(rng: Rng): string {
  return rng.pick(ASNS);
}

/** A device that often stays put, sometimes moves (new network) or upgrades its browser. */
export function deviceFor(rng: Rng, platform: Platform): DeviceFacts {
  const initialUserAgent = userAgentFor(rng, platform);
  const initialIp = ipAddress(rng);
  const initialAsn = asn(rng);
  const moved = rng.chance(0.35);
  const upgraded = rng.chance(0.15);
  return {
    initial_ip: initialIp,
    initial_asn: initialAsn,
    initial_user_agent: initialUserAgent,
    last_ip: moved ? ipAddress(rng) : initialIp,
    last_asn: moved ? asn(rng) : initialAsn,
    last_user_agent: upgraded ? userAgentFor(rng, platform) : initialUserAgent,
  };
}
