// The messages between the watch feed's page script (webview/watchFeedScript.ts) and its panel
// (watchFeedPanel.ts), in one module both sides import. What arrives from the page is checked
// field by field before anything acts: a page's messages are untrusted. Alerts travel by their
// index in the feed (a number the panel gave), never by an id from Auth0's logs.

/** Alerts a feed keeps and shows at most; the oldest are dropped first (the export says so). */
export const MAX_FEED_ALERTS = 1000;

/** What the page's buttons post. */
export type WatchFeedRequest =
  /** The token matching the event's session_id and client_id, else the user's tokens or row (see ../alertTokens.ts). */
  | { type: 'open-tokens'; index: number }
  /** The user's row in the Refresh Tokens view. */
  | { type: 'reveal-user'; index: number }
  | { type: 'contain-user'; index: number }
  /** The event's session_id and the refresh tokens bound to it, through the tokens' own confirm-and-revoke flow. */
  | { type: 'revoke-session'; index: number }
  | { type: 'export' }
  | { type: 'stop' };

/** What the panel posts between redraws: the status line, in place. */
export type WatchFeedUpdate = { type: 'status'; text: string; running: boolean } | { type: 'notice'; text: string };

/** The filters the page keeps across redraws (vscode.setState), and the last "Open" it brought into view. */
export interface WatchFeedViewState {
  severity?: string;
  user?: string;
  application?: string;
  /** The data-focus-request of the page last focused: a redraw carrying the same one does not scroll again. */
  focusRequest?: string;
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < MAX_FEED_ALERTS;
}

/** Whether a message from the page is one of its requests, well-formed. */
export function isWatchFeedRequest(message: unknown): message is WatchFeedRequest {
  if (typeof message !== 'object' || message === null) {
    return false;
  }
  const candidate = message as Record<string, unknown>;
  switch (candidate.type) {
    case 'open-tokens':
    case 'reveal-user':
    case 'contain-user':
    case 'revoke-session':
      return isIndex(candidate.index);
    case 'export':
    case 'stop':
      return true;
    default:
      return false;
  }
}

/** Whether a message from the extension is an update the page understands. */
export function isWatchFeedUpdate(message: unknown): message is WatchFeedUpdate {
  const candidate = message as Record<string, unknown> | null;
  if (typeof candidate !== 'object' || candidate === null) {
    return false;
  }
  return (candidate.type === 'status' && typeof candidate.text === 'string' && typeof candidate.running === 'boolean') || (candidate.type === 'notice' && typeof candidate.text === 'string');
}

/** Whether a saved state is one the script wrote. */
export function isWatchFeedViewState(state: unknown): state is WatchFeedViewState {
  const candidate = state as Record<string, unknown> | null | undefined;
  return (
    typeof candidate === 'object' && candidate !== null &&
    ['severity', 'user', 'application', 'focusRequest'].every((key) => candidate[key] === undefined || (typeof candidate[key] === 'string' && (candidate[key] as string).length <= 16))
  );
}
