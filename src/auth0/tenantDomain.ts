// Turns what a person typed as "tenant domain" into the URLs this extension talks to.
// The domain decides where the Management API token is sent, so anything that is not a bare
// host name is refused before any request: a path, a user-info part or a scheme could send the
// token somewhere else, and a port on a public host is never an Auth0 tenant. Plain http is
// allowed only on loopback hosts, where the emulator runs (its domain looks like 127.0.0.1:4010).

import { domainToASCII } from 'node:url';

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
  | 'invalid-host';

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

/** Parses a tenant domain ("example.us.auth0.com", "127.0.0.1:4010"); throws InvalidTenantDomainError. */
export function parseTenantDomain(input: string): TenantEndpoint {
  if (typeof input !== 'string' || input.length === 0) {
    throw new InvalidTenantDomainError('empty', `The tenant domain is empty. ${EXAMPLE}`);
  }
  if (/\s/.test(input)) {
    throw new InvalidTenantDomainError('whitespace', `The tenant domain "${input.trim()}" contains spaces. ${EXAMPLE}`);
  }
  // The value is not echoed below where it may hold a password ("user:secret@host").
  if (input.includes('@')) {
    throw new InvalidTenantDomainError('credentials', `The tenant domain must not contain a user name or password ("...@"). ${EXAMPLE}`);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) || input.startsWith('//')) {
    throw new InvalidTenantDomainError('scheme', `The tenant domain "${input}" includes a scheme; https is always used. ${EXAMPLE}`);
  }
  if (/[/\\?#]/.test(input)) {
    throw new InvalidTenantDomainError('path', `The tenant domain "${input}" contains a path or query. ${EXAMPLE}`);
  }

  const { host, port } = splitHostAndPort(input);
  const hostname = normaliseHostName(host, input);
  const isLoopback = isLoopbackHost(hostname);
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

function splitHostAndPort(input: string): { host: string; port?: number } {
  let host = input;
  let portText: string | undefined;
  if (input.startsWith('[')) {
    // Bracketed IPv6: only the loopback address is accepted, with an optional port.
    const close = input.indexOf(']');
    if (close < 0) {
      throw new InvalidTenantDomainError('invalid-host', `The tenant domain "${input}" is not a valid host name. ${EXAMPLE}`);
    }
    host = input.slice(0, close + 1);
    const rest = input.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) {
        throw new InvalidTenantDomainError('invalid-host', `The tenant domain "${input}" is not a valid host name. ${EXAMPLE}`);
      }
      portText = rest.slice(1);
    }
  } else {
    const colon = input.indexOf(':');
    if (colon >= 0) {
      host = input.slice(0, colon);
      portText = input.slice(colon + 1);
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
  // International domain names are sent in their ASCII (punycode) form.
  const ascii = /^[\x21-\x7e]*$/.test(host) ? host.toLowerCase() : domainToASCII(host);
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
  return ascii;
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
