// Turns what a person typed as "tenant domain" into the URLs this extension talks to.
// The domain decides where the Management API token is sent, so anything that is not a bare
// host name is refused before any request: a path, a user-info part or a scheme could send the
// token somewhere else, and a port on a public host is never an Auth0 tenant. Plain http is
// allowed only on loopback hosts, where the emulator runs (its domain looks like 127.0.0.1:4010).
//
// Three pasted forms name the host and nothing else, so they are reduced to it (issue #10): the
// Dashboard's https URL ("https://acme.eu.auth0.com/"), the Management API's identifier
// ("https://acme.eu.auth0.com/api/v2/") and a fully qualified name ("acme.eu.auth0.com.").

import { domainToASCII, domainToUnicode } from 'node:url';

export interface TenantEndpoint {
  /** Normalised host, with the port for loopback hosts: "example.eu.auth0.com", "127.0.0.1:4010". */
  readonly domain: string;
  /** "https:", or "http:" for loopback hosts only. */
  readonly protocol: 'https:' | 'http:';
  readonly isLoopback: boolean;
  /** "https://example.eu.auth0.com" */
  readonly origin: string;
  /** "https://example.eu.auth0.com/api/v2", without a trailing slash. */
  readonly apiBaseUrl: string;
  /** The Management API audience: "https://example.eu.auth0.com/api/v2/" (with the slash). */
  readonly audience: string;
  /** The Authentication API token endpoint: "https://example.eu.auth0.com/oauth/token". */
  readonly tokenUrl: string;
}

export type InvalidTenantDomainReason =
  | 'empty'
  | 'whitespace'
  | 'scheme'
  | 'credentials'
  | 'path'
  | 'port-on-public-host'
  | 'invalid-port'
  | 'invalid-host'
  | 'hidden-character'
  | 'confusable-host';

export class InvalidTenantDomainError extends Error {
  override readonly name = 'InvalidTenantDomainError';

  constructor(
    readonly reason: InvalidTenantDomainReason,
    message: string,
  ) {
    super(message);
  }
}

const EXAMPLE = 'Enter only the host name, for example "example.us.auth0.com".';
const MAX_HOST_LENGTH = 253;
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const PORT = /^\d{1,5}$/;

/**
 * Parses a tenant domain ("example.us.auth0.com", "127.0.0.1:4010") into the endpoints the
 * Management API client and the client-credentials exchange use. Also takes the pasted forms
 * "https://host", "https://host/", "https://host/api/v2/" (the Management API audience) and
 * "host." (trailing dot), each reduced to the host; host names are lower-cased and sent in
 * ASCII (punycode). Throws InvalidTenantDomainError, whose `reason` says what was refused and
 * whose message never repeats a password, query or fragment from the input.
 */
export function parseTenantDomain(input: string): TenantEndpoint {
  if (typeof input !== 'string' || input.length === 0) {
    throw new InvalidTenantDomainError('empty', `The tenant domain is empty. ${EXAMPLE}`);
  }
  if (/\s/.test(input)) {
    throw new InvalidTenantDomainError('whitespace', `The tenant domain "${input.trim()}" contains spaces. ${EXAMPLE}`);
  }
  // The host-name mapping drops these silently, so the host sent would not be the text shown.
  if (INVISIBLE.test(input)) {
    throw new InvalidTenantDomainError('hidden-character', `The tenant domain contains an invisible character (${invisibleCharacterNames(input)}). ${EXAMPLE}`);
  }
  // The value is not echoed below where it may hold a password ("user:secret@host").
  if (input.includes('@')) {
    throw new InvalidTenantDomainError('credentials', `The tenant domain must not contain a user name or password ("...@"). ${EXAMPLE}`);
  }
  let authority = input;
  const pastedUrl = /^https:\/\//i.test(input);
  if (pastedUrl) {
    authority = input.slice('https://'.length).replace(/[/\\?#].*$/s, '');
    // Only the paths that name the tenant itself: none, "/" and the Management API's "/api/v2/".
    if (!['', '/', '/api/v2/'].includes(input.slice('https://'.length + authority.length))) {
      throw pathError(input);
    }
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) || input.startsWith('//')) {
    throw new InvalidTenantDomainError('scheme', `The tenant domain "${input}" includes a scheme; https is always used. ${EXAMPLE}`);
  }
  if (/[/\\?#]/.test(authority)) {
    throw pathError(input);
  }

  const { host, port } = splitHostAndPort(authority, input);
  const hostname = normaliseHostName(host, input);
  const isLoopback = isLoopbackHost(hostname);
  if (pastedUrl && isLoopback) {
    // Loopback hosts are reached over plain http: an https URL for one would be quietly downgraded.
    throw new InvalidTenantDomainError(
      'scheme',
      `The tenant domain "${input}" includes a scheme; loopback hosts are reached over plain http, so enter only the host and port. ${EXAMPLE}`,
    );
  }
  if (port !== undefined && !isLoopback) {
    throw new InvalidTenantDomainError(
      'port-on-public-host',
      `The tenant domain "${input}" has a port; Auth0 tenants are reached on the standard https port. ${EXAMPLE}`,
    );
  }

  const domain = port === undefined ? hostname : `${hostname}:${port}`;
  const protocol = isLoopback ? 'http:' : 'https:';
  const origin = `${protocol}//${domain}`;
  return {
    domain,
    protocol,
    isLoopback,
    origin,
    apiBaseUrl: `${origin}/api/v2`,
    audience: `${origin}/api/v2/`,
    tokenUrl: `${origin}/oauth/token`,
  };
}

function splitHostAndPort(authority: string, input: string): { host: string; port?: number } {
  let host = authority;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    // Bracketed IPv6: only the loopback address is accepted, with an optional port.
    const close = authority.indexOf(']');
    if (close < 0) {
      throw new InvalidTenantDomainError('invalid-host', `The tenant domain "${input}" is not a valid host name. ${EXAMPLE}`);
    }
    host = authority.slice(0, close + 1);
    const rest = authority.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) {
        throw new InvalidTenantDomainError('invalid-host', `The tenant domain "${input}" is not a valid host name. ${EXAMPLE}`);
      }
      portText = rest.slice(1);
    }
  } else {
    const colon = authority.indexOf(':');
    if (colon >= 0) {
      host = authority.slice(0, colon);
      portText = authority.slice(colon + 1);
    }
  }
  if (portText === undefined) {
    return { host };
  }
  const port = Number(portText);
  if (!PORT.test(portText) || port < 1 || port > 65535) {
    throw new InvalidTenantDomainError('invalid-port', `The tenant domain "${input}" has an invalid port. ${EXAMPLE}`);
  }
  return { host, port };
}

