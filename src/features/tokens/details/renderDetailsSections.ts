// The sections of the details view: the token's fields, its two devices side by side, its
// resource servers with their scopes, its metadata and any fields this version does not know.
// Every value is text interpolated into `html` templates, hence escaped; each row carries a
// stable `data-field` for UI tests.

import type { RefreshToken } from '../../../auth0/types';
import { html, type HtmlValue, type SafeHtml } from '../../../presentation/html';
import { codePointLength } from '../../../presentation/plainText';
import {
  dateFacts, deviceSide, hasDeviceRecord, metadataEntries, resourceServerFacts, rotatingText, sameDevice, sessionText,
  unknownFields, valueAsText, type DateFact, type DeviceSide,
} from '../../../presentation/refreshTokenFacts';

/** Longer values scroll inside a bounded box (CSS `.long`) instead of pushing the page apart. */
const LONG_VALUE_LENGTH = 160;

export interface TokenSectionContext {
  token: RefreshToken;
  appName?: string;
  userLabel?: string;
  tenantLabel: string;
  now: Date;
}

/** A value, wrapped anywhere; a long one scrolls in its own box, still complete and selectable. */
export function valueHtml(text: string | undefined, options: { mono?: boolean; whenMissing?: string } = {}): SafeHtml {
  if (text === undefined || text === '') {
    return html`<span class="missing">${options.whenMissing ?? 'not recorded'}</span>`;
  }
  const mono = options.mono ? ' mono' : '';
  if (codePointLength(text) > LONG_VALUE_LENGTH) {
    return html`<span class="value long${mono}" tabindex="0">${text}</span>`;
  }
  return html`<span class="value${mono}">${text}</span>`;
}

/** A `<tr>` of a fields table: the label as its row header, `data-field` for tests. */
export function fieldRow(field: string, label: string, content: HtmlValue): SafeHtml {
  return html`<tr data-field="${field}"><th scope="row">${label}</th><td>${content}</td></tr>`;
}

function dateHtml(fact: DateFact): SafeHtml {
  if (fact.absolute) {
    return html`<span class="value">${fact.absolute}</span> <span class="relative">${fact.relative}</span>`;
  }
  if (fact.unreadable !== undefined) {
    return html`<span class="missing">${fact.fallback}:</span> ${valueHtml(fact.unreadable, { mono: true })}`;
  }
  return html`<span class="missing">${fact.fallback}</span>`;
}

/** A titled `<section>` of the details page, `data-section` set to `id`. */
export function sectionHtml(id: string, title: string, content: HtmlValue): SafeHtml {
  return html`<section class="section" aria-labelledby="section-${id}" data-section="${id}"><h2 id="section-${id}">${title}</h2>${content}</section>`;
}

/** Identity, application, user, session, rotation and the four dates. */
export function renderTokenSection(context: TokenSectionContext): SafeHtml {
  const { token } = context;
  const session = token.session_id ? valueHtml(token.session_id, { mono: true }) : html`<span class="missing">${sessionText(token)}</span>`;
  const rows = [
    fieldRow('id', 'Token id', valueHtml(token.id, { mono: true })),
    fieldRow('app_name', 'Application', valueHtml(context.appName, { whenMissing: 'name not resolved' })),
    fieldRow('client_id', 'Client id', valueHtml(token.client_id, { mono: true })),
    fieldRow('user', 'User', valueHtml(context.userLabel, { whenMissing: 'not loaded' })),
    fieldRow('user_id', 'User id', valueHtml(token.user_id, { mono: true })),
    fieldRow('tenant', 'Tenant', valueHtml(context.tenantLabel)),
    fieldRow('session_id', 'Session', session),
    fieldRow('rotating', 'Rotating', valueHtml(rotatingText(token))),
    ...dateFacts(token, context.now).map((fact) => fieldRow(fact.field, fact.label, dateHtml(fact))),
  ];
  return sectionHtml('token', 'Token', html`<table class="fields"><tbody>${rows}</tbody></table>`);
}

