// The messages between the hunt results webview's script and the extension, in one typed module
// both sides import (webview/huntResultsScript.ts and huntResultsPanel.ts). What arrives from the
// page is checked against these shapes before anything acts: a page's messages are untrusted.

/**
 * An id as the page carries it in `data-*-key` attributes: base64url of its UTF-16 code units
 * (two bytes each, so any string, a lone surrogate included, comes back exactly). The escaping
 * that makes markup safe also makes hidden characters visible ("[U+202E]"), which would change an
 * id that holds one; a key is ASCII and decodes to the id itself (decodeKey).
 */
export function encodeKey(id: string): string {
  let binary = '';
  for (let index = 0; index < id.length; index++) {
    const unit = id.charCodeAt(index);
    binary += String.fromCharCode(unit >> 8, unit & 0xff);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The id of a key made by encodeKey; undefined for anything else. */
export function decodeKey(key: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(key)) {
    return undefined;
  }
  let binary: string;
  try {
    const base64 = key.replace(/-/g, '+').replace(/_/g, '/');
    binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  } catch {
    return undefined;
  }
  if (binary.length % 2 !== 0) {
    return undefined;
  }
  let id = '';
  for (let index = 0; index < binary.length; index += 2) {
    id += String.fromCharCode((binary.charCodeAt(index) << 8) | binary.charCodeAt(index + 1));
  }
  return id;
}

/** Ids a message may carry at most (a selection of more is refused, not truncated). */
export const MAX_MESSAGE_IDS = 100_000;

/** What the page's buttons post. Token and user ids are checked again against the hunt's matches. */
export type HuntResultsRequest =
  | { type: 'open-token'; tokenId: string }
  | { type: 'contain-user'; userId: string }
  | { type: 'revoke-selected'; tokenIds: string[] }
  /** `all`: every match (no filter is set, or rows beyond those rendered); else the `tokenIds` shown. */
  | { type: 'export'; format: 'csv' | 'json'; all: boolean; tokenIds: string[] }
  | { type: 'cancel-hunt' };

/** What the extension posts; the script updates the page with textContent and attributes only. */
export type HuntResultsUpdate =
  | { type: 'progress'; text: string; state: 'running' | 'completed' | 'cancelled' | 'stopped' }
  | { type: 'statuses'; statuses: { tokenId: string; state: string; label: string; reason?: string }[] }
  | { type: 'notice'; text: string };

/** What the script keeps with `vscode.setState`: the person's view of the table across redraws. */
export interface HuntResultsViewState {
  huntId: string;
  filter?: string;
  /** The filter had the focus when the page was last redrawn: it gets it back. */
  filterFocused?: boolean;
  sortKey?: string;
  sortDirection?: 'ascending' | 'descending';
  selected?: string[];
  scrollY?: number;
}

/** The columns the page sorts by (each token row carries `data-sort-<key>`). */
export const SORT_KEYS = ['user', 'application', 'device', 'ip', 'created', 'lastUsed', 'findings', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

function isId(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= 2048;
}

function isIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_MESSAGE_IDS && value.every(isId);
}

/** Whether a message from the page is one of its requests, ids and all well-formed. */
export function isHuntResultsRequest(message: unknown): message is HuntResultsRequest {
  if (typeof message !== 'object' || message === null) {
    return false;
  }
  const candidate = message as Record<string, unknown>;
  switch (candidate.type) {
    case 'open-token':
      return isId(candidate.tokenId);
    case 'contain-user':
      return isId(candidate.userId);
    case 'revoke-selected':
      return isIdList(candidate.tokenIds);
    case 'export':
      return (candidate.format === 'csv' || candidate.format === 'json') && typeof candidate.all === 'boolean' && isIdList(candidate.tokenIds);
    case 'cancel-hunt':
      return true;
    default:
      return false;
  }
}

const STATES = ['running', 'completed', 'cancelled', 'stopped'];

/** Whether a message from the extension is an update the page understands (the script checks). */
export function isHuntResultsUpdate(message: unknown): message is HuntResultsUpdate {
  if (typeof message !== 'object' || message === null) {
    return false;
  }
  const candidate = message as Record<string, unknown>;
  switch (candidate.type) {
    case 'progress':
      return typeof candidate.text === 'string' && STATES.includes(candidate.state as string);
    case 'notice':
      return typeof candidate.text === 'string';
    case 'statuses':
      return (
        Array.isArray(candidate.statuses) &&
        candidate.statuses.every((entry: unknown) => {
          const status = entry as Record<string, unknown> | null;
          return (
            typeof status === 'object' && status !== null && isId(status.tokenId) && typeof status.state === 'string' &&
            typeof status.label === 'string' && (status.reason === undefined || typeof status.reason === 'string')
          );
        })
      );
    default:
      return false;
  }
}

/** Whether a saved state (vscode.getState) is one the script wrote. */
export function isHuntResultsViewState(state: unknown): state is HuntResultsViewState {
  const candidate = state as Partial<HuntResultsViewState> | null | undefined;
  return (
    typeof candidate?.huntId === 'string' &&
    (candidate.filter === undefined || typeof candidate.filter === 'string') &&
    (candidate.filterFocused === undefined || typeof candidate.filterFocused === 'boolean') &&
    (candidate.sortKey === undefined || (SORT_KEYS as readonly string[]).includes(candidate.sortKey)) &&
    (candidate.sortDirection === undefined || candidate.sortDirection === 'ascending' || candidate.sortDirection === 'descending') &&
    (candidate.selected === undefined || isIdList(candidate.selected)) &&
    (candidate.scrollY === undefined || typeof candidate.scrollY === 'number')
  );
}
