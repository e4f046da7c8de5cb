// The messages between the setup report's webview script (webview/setupReportScript.ts) and the
// extension (setupPanel.ts). Anything that arrives is checked against these shapes
// before it acts: a page's messages are untrusted input.

/** What the report's buttons post: a button's `data-action` is the request's type. */
export type SetupReportRequest = { type: SetupReportRequestType };

export type SetupReportRequestType = 'copy-markdown' | 'run-again';

/** Every request type, the `data-action` values of the page's buttons. */
export const SETUP_REPORT_REQUEST_TYPES: readonly SetupReportRequestType[] = ['copy-markdown', 'run-again'];

/** What the extension posts back; the script shows it with textContent only. */
export type SetupReportUpdate = { type: 'copied' } | { type: 'error'; message: string };

export function isSetupReportRequest(message: unknown): message is SetupReportRequest {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof message === 'object' && message !== null && SETUP_REPORT_REQUEST_TYPES.some((known) => known === type);
}

export function isSetupReportUpdate(message: unknown): message is SetupReportUpdate {
  if (typeof message !== 'object' || message === null) {
    return false;
  }
  const candidate = message as Record<string, unknown>;
  return candidate.type === 'copied' || (candidate.type === 'error' && typeof candidate.message === 'string');
}
