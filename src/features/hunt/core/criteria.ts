// What a hunt looks for in a refresh token (FACTS.md, "Refresh token object"): its application
// (`client_id`), where its device was (`device.{initial,last}_{ip,asn}`), what the device ran
// (`device.{initial,last}_user_agent`), when it was created and last exchanged, and which
// findings it raised. Criteria are plain JSON (epoch ms, canonical network strings) so a hunt's
// checkpoint can hold them; `compileCriteria` turns them into a matcher once per hunt.
//
// Kinds of criteria combine with AND; the values of one kind with OR ("App A or App B, from
// 203.0.113.0/24 or AS7922").

import type { RefreshToken } from '../../../auth0/types';
import { formatAbsoluteTime, parseAuth0Date } from '../../../presentation/time';
import { describeUserAgent } from '../../../presentation/userAgentLoader';
import {
  formatNetworkMatcher, networkMatcherMatches, parseDeviceNetwork, parseNetworkMatcher, type NetworkMatcher,
  type ParsedDeviceNetwork,
} from './network';

/** Which record of the device the device criteria read. */
export type DeviceSideChoice = 'initial' | 'last' | 'either';

/** Epoch ms; `from` inclusive, `to` exclusive. Either may be absent (open-ended). */
export interface DateRange {
  from?: number;
  to?: number;
}

export interface HuntCriteria {
  /** Client ids; a token matches when it belongs to any of them. */
  applications?: string[];
  /** Canonical entries ("203.0.113.0/24", "2001:db8::7", "AS7922"), as `formatNetworkMatcher` writes them. */
  networks?: string[];
  /** Case-insensitive substring of the raw user agent header. */
  userAgentContains?: string;
  /** Browser or app, as describeUserAgent names it: "Chrome", "Chrome 126", "Acme". Whole words, case-insensitive. */
  product?: string;
  /** Operating system, as describeUserAgent names it: "iOS", "Windows 10/11", "Android 14". Whole words. */
  os?: string;
  /**
   * The side every device criterion reads. With 'either', one side has to satisfy all of them at
   * once: "from 203.0.113.0/24 running curl" means one device record that was both.
   */
  deviceSide: DeviceSideChoice;
  /** `created_at`. */
  created?: DateRange;
  /** `last_exchanged_at`. */
  lastUsed?: DateRange;
  /** Finding kinds (the findings module's names); a token matches when it has any of them. */
  findingKinds?: string[];
}

/** Finding kinds of one token, from the findings module (injected: it is built separately). */
export type FindingKindsOf = (token: RefreshToken) => readonly string[];

export class CriteriaError extends Error {
  override readonly name = 'CriteriaError';
}

/** A matcher built once per hunt. */
export interface CompiledCriteria {
  readonly criteria: HuntCriteria;
  /** True when the token satisfies every criterion; `findings` are the token's finding kinds. */
  matches(token: RefreshToken, findings: readonly string[]): boolean;
  /** Whether the findings are needed at all (so they are not computed for nothing). */
  readonly usesFindings: boolean;
}

/** Distinct device addresses remembered per hunt; a tenant of unique (or hostile) ones stays bounded. */
const PARSED_NETWORK_CACHE = 10_000;

function words(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter((word) => word !== '');
}

/** The typed words are the leading words of `named`: "chrome" fits "Chrome 126", "Chrome 12" does not. */
function leadingWordsMatch(wanted: readonly string[], named: string | undefined): boolean {
  if (named === undefined) {
    return false;
  }
  const have = words(named);
  return wanted.length <= have.length && wanted.every((word, index) => have[index] === word);
}

function inRange(value: unknown, range: DateRange | undefined): boolean {
  if (range === undefined) {
    return true;
  }
  // A token without the date (absent, null, unreadable) cannot be shown to be in the range, so it
  // is not: "last used before X" must not catch tokens whose last exchange was never recorded.
  const date = parseAuth0Date(value);
  if (!date) {
    return false;
  }
  const time = date.getTime();
  return (range.from === undefined || time >= range.from) && (range.to === undefined || time < range.to);
}

function nonEmpty<T>(values: readonly T[] | undefined): values is readonly T[] {
  return values !== undefined && values.length > 0;
}

