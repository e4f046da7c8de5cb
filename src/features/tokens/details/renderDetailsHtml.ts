// The details webview's document, as a pure function: data in, HTML out. No `vscode` import, so
// it is unit-tested in plain Node for escaping and structure. The panel class only supplies the
// resources (src/webview/panel.ts), and wires the messages of protocol.ts; the page's shell and its
// security policy and its one script are the webview kit's (src/webview/page.ts).
// Every value goes through `html` templates, which escape it with the single `escapeHtml`.

import type { RefreshToken } from '../../../auth0/types';
import { html, joinHtml, type HtmlValue, type SafeHtml } from '../../../presentation/html';
import { webviewHtml, type WebviewResources } from '../../../webview/page';
import { tokenStatus } from '../../../presentation/tokenStatus';
import {
  renderDevicesSection, renderMetadataSection, renderOtherFieldsSection, renderResourceServersSection, renderTokenSection,
} from './renderDetailsSections';
import { renderFindingsSection, type FindingsSectionInput } from './renderFindingsSection';
import { renderHistorySection, type HistorySectionInput } from './renderHistorySection';
import { renderJsonHtml } from './renderJsonHtml';
import { renderSessionSection, type SessionSectionInput } from './renderSessionSection';

/** The resources every variant of the document needs from the panel (the webview kit's). */
export type { WebviewResources };

export interface DetailsHtmlInput extends WebviewResources {
  token: RefreshToken;
  appName?: string;
  userLabel?: string;
  tenantLabel: string;
  /** Kept in the page's state so a restored panel knows which tenant to ask. */
  tenantId?: string;
  now: Date;
  /** Set after this extension revoked the token (Auth0 deletes it in the background). */
  revoked?: boolean;
  /** The Findings section (first), when the analysis ran. */
  findings?: FindingsSectionInput;
  /** The Session section, from `GET /sessions/{id}`. */
  session?: SessionSectionInput;
  /** The History section, from the user's log events. */
  history?: HistorySectionInput;
  /** The Metadata section offers "Edit Metadata…" (the panel can PATCH the token). */
  metadataEditable?: boolean;
}

interface DocumentParts extends WebviewResources {
  title: string;
  /** Attributes of the root element; values are escaped. */
  root: { tokenId?: string; tenantId?: string; status: string };
  body: HtmlValue;
}

function renderDocument(parts: DocumentParts): string {
  return webviewHtml(parts, {
    title: parts.title,
    mainClass: 'token-details',
    mainAttributes: { 'data-status': parts.root.status, 'data-token-id': parts.root.tokenId, 'data-tenant-id': parts.root.tenantId },
    body: parts.body,
  });
}

function errorHtml(message: string | undefined): SafeHtml | string {
  return message ? html`<div class="error-banner" role="alert" data-field="error">${message}</div>` : '';
}

/** "Active · used 3 h ago", "Expired · 2 d ago": the label, then the time that matters. */
function bannerHtml(kind: string, label: string, detail: string): SafeHtml {
  return html`<div class="banner status-${kind}" data-field="status" role="status" aria-live="polite"><span class="banner-label" data-field="status-label">${label}</span><span class="banner-description" data-field="status-description">${detail}</span></div>`;
}

function toolbarHtml(revoked: boolean): SafeHtml {
  const revokeDisabled = revoked ? html` disabled` : '';
  return html`<div class="toolbar">
<button type="button" class="secondary" data-action="copy-json">Copy JSON</button>
<button type="button" class="secondary" data-action="copy-id">Copy ID</button>
<button type="button" class="secondary" data-action="refresh" title="Read the token, its session and the user's log events again">Refresh</button>
<button type="button" class="danger" data-action="revoke-token"${revokeDisabled}>Revoke…</button>
<span class="action-feedback" data-field="action-feedback" role="status" aria-live="polite"></span>
</div>`;
}

/** The complete details document for one refresh token. */
export function renderDetailsHtml(input: DetailsHtmlInput): string {
  const { token } = input;
  const status = tokenStatus(token, input.now, { revoked: input.revoked });
  const heading = input.appName || token.client_id || 'Refresh token';
  const subtitle = [input.userLabel || token.user_id, input.tenantLabel].filter((part) => part).join(' · ');
  const body = joinHtml([
    html`<header class="page-header"><h1 data-field="heading">${heading}</h1><p class="subtitle">Refresh token · ${subtitle}</p>${[
      bannerHtml(status.kind, status.label, status.detail),
      toolbarHtml(status.kind === 'revoked'),
    ]}</header>`,
    input.findings ? renderFindingsSection(input.findings) : '',
    input.session ? renderSessionSection(input.session) : '',
    input.history ? renderHistorySection(input.history) : '',
    renderTokenSection(input),
    renderDevicesSection(token),
    renderResourceServersSection(token),
    renderMetadataSection(token, input.metadataEditable),
    renderOtherFieldsSection(token) ?? '',
    html`<section class="section" aria-labelledby="section-json" data-section="json"><h2 id="section-json">JSON</h2><pre class="json" data-field="json" tabindex="0"><code>${renderJsonHtml(token)}</code></pre></section>`,
  ], '\n');
  return renderDocument({
    ...input,
    title: `Refresh token · ${heading}`,
    root: { tokenId: token.id, tenantId: input.tenantId, status: status.kind },
    body,
  });
}

/** A page that only says something: while a token loads, or when it could not be loaded. */
export interface DetailsMessageInput extends WebviewResources {
  tokenId?: string;
  tenantId?: string;
  message: string;
}

/** Shown when the token could not be loaded (deleted, no permission, network). */
export function renderDetailsErrorHtml(input: DetailsMessageInput): string {
  return renderDocument({
    ...input,
    title: 'Refresh token · error',
    root: { tokenId: input.tokenId, tenantId: input.tenantId, status: 'error' },
    body: html`<header class="page-header"><h1 data-field="heading">Refresh token</h1>${errorHtml(input.message)}</header>`,
  });
}

/** Shown while the token is being fetched. */
export function renderDetailsLoadingHtml(input: DetailsMessageInput): string {
  return renderDocument({
    ...input,
    title: 'Refresh token · loading',
    root: { tokenId: input.tokenId, tenantId: input.tenantId, status: 'loading' },
    body: html`<header class="page-header"><h1 data-field="heading">Refresh token</h1><p class="loading" data-field="loading" role="status">${input.message}</p></header>`,
  });
}