function normaliseHostName(host: string, input: string): string {
  const invalid = () => new InvalidTenantDomainError('invalid-host', `The tenant domain "${input}" is not a valid host name. ${EXAMPLE}`);
  if (host.startsWith('[')) {
    if (host.toLowerCase() !== '[::1]') {
      throw invalid();
    }
    return '[::1]';
  }
  // A fully qualified name ("acme.eu.auth0.com.") names the same host; one dot, not two.
  const unrooted = host.endsWith('.') && !host.endsWith('..') ? host.slice(0, -1) : host;
  // International domain names are sent in their ASCII (punycode) form.
  const ascii = /^[\x21-\x7e]*$/.test(unrooted) ? unrooted.toLowerCase() : domainToASCII(unrooted);
  if (ascii === '' || ascii.length > MAX_HOST_LENGTH) {
    throw invalid();
  }
  const labels = ascii.split('.');
  if (!labels.every((label) => HOST_LABEL.test(label))) {
    throw invalid();
  }
  const ipv4 = IPV4.exec(ascii);
  if (ipv4 && ipv4.slice(1).some((octet) => Number(octet) > 255)) {
    throw invalid();
  }
  const confusable = confusableLabel(ascii);
  if (confusable !== undefined) {
    throw new InvalidTenantDomainError(
      'confusable-host',
      `The tenant domain "${input}" is the host ${ascii}, whose name ${confusable}: it can pass for a different host. ${EXAMPLE}`,
    );
  }
  return ascii;
}

/**
 * Characters the host-name mapping (UTS #46) removes or that reorder text: zero-width spaces and
 * joiners, soft hyphens, variation selectors, word joiners, bidi controls, tag characters.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/u;

function invisibleCharacterNames(input: string): string {
  const found = [...input].filter((character) => INVISIBLE.test(character));
  return [...new Set(found)].map((character) => `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
}

/** Scripts whose letters pass for each other (a Cyrillic "а" for a Latin "a"). */
const LOOKALIKE_SCRIPTS: readonly [name: string, letters: RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
];

/**
 * Why a host's Unicode form could pass for another host, or undefined. Checked on the Unicode
 * form of the ASCII host, so a label pasted already in punycode ("xn--cme-5cd") is judged too.
 * Browsers show such names in punycode for the same reasons (Chromium's IDN spoof checks).
 */
function confusableLabel(ascii: string): string | undefined {
  const unicode = domainToUnicode(ascii);
  if (/^[\x20-\x7e]*$/.test(unicode)) {
    return undefined;
  }
  // Auth0 tenant names are ASCII letters, digits and hyphens; IDN is only for custom domains.
  if (/(^|\.)auth0\.com$/.test(ascii)) {
    return 'is not ASCII but ends in auth0.com, where tenant names are ASCII';
  }
  for (const label of unicode.split('.')) {
    // Letters, digits, marks and the ASCII hyphen only: "⁄", "∕", "·" and "‐" look like "/", "." and "-".
    const symbol = [...label].find((character) => !/[\p{L}\p{M}\p{Nd}-]/u.test(character));
    if (symbol !== undefined) {
      return `contains "${symbol}" (U+${(symbol.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}), which looks like punctuation`;
    }
    const scripts = LOOKALIKE_SCRIPTS.filter(([, letters]) => letters.test(label)).map(([name]) => name);
    if (scripts.length > 1) {
      return `mixes ${scripts.join(' and ')} letters`;
    }
    // Combining marks left over after normalisation on these scripts draw strokes over letters ("̸").
    if (scripts.length === 1 && /\p{M}/u.test(label)) {
      return `puts a combining mark on ${scripts[0]} letters`;
    }
  }
  return undefined;
}

function pathError(input: string): InvalidTenantDomainError {
  // A pasted URL's query or fragment may carry a token: it is not repeated.
  const shown = input.replace(/[?#].*$/s, '');
  return new InvalidTenantDomainError(
    'path',
    `The tenant domain "${shown}" contains a path or query; only "https://host/" or "https://host/api/v2/" may be pasted. ${EXAMPLE}`,
  );
}

/** 127.0.0.0/8, localhost and [::1]: the only hosts reached over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const lower = hostname.toLowerCase();
  if (lower === 'localhost' || lower === '[::1]') {
    return true;
  }
  const ipv4 = IPV4.exec(lower);
  return ipv4 !== null && ipv4[1] === '127' && ipv4.slice(1).every((octet) => Number(octet) <= 255);
}
