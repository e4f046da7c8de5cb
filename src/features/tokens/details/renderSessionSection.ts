// The Session section of the details view: the login session the token is bound to
// (`GET /api/v2/sessions/{id}`), or why it cannot be shown: ended (404), no session linked
// (`session_id` null) or not recorded (absent), missing scope, loading, failed. Revoking the session (`POST
// /sessions/{id}/revoke`) ends it AND revokes its refresh tokens; the button says so.

import type { Session } from '../../../auth0/types';
import { html, type HtmlValue, type SafeHtml } from '../../../presentation/html';
import { NO_EXPIRY_RECORDED } from '../../../presentation/refreshTokenFacts';
import { formatAbsoluteTime, formatRelativeTime, parseAuth0Date } from '../../../presentation/time';
import { describeUserAgent } from '../../../presentation/userAgentLoader';
import { fieldRow, sectionHtml, valueHtml } from './renderDetailsSections';

/** Application names by client id, as far as resolved. */
export type ApplicationNames = ReadonlyMap<string, string>;

/** Scopes the management token visibly lacks for revoking the session (empty or absent: none known missing). */
interface RevokeScopes {
  revokeNeeds?: readonly string[];
}

export type SessionSectionInput =
  | ({ state: 'loaded'; session: Session; now: Date; appNames?: ApplicationNames } & RevokeScopes)
  /** Auth0 answered 404: the session ended (logout, expiry, or revoked). */
  | { state: 'gone'; sessionId: string; /** The token was revoked with it (or after): nothing of it lives on. */ tokenRevoked?: boolean }
  /**
   * The token's `session_id` is null: no session is linked (issued before late 2023, or by a grant
   * without a login session). `notRecorded`: Auth0 sent no `session_id` at all.
   */
  | { state: 'no-session'; notRecorded?: boolean }
  /** The management token lacks the scope that reads sessions. */
  | ({ state: 'missing-scope'; scope: string } & RevokeScopes)
  | { state: 'loading' }
  | ({ state: 'error'; message: string } & RevokeScopes);

const REVOKE_SESSION_LABEL = 'Revoke Session and Its Tokens…';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function dateHtml(value: unknown, now: Date, whenMissing: string): SafeHtml {
  const date = parseAuth0Date(value);
  if (date) {
    return html`<span class="value">${formatAbsoluteTime(date)}</span> <span class="relative">${formatRelativeTime(date, now)}</span>`;
  }
  if (value === undefined || value === null || value === '') {
    return html`<span class="missing">${whenMissing}</span>`;
  }
  return html`<span class="missing">unreadable date:</span> ${valueHtml(typeof value === 'string' ? value : JSON.stringify(value), { mono: true })}`;
}

function deviceHtml(device: Record<string, unknown>, side: 'initial' | 'last', title: string): SafeHtml {
  const userAgent = text(device[`${side}_user_agent`]);
  return html`<article class="device" data-field="${`session-device-${side}`}"><h3>${title}</h3><dl>${[
    html`<dt>Device</dt><dd data-field="${`session_${side}_device`}">${valueHtml(userAgent !== undefined ? describeUserAgent(userAgent).summary : undefined)}</dd>`,
    html`<dt>IP address</dt><dd data-field="${`session_${side}_ip`}">${valueHtml(text(device[`${side}_ip`]), { mono: true })}</dd>`,
    html`<dt>ASN</dt><dd data-field="${`session_${side}_asn`}">${valueHtml(text(device[`${side}_asn`]), { mono: true })}</dd>`,
    html`<dt>User agent</dt><dd data-field="${`session_${side}_user_agent`}">${valueHtml(userAgent, { mono: true })}</dd>`,
  ]}</dl></article>`;
}

function applicationsHtml(session: Session, appNames: ApplicationNames | undefined): SafeHtml {
  const clients = Array.isArray(session.clients) ? session.clients : [];
  const items = clients.map((client) => {
    const clientId = text(record(client).client_id);
    const name = clientId !== undefined ? appNames?.get(clientId) : undefined;
    return name
      ? html`<li>${valueHtml(name)} <span class="value mono secondary-text">${clientId}</span></li>`
      : html`<li>${valueHtml(clientId, { mono: true, whenMissing: 'application not named' })}</li>`;
  });
  return items.length > 0 ? html`<ul class="plain-list">${items}</ul>` : html`<span class="missing">none listed</span>`;
}

function methodsHtml(session: Session, now: Date): SafeHtml {
  const methods = record(session.authentication).methods;
  const items = (Array.isArray(methods) ? methods : []).map((method) => {
    const fields = record(method);
    const name = text(fields.name) ?? 'unnamed method';
    const factor = text(fields.type);
    const when = parseAuth0Date(fields.timestamp);
    const whenText = when ? html` <span class="relative">${formatRelativeTime(when, now)}</span>` : '';
    return html`<li><span class="value mono">${name}</span>${factor ? html` <span class="value">(${factor})</span>` : ''}${whenText}</li>`;
  });
  return items.length > 0 ? html`<ul class="plain-list">${items}</ul>` : html`<span class="missing">none recorded</span>`;
}

