// The messages between the details webview's script and the extension, in one typed module
// both sides import (webview/detailsScript.ts and detailsPanels.ts). Anything that
// arrives is checked against these shapes before it acts: a page's messages are untrusted input.

/**
 * What the webview's buttons post to the extension: a button's `data-action` is the request's
 * type. 'revoke-token', 'revoke-session' and 'contain-user' are also the findings' suggested
 * actions (FindingActionId). Every message type, both ways, is kebab-case, as in the other pages.
 */
export type DetailsViewRequest = { type: DetailsRequestType };

export type DetailsRequestType =
  | 'copy-json'
  | 'copy-id'
  | 'revoke-token'
  | 'revoke-session'
  | 'contain-user'
  | 'load-more-history'
  | 'edit-metadata'
  | 'set-token'
  | 'check-setup'
  | 'refresh';

/** What the extension posts to the webview; the script updates the page with textContent only. */
export type DetailsViewUpdate =
  | { type: 'revoked' }
  | { type: 'revoke-failed'; message: string }
  | { type: 'copied'; what: 'json' | 'id' }
  | { type: 'error'; message: string };

/** What the script keeps with `vscode.setState`, to restore the panel after a reload. */
export interface DetailsViewState {
  tokenId: string;
  tenantId?: string;
  /** Where the page was scrolled to: kept when the extension redraws it (a session or history arrived). */
  scrollY?: number;
}

/** Every request type, the `data-action` values of the page's buttons. */
export const DETAILS_REQUEST_TYPES: readonly DetailsRequestType[] = [
  'copy-json', 'copy-id', 'revoke-token', 'revoke-session', 'contain-user', 'load-more-history', 'edit-metadata', 'set-token', 'check-setup', 'refresh',
];

/** Buttons the page handles itself, without asking the extension (a finding's "Review History"). */
export const DETAILS_LOCAL_ACTIONS = { 'review-history': 'section-history' } as const;

export function isDetailsViewRequest(message: unknown): message is DetailsViewRequest {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof message === 'object' && message !== null && DETAILS_REQUEST_TYPES.some((known) => known === type);
}

export function isDetailsViewUpdate(message: unknown): message is DetailsViewUpdate {
  if (typeof message !== 'object' || message === null) {
    return false;
  }
  const candidate = message as Record<string, unknown>;
  switch (candidate.type) {
    case 'revoked':
      return true;
    case 'revoke-failed':
    case 'error':
      return typeof candidate.message === 'string';
    case 'copied':
      return candidate.what === 'json' || candidate.what === 'id';
    default:
      return false;
  }
}

export function isDetailsViewState(state: unknown): state is DetailsViewState {
  const candidate = state as Partial<DetailsViewState> | null | undefined;
  return (
    typeof candidate?.tokenId === 'string' &&
    (candidate.tenantId === undefined || typeof candidate.tenantId === 'string') &&
    (candidate.scrollY === undefined || typeof candidate.scrollY === 'number')
  );
}