function checkRange(range: DateRange | undefined, what: string): void {
  if (range === undefined) {
    return;
  }
  for (const bound of [range.from, range.to]) {
    if (bound !== undefined && !Number.isFinite(bound)) {
      throw new CriteriaError(`${what}: the range has a bound that is not a time`);
    }
  }
  if (range.from !== undefined && range.to !== undefined && range.from >= range.to) {
    throw new CriteriaError(`${what}: the range ends before it starts`);
  }
}

/**
 * Builds the matcher for `criteria`. Throws CriteriaError when they cannot be used (a network
 * entry that does not parse, e.g. from a damaged checkpoint; a range that ends before it starts;
 * finding kinds without `findingKindsOf` having been given to the hunt, see `usesFindings`).
 */
export function compileCriteria(criteria: HuntCriteria): CompiledCriteria {
  const networks: NetworkMatcher[] = (criteria.networks ?? []).map((entry) => {
    const parsed = parseNetworkMatcher(entry);
    if (!parsed.ok) {
      throw new CriteriaError(`Network: ${parsed.error}`);
    }
    return parsed.value;
  });
  checkRange(criteria.created, 'Created');
  checkRange(criteria.lastUsed, 'Last used');
  const applications = nonEmpty(criteria.applications) ? new Set(criteria.applications) : undefined;
  const findingKinds = nonEmpty(criteria.findingKinds) ? new Set(criteria.findingKinds) : undefined;
  const agentText = criteria.userAgentContains?.trim() ? criteria.userAgentContains.trim().toLowerCase() : undefined;
  const product = criteria.product?.trim() ? words(criteria.product) : undefined;
  const os = criteria.os?.trim() ? words(criteria.os) : undefined;
  const sides: readonly ('initial' | 'last')[] =
    criteria.deviceSide === 'initial' ? ['initial'] : criteria.deviceSide === 'last' ? ['last'] : ['initial', 'last'];
  const usesDevice = networks.length > 0 || agentText !== undefined || product !== undefined || os !== undefined;

  // A user's tokens share a few addresses: parse each once per hunt (bounded, for hostile data).
  const parsedNetworks = new Map<string, ParsedDeviceNetwork>();
  const deviceNetwork = (ip: unknown, asn: unknown): ParsedDeviceNetwork => {
    // JSON keeps the key unambiguous: a hostile ip holding a space cannot pose as another pair.
    const key = JSON.stringify([typeof ip === 'string' ? ip : null, typeof asn === 'string' || typeof asn === 'number' ? asn : null]);
    let parsed = parsedNetworks.get(key);
    if (!parsed) {
      parsed = parseDeviceNetwork(ip, asn);
      if (parsedNetworks.size >= PARSED_NETWORK_CACHE) {
        parsedNetworks.clear();
      }
      parsedNetworks.set(key, parsed);
    }
    return parsed;
  };

  const sideMatches = (token: RefreshToken, side: 'initial' | 'last'): boolean => {
    const device = token.device && typeof token.device === 'object' ? token.device : {};
    if (networks.length > 0) {
      const parsed = deviceNetwork(device[`${side}_ip`], device[`${side}_asn`]);
      if (!networks.some((matcher) => networkMatcherMatches(matcher, parsed))) {
        return false;
      }
    }
    const userAgent = device[`${side}_user_agent`];
    if (agentText !== undefined && !(typeof userAgent === 'string' && userAgent.toLowerCase().includes(agentText))) {
      return false;
    }
    if (product !== undefined || os !== undefined) {
      const described = describeUserAgent(typeof userAgent === 'string' ? userAgent : undefined);
      if (product !== undefined && !leadingWordsMatch(product, described.browser)) {
        return false;
      }
      if (os !== undefined && !leadingWordsMatch(os, described.os)) {
        return false;
      }
    }
    return true;
  };

  return {
    criteria,
    usesFindings: findingKinds !== undefined,
    matches(token, findings) {
      if (applications && !(typeof token.client_id === 'string' && applications.has(token.client_id))) {
        return false;
      }
      if (!inRange(token.created_at, criteria.created) || !inRange(token.last_exchanged_at, criteria.lastUsed)) {
        return false;
      }
      if (findingKinds && !findings.some((kind) => findingKinds.has(kind))) {
        return false;
      }
      return !usesDevice || sides.some((side) => sideMatches(token, side));
    },
  };
}

