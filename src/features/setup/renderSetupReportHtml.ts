// The setup report's webview document, as a pure function: report in, HTML out. The page's shell
// and its security are the webview kit's (src/webview/page.ts), as for every panel; every value is
// escaped by the `html` template. Sentences are split
// into text and inline code (setupReport.ts) and each part escaped on its own.

import { html, joinHtml, type HtmlValue, type SafeHtml } from '../../presentation/html';
import { webviewHtml, type WebviewResources } from '../../webview/page';
import { formatAbsoluteTime } from '../../presentation/time';
import {
  CHECK_GROUPS, STATUS_SYMBOLS, STATUS_WORDS, checksNeedingAttention, code, codeList, countByStatus, overallStatus, requestsText, sentenceParts, type CheckStatus, type SetupCheck, type SetupReport,
} from './core/setupReport';

/** What the panel supplies: a fresh nonce per render, the CSP source and the media URIs (the webview kit's). */
export type SetupReportResources = WebviewResources;

export interface SetupReportHtmlInput extends SetupReportResources {
  report: SetupReport;
  /** Shown above the report: why it may be out of date (the tenant's credentials changed since). */
  notice?: string;
}

function renderDocument(resources: SetupReportResources, title: string, status: string, tenantId: string | undefined, body: HtmlValue): string {
  return webviewHtml(resources, { title, mainClass: 'setup-report', mainAttributes: { 'data-status': status, 'data-tenant-id': tenantId }, body });
}

/** A report sentence (setupReport.ts) as markup: its inline code as <code>, every part escaped. */
export function sentenceHtml(sentence: string): SafeHtml {
  return joinHtml(sentenceParts(sentence).map((part) => (part.code ? (part.text === '' ? '' : html`<code>${part.text}</code>`) : part.text)));
}

function checkHtml(check: SetupCheck): SafeHtml {
  const fix = check.fix ? html`<p class="check-fix" data-field="fix"><span class="label">Fix:</span> ${sentenceHtml(check.fix)}</p>` : '';
  const evidence = check.evidence ? html`<p class="check-evidence" data-field="evidence"><span class="label">Asked:</span> <code>${check.evidence}</code></p>` : '';
  return html`<li class="check status-${check.status}" data-check="${check.id}" data-status="${check.status}">
<span class="check-symbol" role="img" aria-label="${STATUS_WORDS[check.status]}">${STATUS_SYMBOLS[check.status]}</span>
<div class="check-body"><p class="check-title" data-field="title">${check.title}</p>
<p class="check-summary" data-field="summary">${sentenceHtml(check.summary)}</p>${fix}${evidence}</div>
</li>`;
}

function tallyHtml(checks: readonly SetupCheck[]): SafeHtml {
  const counts = countByStatus(checks);
  const shown: CheckStatus[] = ['ok', 'warning', 'error', ...(counts.unknown > 0 ? (['unknown'] as const) : [])];
  return joinHtml(
    shown.map((status) => html`<span class="tally status-${status}" data-tally="${status}" title="${STATUS_WORDS[status]}">${STATUS_SYMBOLS[status]} ${counts[status]}</span>`),
    ' ',
  );
}

function credentialsText(report: SetupReport): string {
  const { credentials } = report;
  return credentials.kind === 'client-credentials'
    ? `client credentials${credentials.clientId ? ` of application ${code(credentials.clientId)}` : ''}`
    : 'a Management API token';
}

/** ✗ and ⚠ first, by title, so that a long report's problems are seen before its ✓ rows. */
function attentionHtml(report: SetupReport): SafeHtml | string {
  const checks = checksNeedingAttention(report.checks);
  if (checks.length === 0) {
    return '';
  }
  const items = checks.map(
    (check) => html`<li class="status-${check.status}" data-attention="${check.id}"><span class="check-symbol" role="img" aria-label="${STATUS_WORDS[check.status]}">${STATUS_SYMBOLS[check.status]}</span> ${check.title}</li>`,
  );
  return html`<section class="section needs-attention" aria-labelledby="section-attention" data-section="needs-attention">
<h2 id="section-attention">Needs attention</h2>
<ul class="attention">
${joinHtml(items, '\n')}
</ul>
</section>`;
}

