// The token's first and last device compared, as Auth0's detections
// refresh_token_from_multiple_user_agent and refresh_token_from_too_many_locations compare a
// token's initial and last user agent and ASN (Management API refresh token `device` object).

import type { RefreshToken } from '../auth0/types';
import { truncateWithEllipsis } from '../presentation/plainText';
import { deviceDifferences, deviceIdentity } from './deviceIdentity';
import { FINDING_ACTIONS, type Finding } from './finding';

const ISSUED = 'When issued';
const LAST = 'Last exchange';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** "AS64500" from "64500" or "AS64500". */
export function asnLabel(asn: string): string {
  return truncateWithEllipsis(/^as/i.test(asn) ? asn : `AS${asn}`, 40);
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * "device-changed" (medium) when the initial and last user agents name a different product,
 * operating system or device type; nothing when either is missing or only versions differ
 * (a browser or app update, Auth0's named false positive).
 */
export function deviceChangedFinding(token: RefreshToken): Finding | undefined {
  const device = token.device && typeof token.device === 'object' ? token.device : {};
  const initialAgent = text(device.initial_user_agent);
  const lastAgent = text(device.last_user_agent);
  if (initialAgent === undefined || lastAgent === undefined || initialAgent === lastAgent) {
    return undefined;
  }
  const initial = deviceIdentity(initialAgent);
  const last = deviceIdentity(lastAgent);
  const differences = deviceDifferences(initial, last);
  if (differences.length === 0) {
    return undefined;
  }
  return {
    kind: 'device-changed',
    severity: 'medium',
    title: 'Used from another device than it was issued to',
    why: `The last exchange came from a different ${joinWords(differences)} than the token was issued to, which is how a copied refresh token looks when it is replayed elsewhere.`,
    evidence: {
      type: 'comparison',
      firstHeading: ISSUED,
      secondHeading: LAST,
      rows: [
        { label: 'Device', first: initial.summary, second: last.summary },
        { label: 'User agent', first: initialAgent, second: lastAgent },
      ],
    },
    action: FINDING_ACTIONS['revoke-token'],
    falsePositive: 'A browser or app update changes only the version, which this check ignores; a user who really switched devices within one login is rare but possible.',
  };
}

/**
 * "network-changed" (medium) when the initial and last ASN differ; "ip-changed" (info) when the
 * ASN is the same (or not recorded) and only the IP address moved; nothing otherwise.
 */
export function networkChangedFinding(token: RefreshToken): Finding | undefined {
  const device = token.device && typeof token.device === 'object' ? token.device : {};
  const initialAsn = text(device.initial_asn);
  const lastAsn = text(device.last_asn);
  const initialIp = text(device.initial_ip);
  const lastIp = text(device.last_ip);
  const evidence = {
    type: 'comparison' as const,
    firstHeading: ISSUED,
    secondHeading: LAST,
    rows: [
      { label: 'ASN', first: initialAsn, second: lastAsn },
      { label: 'IP address', first: initialIp, second: lastIp },
    ],
  };
  if (initialAsn !== undefined && lastAsn !== undefined && initialAsn !== lastAsn) {
    return {
      kind: 'network-changed',
      severity: 'medium',
      title: 'Used from another network than it was issued on',
      why: 'The token was issued on one autonomous system (ASN) and last exchanged from another, which Auth0\'s detections read as a token used away from its device.',
      evidence,
      action: FINDING_ACTIONS['revoke-token'],
      falsePositive: 'Phones move between Wi-Fi and mobile data, and laptops between home and office, so a different ASN alone is common for mobile apps.',
    };
  }
  if (initialIp !== undefined && lastIp !== undefined && initialIp !== lastIp) {
    const sameAs = initialAsn !== undefined && initialAsn === lastAsn;
    return {
      kind: 'ip-changed',
      severity: 'info',
      title: sameAs ? `IP changed within ${asnLabel(initialAsn)}` : 'IP changed (no ASN recorded to compare)',
      why: sameAs
        ? 'The address changed but the network provider did not, as it does when a device reconnects to its provider.'
        : 'The address changed and Auth0 recorded no ASN for one side, so the provider cannot be compared.',
      evidence,
      action: FINDING_ACTIONS['review-history'],
      falsePositive: 'Mobile devices move between addresses of one provider all the time (Auth0 names this false positive); on its own this is expected.',
    };
  }
  return undefined;
}
