// Custom domains (login.acme.com) serve logins, not the Management API: Auth0 issues Management
// API tokens and answers /api/v2 only on the tenant's canonical domain (acme.eu.auth0.com).
// Through a custom domain, client credentials answer 403 "Service not enabled within domain".
// What reveals the canonical domain: a pasted Management API token's audience
// (https://acme.eu.auth0.com/api/v2/). Nothing here guesses it from a custom domain's name.

import { ManagementApiError } from './errors';

/**
 * Refused because the tenant was addressed through a domain that does not serve the Management
 * API (kind 'forbidden'). `canonicalDomain` is set only when an answer or a claim named it.
 */
export class CustomDomainError extends ManagementApiError {
  static override readonly brand: string = 'CustomDomainError';
  override readonly name = 'CustomDomainError';

  constructor(
    /** The domain that was used ("login.acme.com"). */
    readonly domain: string,
    /** The tenant's canonical domain ("acme.eu.auth0.com"), when something revealed it. */
    readonly canonicalDomain: string | undefined,
    serverMessage: string | undefined,
    details: { status?: number; errorCode?: string; method?: string; path?: string } = {},
  ) {
    super('forbidden', customDomainMessage(domain, canonicalDomain, serverMessage), { ...details, serverMessage });
  }
}

/** The sentence for a Management API refused on `domain` because it is (likely) a custom domain. */
export function customDomainMessage(domain: string, canonicalDomain: string | undefined, serverMessage?: string): string {
  const said = serverMessage ? ` (${serverMessage})` : '';
  return `${domain} serves no Management API${said}: it lives on the tenant's canonical domain. Use ${canonicalDomain ?? 'it (like acme.eu.auth0.com)'}.`;
}

/** True for Auth0's "Service not enabled within domain: https://login.acme.com/api/v2/". */
export function isServiceNotEnabledMessage(message: string | undefined): boolean {
  return message !== undefined && /service not enabled within domain/i.test(message);
}

/**
 * The domain of the Management API a token's `aud` names ("https://acme.eu.auth0.com/api/v2/" →
 * "acme.eu.auth0.com", lower case), or undefined when no audience is a Management API's.
 */
export function managementApiDomainOf(audiences: readonly string[] | undefined): string | undefined {
  for (const audience of audiences ?? []) {
    const match = /^https:\/\/([^/\s]+)\/api\/v2\/?$/i.exec(audience);
    if (match) {
      return match[1].toLowerCase();
    }
  }
  return undefined;
}

/**
 * True when `domain` is neither an Auth0 canonical domain (*.auth0.com, *.auth0app.com for
 * private cloud) nor this machine (an emulator): most likely a custom domain.
 */
export function looksLikeCustomDomain(domain: string): boolean {
  const host = domain.trim().toLowerCase().replace(/:\d+$/, '');
  if (host === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[')) {
    return false;
  }
  return !/\.(auth0|auth0app)\.com$/.test(host);
}

/**
 * The Management API domain a token's `aud` names when it is not `domain` (compared without case),
 * else undefined: the domain to offer ("Use acme.eu.auth0.com").
 */
export function otherManagementApiDomain(domain: string, audiences: readonly string[] | undefined): string | undefined {
  const issuedFor = managementApiDomainOf(audiences);
  return issuedFor !== undefined && issuedFor !== domain.trim().toLowerCase() ? issuedFor : undefined;
}

/**
 * Why a token issued for `issuedFor` does not serve `domain`, and the fix, as one plain sentence
 * pair. A custom domain has no Management API, so no token "of" it exists: the only fix is the
 * canonical domain. Between two canonical domains the token is another tenant's: either side may
 * be the one meant.
 */
export function tokenDomainMismatch(domain: string, issuedFor: string): string {
  return looksLikeCustomDomain(domain)
    ? `${domain} looks like a custom domain, which serves no Management API. Use ${issuedFor} as this tenant's domain.`
    : `Auth0 refuses a token of another tenant. Use a token of ${domain}, or ${issuedFor} as this tenant's domain.`;
}

/** A warning for a domain typed in the connect prompt that looks like a custom domain; undefined otherwise. */
export function customDomainWarning(domain: string): string | undefined {
  return looksLikeCustomDomain(domain)
    ? `${domain} looks like a custom domain, which serves no Management API: use the tenant's canonical domain (the Domain in an application's Settings, like acme.eu.auth0.com).`
    : undefined;
}