/** The revoke button; disabled, with the scopes named, when the token visibly lacks them (Auth0 would answer 403). */
function revokeButton(needs: readonly string[] = []): SafeHtml {
  if (needs.length > 0) {
    return html`<div class="section-actions"><button type="button" class="danger" data-action="revoke-session" disabled aria-describedby="session-revoke-needs">${REVOKE_SESSION_LABEL}</button></div>
<p class="empty" id="session-revoke-needs" data-field="session-revoke-needs">Revoking the session needs ${needs.join(' and ')} on the management token.</p>`;
  }
  return html`<div class="section-actions"><button type="button" class="danger" data-action="revoke-session">${REVOKE_SESSION_LABEL}</button></div>`;
}

/**
 * The fixes for a missing scope: set a token that has it (the panel runs "Set Management API
 * Token…"), or see every missing scope and plan feature at once ("Check Tenant Setup…").
 */
export function missingScopeButtons(): SafeHtml {
  return html`<div class="section-actions"><button type="button" class="secondary" data-action="set-token">Set a Management API Token…</button> <button type="button" class="secondary" data-action="check-setup">Check Tenant Setup…</button></div>`;
}

function messageHtml(field: string, className: string, content: HtmlValue): SafeHtml {
  return html`<p class="${className}" data-field="${field}">${content}</p>`;
}

function loadedHtml(session: Session, now: Date, appNames: ApplicationNames | undefined, revokeNeeds?: readonly string[]): SafeHtml {
  const device = record(session.device);
  const rows = [
    fieldRow('session_id', 'Session id', valueHtml(text(session.id), { mono: true })),
    fieldRow('session_created_at', 'Created', dateHtml(session.created_at, now, 'not recorded')),
    fieldRow('session_authenticated_at', 'Authenticated', dateHtml(session.authenticated_at, now, 'not recorded')),
    fieldRow('session_last_interacted_at', 'Last interaction', dateHtml(session.last_interacted_at, now, 'not recorded')),
    fieldRow('session_idle_expires_at', 'Idle expiry', dateHtml(session.idle_expires_at, now, NO_EXPIRY_RECORDED)),
    fieldRow('session_expires_at', 'Absolute expiry', dateHtml(session.expires_at, now, NO_EXPIRY_RECORDED)),
    fieldRow('session_applications', 'Applications', applicationsHtml(session, appNames)),
    fieldRow('session_authentication', 'Authentication methods', methodsHtml(session, now)),
  ];
  const noDevice = session.device && typeof session.device === 'object'
    ? ''
    : html`<p class="empty" data-field="session-device-none">Auth0 recorded no device for this session.</p>`;
  return html`<table class="fields"><tbody>${rows}</tbody></table>
${noDevice}<div class="devices">${[deviceHtml(device, 'initial', 'When the session began'), deviceHtml(device, 'last', 'Last seen')]}</div>
${revokeButton(revokeNeeds)}`;
}

/** The Session section for each state of the token's session. */
export function renderSessionSection(input: SessionSectionInput): SafeHtml {
  let content: HtmlValue;
  switch (input.state) {
    case 'loaded':
      content = loadedHtml(input.session, input.now, input.appNames, input.revokeNeeds);
      break;
    case 'gone':
      content = input.tokenRevoked
        ? messageHtml('session-ended', 'empty', html`Session ended: Auth0 no longer has session <span class="value mono">${input.sessionId}</span>, and this token was revoked.`)
        : messageHtml('session-ended', 'empty', html`Session ended: Auth0 no longer has session <span class="value mono">${input.sessionId}</span>. Ending a session with DELETE leaves its refresh tokens alive; this token may still be exchanged until it is revoked or expires.`);
      break;
    case 'no-session':
      content = messageHtml('session-none', 'empty', input.notRecorded
        ? 'Session not recorded: Auth0 sent no session_id for this token.'
        : 'No session linked (session_id is null): Auth0 sends this for tokens issued before it linked refresh tokens to sessions (late 2023) and for tokens issued by a grant without a login session, such as the password grant.');
      break;
    case 'missing-scope':
      content = [
        messageHtml('session-missing-scope', 'empty', html`Showing the session needs the <span class="value mono">${input.scope}</span> scope on the management token.`),
        missingScopeButtons(),
        revokeButton(input.revokeNeeds),
      ];
      break;
    case 'loading':
      content = html`<p class="loading" data-field="session-loading" role="status">Loading the session…</p>`;
      break;
    case 'error':
      content = [html`<div class="error-banner" role="alert" data-field="session-error">${input.message}</div>`, revokeButton(input.revokeNeeds)];
      break;
  }
  return sectionHtml('session', 'Session', content);
}
