// IP addresses, CIDR ranges and ASNs as a hunt matches them against a refresh token's device
// (`device.initial_ip`, `last_ip`, `initial_asn`, `last_asn`, see FACTS.md).
//
// Every address is held as one 128-bit number, IPv4 as its IPv4-mapped IPv6 form
// (::ffff:a.b.c.d, RFC 4291 2.5.5.2). So 203.0.113.7 and ::ffff:203.0.113.7 are the same address,
// an IPv4 /24 is the mapped /120, and one containment test serves both families. The parser is
// strict on purpose: a person typing a range during an incident must not get a different range
// than they meant (010.0.0.1 is 8.0.0.1 to some tools), so anything ambiguous is refused with the
// reason.

/** An address: `value` is the 128-bit number; IPv4 (and IPv4-mapped IPv6) has `version` 4. */
export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

/** A CIDR range. `prefixLength` counts in the family it is written in (0..32 for IPv4). */
export interface IpNetwork {
  version: 4 | 6;
  /** The first address, host bits zero. */
  value: bigint;
  prefixLength: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ALL_BITS = (1n << 128n) - 1n;
const MAPPED_PREFIX = 0xffffn << 32n;
/** The IPv4-mapped block ::ffff:0:0/96 starts at bit 96. */
const MAPPED_BITS = 96;
const MAX_ASN = 4_294_967_295;

function fail<T>(error: string): Parsed<T> {
  return { ok: false, error };
}

function quoted(text: string): string {
  return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

function parseIpv4Value(text: string): Parsed<bigint> {
  const parts = text.split('.');
  if (parts.length !== 4) {
    return fail(`${quoted(text)} is not an IPv4 address: it needs four numbers separated by dots, like 203.0.113.7`);
  }
  let value = 0n;
  for (const part of parts) {
    if (part === '') {
      return fail(`${quoted(text)} has an empty number between its dots`);
    }
    if (!/^\d+$/.test(part)) {
      return fail(`${quoted(text)} is not an IPv4 address: ${quoted(part)} is not a decimal number`);
    }
    if (part.length > 1 && part.startsWith('0')) {
      return fail(`${quoted(text)} has a leading zero in ${quoted(part)}: some tools read that as octal, so write ${Number(part)}`);
    }
    const octet = Number(part);
    if (octet > 255) {
      return fail(`${quoted(text)} is not an IPv4 address: ${part} is more than 255`);
    }
    value = (value << 8n) | BigInt(octet);
  }
  return { ok: true, value };
}

function parseIpv6Value(text: string): Parsed<bigint> {
  if (text.startsWith('[') || text.endsWith(']')) {
    return fail(`${quoted(text)}: write the IPv6 address without brackets`);
  }
  if (text.includes(':::')) {
    return fail(`${quoted(text)} has ":::"; an IPv6 address uses "::" at most once`);
  }
  const halves = text.split('::');
  if (halves.length > 2) {
    return fail(`${quoted(text)} uses "::" more than once; it may stand for one run of zero groups only`);
  }
  const compressed = halves.length === 2;
  const groups: bigint[][] = [];
  for (const [index, half] of halves.entries()) {
    const words: bigint[] = [];
    if (half !== '') {
      const parts = half.split(':');
      for (const [position, part] of parts.entries()) {
        const lastOfAddress = position === parts.length - 1 && index === halves.length - 1;
        if (part.includes('.')) {
          if (!lastOfAddress) {
            return fail(`${quoted(text)}: an embedded IPv4 address may only end an IPv6 address`);
          }
          const embedded = parseIpv4Value(part);
          if (!embedded.ok) {
            return embedded;
          }
          words.push(embedded.value >> 16n, embedded.value & 0xffffn);
          continue;
        }
        if (part === '') {
          return fail(`${quoted(text)} has an empty group (a lone ":" at the start, the end or twice in a row)`);
        }
        if (!/^[0-9a-f]+$/i.test(part)) {
          return fail(`${quoted(text)} is not an IPv6 address: ${quoted(part)} is not hexadecimal`);
        }
        if (part.length > 4) {
          return fail(`${quoted(text)} is not an IPv6 address: the group ${quoted(part)} has more than four hex digits`);
        }
        words.push(BigInt(`0x${part}`));
      }
    }
    groups.push(words);
  }
  const written = groups.reduce((count, words) => count + words.length, 0);
  if (compressed ? written > 7 : written !== 8) {
    return fail(
      compressed
        ? `${quoted(text)} has ${written} groups besides "::"; an IPv6 address has eight in all`
        : `${quoted(text)} has ${written} groups; an IPv6 address has eight (or "::" for a run of zeros)`,
    );
  }
  const zeros: bigint[] = compressed ? new Array<bigint>(8 - written).fill(0n) : [];
  const all = [...groups[0], ...zeros, ...(groups[1] ?? [])];
  return { ok: true, value: all.reduce((value, word) => (value << 16n) | word, 0n) };
}

function isMapped(value: bigint): boolean {
  return value >> 32n === 0xffffn;
}

/**
 * Parses one IPv4 or IPv6 address as a person types it or Auth0 records it. IPv4-mapped IPv6
 * (`::ffff:1.2.3.4` or `::ffff:102:304`) comes back as IPv4. Refused, with the reason: leading
 * zeros in IPv4 numbers, zone ids (`fe80::1%eth0`), brackets, more than one `::`, integer forms.
 */
export function parseIpAddress(input: string): Parsed<IpAddress> {
  const text = input.trim();
  if (text === '') {
    return fail('the address is empty');
  }
  if (text.includes('%')) {
    return fail(`${quoted(text)} has a zone id (${text.slice(text.indexOf('%'))}): it names a network interface on one machine, not an address Auth0 records; remove it`);
  }
  if (text.includes(':')) {
    const parsed = parseIpv6Value(text);
    if (!parsed.ok) {
      return parsed;
    }
    return { ok: true, value: { version: isMapped(parsed.value) ? 4 : 6, value: parsed.value } };
  }
  if (/^[\d.]+$/.test(text)) {
    const parsed = parseIpv4Value(text);
    return parsed.ok ? { ok: true, value: { version: 4, value: MAPPED_PREFIX | parsed.value } } : parsed;
  }
  return fail(`${quoted(text)} is not an IP address`);
}

function maskOf(prefix128: number): bigint {
  return prefix128 === 0 ? 0n : ALL_BITS ^ ((1n << BigInt(128 - prefix128)) - 1n);
}

/** The prefix length counted over all 128 bits. */
function prefix128(network: IpNetwork): number {
  return network.version === 4 ? MAPPED_BITS + network.prefixLength : network.prefixLength;
}

/**
 * Parses a CIDR range ("203.0.113.0/24", "2001:db8::/32", "::ffff:203.0.113.0/120", which is
 * the IPv4 /24). Throws nothing; answers the reason it is not one: a prefix out of range (IPv4
 * 0..32, IPv6 0..128), written with a leading zero or a sign, host bits set ("203.0.113.7/24":
 * the answer suggests 203.0.113.0/24), or any reason `parseIpAddress` gives for the address.
 */
export function parseCidr(input: string): Parsed<IpNetwork> {
  const text = input.trim();
  const slash = text.indexOf('/');
  if (slash < 0) {
    return fail(`${quoted(text)} has no "/prefix"`);
  }
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (prefixText.includes('/')) {
    return fail(`${quoted(text)} has more than one "/"`);
  }
  const address = parseIpAddress(addressText);
  if (!address.ok) {
    return address;
  }
  if (prefixText === '') {
    return fail(`${quoted(text)} has no prefix length after "/"`);
  }
  if (!/^\d+$/.test(prefixText)) {
    return fail(`${quoted(text)}: the prefix length ${quoted(prefixText)} is not a whole number`);
  }
  if (prefixText.length > 1 && prefixText.startsWith('0')) {
    return fail(`${quoted(text)}: write the prefix length without a leading zero (/${Number(prefixText)})`);
  }
  const writtenAsIpv4 = !addressText.includes(':');
  const written = Number(prefixText);
  const maximum = writtenAsIpv4 ? 32 : 128;
  if (written > maximum) {
    return fail(`${quoted(text)}: the prefix length ${written} is more than ${maximum}, the most an ${writtenAsIpv4 ? 'IPv4' : 'IPv6'} range allows`);
  }
  const bits = writtenAsIpv4 ? MAPPED_BITS + written : written;
  const mask = maskOf(bits);
  if ((address.value.value & ~mask & ALL_BITS) !== 0n) {
    const network: IpNetwork = toNetwork(address.value.value & mask, bits);
    return fail(`${quoted(text)} has bits set after the first ${written}: did you mean ${formatNetwork(network)}?`);
  }
  return { ok: true, value: toNetwork(address.value.value, bits) };
}

/** An IPv6 range inside ::ffff:0:0/96 is the IPv4 range it covers. */
function toNetwork(value: bigint, bits: number): IpNetwork {
  if (bits >= MAPPED_BITS && isMapped(value)) {
    return { version: 4, value, prefixLength: bits - MAPPED_BITS };
  }
  return { version: 6, value, prefixLength: bits };
}

/** True when `address` lies in `network`. `::/0` holds every address, `0.0.0.0/0` every IPv4 one. */
export function networkContains(network: IpNetwork, address: IpAddress): boolean {
  return (address.value & maskOf(prefix128(network))) === network.value;
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** RFC 5952: lower case, the longest run of two or more zero groups as "::" (the first on a tie). */
function formatIpv6(value: bigint): string {
  const words = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    if (words[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < 8 && words[end] === 0) {
      end++;
    }
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = (slice: number[]) => slice.map((word) => word.toString(16)).join(':');
  if (bestStart < 0) {
    return hex(words);
  }
  return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLength))}`;
}

/** The canonical text: dotted IPv4 (mapped addresses too), RFC 5952 IPv6. */
export function formatIpAddress(address: IpAddress): string {
  return address.version === 4 ? formatIpv4(address.value & 0xffffffffn) : formatIpv6(address.value);
}

/** "203.0.113.0/24", "2001:db8::/32". */
export function formatNetwork(network: IpNetwork): string {
  return `${formatIpAddress({ version: network.version, value: network.value })}/${network.prefixLength}`;
}

/**
 * An autonomous system number from "AS7922", "as 7922", "ASN7922" or "7922" (Auth0 records it
 * as a decimal string such as "7922"). Answers the number, or the reason it is none.
 */
export function parseAsn(input: string | number): Parsed<number> {
  const text = String(input).trim();
  const match = /^(?:asn?\s*)?(\d+)$/i.exec(text);
  if (!match) {
    return fail(`${quoted(text)} is not an ASN: write it as AS7922 or 7922`);
  }
  const digits = match[1];
  if (digits.length > 1 && digits.startsWith('0')) {
    return fail(`${quoted(text)}: write the ASN without a leading zero (AS${Number(digits)})`);
  }
  const asn = Number(digits);
  if (!Number.isSafeInteger(asn) || asn > MAX_ASN) {
    return fail(`${quoted(text)} is not an ASN: AS numbers go up to ${MAX_ASN}`);
  }
  return { ok: true, value: asn };
}

/** What a hunt compares a device side with: one address, a range, or an ASN. */
export type NetworkMatcher =
  | { kind: 'ip'; address: IpAddress }
  | { kind: 'cidr'; network: IpNetwork }
  | { kind: 'asn'; asn: number };

/**
 * One entry a person typed: "AS7922" or a bare number is an ASN (IPs in integer form are not
 * accepted), anything with "/" a CIDR range, the rest an address.
 */
export function parseNetworkMatcher(input: string): Parsed<NetworkMatcher> {
  const text = input.trim();
  if (text === '') {
    return fail('the entry is empty');
  }
  if (/^(?:asn?\s*)?\d+$/i.test(text)) {
    const asn = parseAsn(text);
    return asn.ok ? { ok: true, value: { kind: 'asn', asn: asn.value } } : asn;
  }
  if (text.includes('/')) {
    const network = parseCidr(text);
    return network.ok ? { ok: true, value: { kind: 'cidr', network: network.value } } : network;
  }
  if (!text.includes(':') && !text.includes('%') && !/^[\d.]+$/.test(text)) {
    return fail(`${quoted(text)} is not an IP address, a CIDR range (203.0.113.0/24) or an ASN (AS7922)`);
  }
  const address = parseIpAddress(text);
  return address.ok ? { ok: true, value: { kind: 'ip', address: address.value } } : address;
}

/** The canonical text of a matcher: "203.0.113.7", "2001:db8::/32", "AS7922". Parses back to itself. */
export function formatNetworkMatcher(matcher: NetworkMatcher): string {
  switch (matcher.kind) {
    case 'ip':
      return formatIpAddress(matcher.address);
    case 'cidr':
      return formatNetwork(matcher.network);
    case 'asn':
      return `AS${matcher.asn}`;
  }
}

/** What one device side recorded, parsed once: undefined where it is absent or does not parse. */
export interface ParsedDeviceNetwork {
  address?: IpAddress;
  asn?: number;
}

/** Parses a device side's `ip` and `asn` as Auth0 sent them (any type, possibly hostile); never throws. */
export function parseDeviceNetwork(ip: unknown, asn: unknown): ParsedDeviceNetwork {
  const parsed: ParsedDeviceNetwork = {};
  if (typeof ip === 'string') {
    const address = parseIpAddress(ip);
    if (address.ok) {
      parsed.address = address.value;
    }
  }
  if (typeof asn === 'string' || typeof asn === 'number') {
    const number = parseAsn(asn);
    if (number.ok) {
      parsed.asn = number.value;
    }
  }
  return parsed;
}

/** True when a parsed device side satisfies `matcher`. */
export function networkMatcherMatches(matcher: NetworkMatcher, device: ParsedDeviceNetwork): boolean {
  switch (matcher.kind) {
    case 'asn':
      return device.asn === matcher.asn;
    case 'ip':
      return device.address !== undefined && device.address.value === matcher.address.value;
    case 'cidr':
      return device.address !== undefined && networkContains(matcher.network, device.address);
  }
}

/**
 * True when a device side's recorded `ip` / `asn` (as Auth0 sent them: any type, possibly
 * absent or hostile) satisfies `matcher`. A value that does not parse never matches.
 */
export function deviceNetworkMatches(matcher: NetworkMatcher, ip: unknown, asn: unknown): boolean {
  return networkMatcherMatches(matcher, parseDeviceNetwork(ip, asn));
}