function deviceHtml(side: 'initial' | 'last', title: string, facts: DeviceSide, note?: string): SafeHtml {
  const rows = [
    html`<dt>Device</dt><dd data-field="${side}_device">${valueHtml(facts.userAgent !== undefined ? facts.device.summary : undefined)}</dd>`,
    html`<dt>IP address</dt><dd data-field="${side}_ip">${valueHtml(facts.ip, { mono: true })}</dd>`,
    html`<dt>ASN</dt><dd data-field="${side}_asn">${valueHtml(facts.asn, { mono: true })}</dd>`,
    html`<dt>User agent</dt><dd data-field="${side}_user_agent">${valueHtml(facts.userAgent, { mono: true })}</dd>`,
  ];
  const noteHtml = note ? html`<p class="note">${note}</p>` : '';
  return html`<article class="device" data-field="device-${side}"><h3>${title}</h3><dl>${rows}</dl>${noteHtml}</article>`;
}

/** Where the token was issued and where it was last used, side by side (stacked when narrow). */
export function renderDevicesSection(token: RefreshToken): SafeHtml {
  const initial = deviceSide(token, 'initial');
  const last = deviceSide(token, 'last');
  const note = sameDevice(initial, last) ? 'Same user agent and address as when issued.' : undefined;
  // Real tenants often send no `device` at all: say so once rather than leave eight blanks to be read as "nothing changed".
  const none = hasDeviceRecord(token) ? '' : html`<p class="empty" data-field="device-none">Auth0 recorded no device for this token: where it was issued and last exchanged is not known.</p>`;
  return sectionHtml('devices', 'Devices', html`${none}<div class="devices">${[
    deviceHtml('initial', 'When issued', initial),
    deviceHtml('last', 'Last exchange', last, note),
  ]}</div>`);
}

/** Each audience with its scopes as chips. */
export function renderResourceServersSection(token: RefreshToken): SafeHtml {
  const servers = resourceServerFacts(token);
  if (servers.length === 0) {
    return sectionHtml('resource-servers', 'Resource servers', html`<p class="empty">None listed.</p>`);
  }
  const items = servers.map((server) => {
    const chips = server.scopes.length > 0
      ? html`<ul class="chips" aria-label="Scopes">${server.scopes.map((scope) => html`<li class="chip">${scope}</li>`)}</ul>`
      : html`<p class="empty">No scopes.</p>`;
    return html`<li class="resource-server"><div class="audience">${valueHtml(server.audience, { mono: true })}</div>${chips}</li>`;
  });
  return sectionHtml('resource-servers', 'Resource servers', html`<ul class="resource-servers" data-field="resource_servers">${items}</ul>`);
}

function keyValueTable(field: string, entries: [string, string][]): SafeHtml {
  const rows = entries.map(([key, value]) => html`<tr><th scope="row">${valueHtml(key, { mono: true })}</th><td>${valueHtml(value, { mono: true, whenMissing: '(empty)' })}</td></tr>`);
  return html`<table class="fields key-values" data-field="${field}"><tbody>${rows}</tbody></table>`;
}

/** `refresh_token_metadata`: key/value strings set through the Management API. */
/** `editable`: the panel can change it (PATCH /refresh-tokens/{id}): an "Edit Metadata…" button follows. */
export function renderMetadataSection(token: RefreshToken, editable = false): SafeHtml {
  const entries = metadataEntries(token);
  const content = entries.length > 0 ? keyValueTable('metadata', entries) : html`<p class="empty">No metadata.</p>`;
  const edit = editable ? html`<div class="section-actions"><button type="button" class="secondary" data-action="edit-metadata">Edit Metadata…</button></div>` : '';
  return sectionHtml('metadata', 'Metadata', html`${content}${edit}`);
}

/** Fields Auth0 sends that this version has no row for; empty when there are none. */
export function renderOtherFieldsSection(token: RefreshToken): SafeHtml | undefined {
  const entries = unknownFields(token).map(([path, value]): [string, string] => [path, valueAsText(value)]);
  return entries.length > 0 ? sectionHtml('other-fields', 'Other fields', keyValueTable('other_fields', entries)) : undefined;
}
