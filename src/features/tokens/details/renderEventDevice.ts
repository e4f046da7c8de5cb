// The Device cell of a log event in the History. Auth0's logs usually carry its own summary of
// the user agent ("Chrome 126.0.0 / Mac OS X 10.15.7", "Other 0.0.0 / Other 0.0.0"), where
// "Other 0.0.0" means Auth0 did not identify that side: it is left unsaid rather than shown. A raw
// User-Agent header (some deliveries of the same field carry one) is described by the header parser.

import { deviceIdentity, loggedSummary, parseLoggedUserAgent, type LoggedName } from '../../../findings/deviceIdentity';
import { html, type SafeHtml } from '../../../presentation/html';
import { valueHtml } from './renderDetailsSections';

/** What the Device cell says: a summary line and, below it, what the summary shortened. */
export interface EventDeviceText {
  /** "Chrome 126 on Mac OS X 10.15"; absent when nothing was identified or recorded. */
  summary?: string;
  /** Full versions ("Chrome 126.0.6478 / Mac OS X 10.15.7") or the raw header; absent when it would say no more than the summary. */
  detail?: string;
}

function fullText(part: LoggedName): string {
  return part.version === undefined ? part.name : `${part.name} ${part.version}`;
}

/**
 * The Device cell's text for an event's `user_agent` (log-events.subset.json: Auth0's summary,
 * or a raw header). `{}` for a missing or blank value and for a summary of "Other" only. Never throws.
 */
export function eventDeviceText(userAgent: string | undefined): EventDeviceText {
  const trimmed = typeof userAgent === 'string' ? userAgent.trim() : '';
  if (trimmed === '') {
    return {};
  }
  const logged = parseLoggedUserAgent(trimmed);
  if (!logged) {
    return { summary: deviceIdentity(trimmed).summary, detail: trimmed };
  }
  const summary = loggedSummary(logged);
  const parts = [logged.browser, logged.os].filter((part): part is LoggedName => part !== undefined);
  // The summary shortens versions ("126.0.6478" to "126"): the detail is only worth a line when it did.
  const shortened = parts.some((part) => part.version !== part.shortVersion);
  return {
    ...(summary !== undefined ? { summary } : {}),
    ...(shortened ? { detail: parts.map(fullText).join(' / ') } : {}),
  };
}

/** The Device cell: the summary, the detail below it in a quieter monospace line. */
export function eventDeviceHtml(userAgent: string | undefined): SafeHtml {
  const recorded = typeof userAgent === 'string' && userAgent.trim() !== '';
  const { summary, detail } = eventDeviceText(userAgent);
  if (summary === undefined) {
    return html`<span class="missing">${recorded ? 'not identified' : 'not recorded'}</span>`;
  }
  return detail === undefined
    ? valueHtml(summary)
    : html`${valueHtml(summary)}<br><span class="value mono secondary-text">${detail}</span>`;
}
