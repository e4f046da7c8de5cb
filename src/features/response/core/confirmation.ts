// How hard to make a person confirm a destructive action, in proportion to the damage: a modal
// for a few tokens on a test tenant; typing the tenant's name for many tokens, a whole user, or
// any tenant that looks like production (as auth0-cli refuses destructive commands without an
// explicit confirmation). Revoking a refresh token signs a device out; it cannot be undone.

/** The tenant as the extension names it. */
export interface TenantIdentity {
  /** "acme-prod.eu.auth0.com". */
  domain: string;
  /** The name the person gave the tenant in the extension, if any. */
  label?: string;
}

export interface DestructiveImpact {
  /** Refresh tokens revoked, or 'all' when the count is not known in advance (all of a user's). */
  tokens: number | 'all';
  users: number;
  /** Sessions ended or a user blocked too. */
  beyondTokens?: boolean;
}

export type Confirmation =
  | { kind: 'none' }
  | { kind: 'modal' }
  /** The person types `expected` exactly (surrounding spaces ignored). */
  | { kind: 'type-name'; expected: string; reasons: string[] };

/** More tokens than this at once needs the tenant's name typed. */
export const TYPE_NAME_ABOVE_TOKENS = 10;

/** "prod", "production", "acme-prd", "live" as a word: the names teams give production tenants. */
export function looksLikeProduction(tenant: TenantIdentity): boolean {
  const names = [tenant.label ?? '', tenant.domain.split('.')[0] ?? ''];
  return names.some((name) => /prod/i.test(name) || /(^|[^a-z])(prd|live)([^a-z]|$)/i.test(name));
}

/**
 * The confirmation an action needs: 'none' when it does nothing (no tokens, no other step),
 * 'type-name' when it revokes more than 10 tokens, an unknown number of them, or runs on a tenant
 * that looks like production (`looksLikeProduction`), else 'modal'. The name to type is the
 * tenant's label, or its domain when it has none.
 */
export function confirmationFor(tenant: TenantIdentity, impact: DestructiveImpact): Confirmation {
  if (impact.tokens === 0 && !impact.beyondTokens) {
    return { kind: 'none' };
  }
  const name = (tenant.label?.trim() || tenant.domain).trim();
  const reasons: string[] = [];
  if (impact.tokens === 'all') {
    reasons.push('it revokes every refresh token of the user, however many there are');
  } else if (impact.tokens > TYPE_NAME_ABOVE_TOKENS) {
    reasons.push(`it revokes ${impact.tokens} refresh tokens`);
  }
  if (looksLikeProduction(tenant)) {
    reasons.push(`${name} looks like a production tenant`);
  }
  if (reasons.length === 0) {
    return { kind: 'modal' };
  }
  return { kind: 'type-name', expected: name, reasons };
}

/** Whether `typed` satisfies `confirmation` (a modal's button press is the caller's business). */
export function confirmationAccepted(confirmation: Confirmation, typed: string | undefined): boolean {
  return confirmation.kind !== 'type-name' || (typed ?? '').trim() === confirmation.expected;
}