/** Whether two criteria look for the same tokens (a checkpoint is resumed only for the same hunt). */
export function sameCriteria(a: HuntCriteria, b: HuntCriteria): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => {
    if (field && typeof field === 'object' && !Array.isArray(field)) {
      return Object.fromEntries(
        Object.entries(field as Record<string, unknown>)
          .filter(([, entry]) => entry !== undefined)
          .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)),
      );
    }
    return field;
  });
}

const DAY_MS = 86_400_000;

function formatBound(time: number): string {
  const date = new Date(time);
  return time % DAY_MS === 0 ? date.toISOString().slice(0, 10) : formatAbsoluteTime(date);
}

/** "2026-05-01 to 2026-05-31" (a day-aligned `to` names the last day it includes), "since ...", "before ...". */
export function describeDateRange(range: DateRange): string {
  const { from, to } = range;
  const lastDay = to !== undefined && to % DAY_MS === 0 ? formatBound(to - DAY_MS) : undefined;
  if (from !== undefined && to !== undefined) {
    if (lastDay !== undefined && from % DAY_MS === 0) {
      return from === to - DAY_MS ? `on ${lastDay}` : `${formatBound(from)} to ${lastDay}`;
    }
    return `between ${formatBound(from)} and ${formatBound(to)}`;
  }
  if (from !== undefined) {
    return `since ${formatBound(from)}`;
  }
  if (to !== undefined) {
    return `before ${formatBound(to)}`;
  }
  return 'at any time';
}

/** "A", "A or B", "A, B or C". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const NETWORK_VERB: Record<DeviceSideChoice, string> = {
  initial: 'issued from',
  last: 'last exchanged from',
  either: 'issued or exchanged from',
};

const SIDE_NOTE: Record<DeviceSideChoice, string> = {
  initial: ' (initial device)',
  last: ' (last device)',
  either: '',
};

/** Application names by client id, to say "Acme Web" rather than an id. */
export type ApplicationNameOf = (clientId: string) => string | undefined;

/**
 * One line for a person: "tokens for Acme Web, last exchanged from 203.0.113.0/24 or AS7922,
 * created 2026-05-01 to 2026-05-31". Plain text that includes what was typed and application
 * names from Auth0: escape it wherever it is rendered as markup.
 */
export function describeCriteria(criteria: HuntCriteria, applicationName: ApplicationNameOf = () => undefined): string {
  const parts: string[] = [];
  let subject = 'tokens';
  if (nonEmpty(criteria.applications)) {
    const names = criteria.applications.map((id) => applicationName(id) ?? id);
    subject += names.length > 3 ? ` for ${names.length} applications` : ` for ${orList(names)}`;
  }
  const side = criteria.deviceSide;
  const device: string[] = [];
  if (nonEmpty(criteria.networks)) {
    const networks = criteria.networks.map((entry) => {
      const parsed = parseNetworkMatcher(entry);
      return parsed.ok ? formatNetworkMatcher(parsed.value) : entry;
    });
    device.push(`${NETWORK_VERB[side]} ${orList(networks)}`);
  }
  const using = [criteria.product?.trim(), criteria.os?.trim() ? `on ${criteria.os.trim()}` : undefined].filter(Boolean);
  if (using.length > 0) {
    device.push(`using ${using.join(' ')}`);
  }
  if (criteria.userAgentContains?.trim()) {
    device.push(`with a user agent containing "${criteria.userAgentContains.trim()}"`);
  }
  if (device.length > 0) {
    parts.push(device.join(' ') + (nonEmpty(criteria.networks) ? '' : SIDE_NOTE[side]));
  }
  if (criteria.created) {
    parts.push(`created ${describeDateRange(criteria.created)}`);
  }
  if (criteria.lastUsed) {
    // Tokens whose last exchange Auth0 did not record never match (unknown is not "long ago"): say so.
    parts.push(`last used ${describeDateRange(criteria.lastUsed)} (where Auth0 recorded it)`);
  }
  if (nonEmpty(criteria.findingKinds)) {
    parts.push(`with the finding ${orList(criteria.findingKinds)}`);
  }
  if (parts.length === 0) {
    return nonEmpty(criteria.applications) ? subject : 'all refresh tokens';
  }
  return `${subject} ${parts.join(', ')}`;
}