function scopesHtml(report: SetupReport): SafeHtml | string {
  if (report.missingScopes.length === 0) {
    return '';
  }
  return html`<section class="section scopes-to-add" aria-labelledby="section-scopes" data-section="scopes-to-add">
<h2 id="section-scopes">Scopes to add</h2>
<p data-field="missing-scopes">${sentenceHtml(codeList(report.missingScopes))}</p>
<p class="note" data-field="grant-scopes-at">${sentenceHtml(report.grantScopesAt)}</p>
</section>`;
}

/**
 * The complete report document: heading, tally, "Copy as Markdown" and "Check Again", what
 * needs attention (✗ then ⚠), the scopes to add, then each group's checks with their fixes and the requests behind them. Every
 * value is escaped; the root carries the overall status and the tenant's domain.
 */
export function renderSetupReportHtml(input: SetupReportHtmlInput): string {
  const { report } = input;
  const status = overallStatus(report.checks);
  const requests = requestsText(report.requests);
  const subtitle = sentenceHtml(`${code(report.tenant.domain)} · checked ${formatAbsoluteTime(new Date(report.checkedAt))} with ${credentialsText(report)} · ${requests}`);
  const groups = CHECK_GROUPS.map((group) => {
    const checks = report.checks.filter((check) => check.group === group.id);
    return checks.length === 0
      ? ''
      : html`<section class="section" aria-labelledby="group-${group.id}" data-group="${group.id}">
<h2 id="group-${group.id}">${group.title}</h2>
<ul class="checks">
${joinHtml(checks.map(checkHtml), '\n')}
</ul>
</section>`;
  });
  const body = joinHtml(
    [
      html`<header class="page-header"><h1 data-field="heading">Tenant setup · ${report.tenant.label}</h1>
<p class="subtitle" data-field="subtitle">${subtitle}</p>
<p class="summary status-${status}" data-field="summary" role="status">${tallyHtml(report.checks)}</p>
<div class="toolbar">
<button type="button" data-action="copy-markdown">Copy as Markdown</button>
<button type="button" class="secondary" data-action="run-again">Check Again</button>
<span class="action-feedback" data-field="action-feedback" role="status" aria-live="polite"></span>
</div></header>`,
      input.notice === undefined ? '' : html`<div class="notice-banner" role="status" data-field="notice">${input.notice}</div>`,
      attentionHtml(report),
      scopesHtml(report),
      ...groups,
      html`<p class="note" data-field="privacy">No token, client secret or user data is shown here or copied with the report.</p>`,
    ],
    '\n',
  );
  return renderDocument(input, `Tenant setup · ${report.tenant.label}`, status, report.tenant.domain, body);
}

export interface SetupReportMessageInput extends SetupReportResources {
  tenantLabel: string;
  tenantId?: string;
  message: string;
}

/** Shown while the check runs. */
export function renderSetupReportLoadingHtml(input: SetupReportMessageInput): string {
  return renderDocument(
    input,
    `Tenant setup · ${input.tenantLabel}`,
    'loading',
    input.tenantId,
    html`<header class="page-header"><h1 data-field="heading">Tenant setup · ${input.tenantLabel}</h1><p class="loading" data-field="loading" role="status">${input.message}</p></header>`,
  );
}

/** Shown when the check could not run at all (cancelled, or the tenant has no credentials). */
export function renderSetupReportErrorHtml(input: SetupReportMessageInput): string {
  return renderDocument(
    input,
    `Tenant setup · ${input.tenantLabel}`,
    'error',
    input.tenantId,
    html`<header class="page-header"><h1 data-field="heading">Tenant setup · ${input.tenantLabel}</h1><div class="error-banner" role="alert" data-field="error">${input.message}</div>
<div class="toolbar"><button type="button" class="secondary" data-action="run-again">Check Again</button><span class="action-feedback" data-field="action-feedback" role="status" aria-live="polite"></span></div></header>`,
  );
}
