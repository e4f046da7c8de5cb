// The Findings section of the details view: each finding with its severity, why it matters, the
// evidence side by side, the innocent explanation, and its action as a button the webview's
// script posts by `data-action` (no inline handlers: the CSP forbids them). Pure: no `vscode`.

import type { SkippedCheck } from '../../../findings/analyzeToken';
import { FINDING_KIND_LABELS, type Finding, type FindingAction, type FindingEvidence, type FindingKind, type FindingSeverity } from '../../../findings/finding';
import { html, joinHtml, type SafeHtml } from '../../../presentation/html';
import { formatAbsoluteTime, formatRelativeTime } from '../../../presentation/time';
import { sectionHtml, valueHtml } from './renderDetailsSections';

export interface FindingsSectionInput {
  /** Most severe first, as `analyzeToken` returns them. */
  findings: readonly Finding[];
  /** Checks that could not run: said, so that no findings is not read as all clear. */
  skipped?: readonly SkippedCheck[];
  now: Date;
  /** The token was revoked (by this extension): its revoke buttons are shown done, not offered. */
  revoked?: boolean;
}

const SEVERITY_LABELS: Record<FindingSeverity, string> = { high: 'High', medium: 'Medium', info: 'Info' };


function whenHtml(date: Date | undefined, now: Date): SafeHtml {
  return date
    ? html`<span class="value">${formatAbsoluteTime(date)}</span> <span class="relative">${formatRelativeTime(date, now)}</span>`
    : html`<span class="missing">date not recorded</span>`;
}

function comparisonHtml(evidence: Extract<FindingEvidence, { type: 'comparison' }>): SafeHtml {
  const rows = evidence.rows.map((row) => {
    const differs = row.first !== row.second ? ' differs' : '';
    return html`<tr class="${`compared${differs}`}"><th scope="row">${row.label}</th><td>${valueHtml(row.first, { mono: row.label !== 'Device' })}</td><td>${valueHtml(row.second, { mono: row.label !== 'Device' })}</td></tr>`;
  });
  return html`<table class="evidence comparison" data-field="evidence"><thead><tr><td></td><th scope="col">${evidence.firstHeading}</th><th scope="col">${evidence.secondHeading}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function countedHtml(evidence: Extract<FindingEvidence, { type: 'counted' }>): SafeHtml {
  const exchanges = `${evidence.eventCount} ${evidence.eventCount === 1 ? 'exchange' : 'exchanges'}`;
  const family = evidence.familyId ? html` of rotation family <span class="value mono">${evidence.familyId}</span>` : '';
  const items = evidence.values.map((value) =>
    html`<li>${valueHtml(value.value, { mono: evidence.what !== 'devices' })} <span class="count">${value.events} ${value.events === 1 ? 'exchange' : 'exchanges'}</span></li>`);
  return html`<div class="evidence counted" data-field="evidence"><p>${exchanges}${family} in the last ${evidence.windowDays} days, from ${evidence.values.length} ${evidence.what} (flagged above ${evidence.limit}):</p><ul class="counted-values">${items}</ul></div>`;
}

function eventsHtml(evidence: Extract<FindingEvidence, { type: 'events' }>, now: Date): SafeHtml {
  const rows = evidence.events.map((event) => {
    const probable = event.probable ? html` <span class="chip probable">probable</span>` : '';
    return html`<tr><td>${whenHtml(event.date, now)}</td><td>${event.description}${probable}</td><td>${valueHtml(event.ip, { mono: true })}</td><td>${valueHtml(event.userAgent, { mono: true })}</td></tr>`;
  });
  return html`<table class="evidence events" data-field="evidence"><thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">IP address</th><th scope="col">User agent</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function factsHtml(evidence: Extract<FindingEvidence, { type: 'facts' }>): SafeHtml {
  const rows = evidence.rows.map((row) => html`<dt>${row.label}</dt><dd>${valueHtml(row.value)}</dd>`);
  return html`<dl class="evidence facts" data-field="evidence">${rows}</dl>`;
}

function evidenceHtml(evidence: FindingEvidence, now: Date): SafeHtml {
  switch (evidence.type) {
    case 'comparison':
      return comparisonHtml(evidence);
    case 'counted':
      return countedHtml(evidence);
    case 'events':
      return eventsHtml(evidence, now);
    case 'facts':
      return factsHtml(evidence);
  }
}

/** Destructive actions look destructive; reviewing does not. A revoked token has nothing left to revoke. */
function actionHtml(action: FindingAction, kind: FindingKind, revoked: boolean): SafeHtml {
  const style = action.id === 'review-history' ? 'secondary' : 'danger';
  const done = revoked && (action.id === 'revoke-token' || action.id === 'revoke-session');
  return done
    ? html`<button type="button" class="${style}" data-action="${action.id}" data-finding-kind="${kind}" disabled>${action.label} (revoked)</button>`
    : html`<button type="button" class="${style}" data-action="${action.id}" data-finding-kind="${kind}">${action.label}</button>`;
}

function findingHtml(finding: Finding, now: Date, revoked: boolean): SafeHtml {
  const probable = finding.probable ? html` <span class="chip probable" title="Tied to this token by application and rotation family only: the token has no session">probable</span>` : '';
  return html`<li class="${`finding severity-${finding.severity}`}" data-finding-kind="${finding.kind}" data-severity="${finding.severity}">
<div class="finding-head"><span class="${`severity-badge severity-${finding.severity}`}">${SEVERITY_LABELS[finding.severity]}</span> <h3 class="finding-title" data-field="finding-title">${finding.title}</h3>${probable}</div>
<p class="finding-why" data-field="finding-why">${finding.why}</p>
${evidenceHtml(finding.evidence, now)}
<p class="finding-false-positive" data-field="finding-false-positive"><span class="label">Known false positive:</span> ${finding.falsePositive}</p>
<div class="finding-actions">${actionHtml(finding.action, finding.kind, revoked)}</div>
</li>`;
}

function skippedHtml(skipped: readonly SkippedCheck[]): SafeHtml | string {
  if (skipped.length === 0) {
    return '';
  }
  const items = skipped.map((check) => html`<li>${check.kinds.map((kind) => FINDING_KIND_LABELS[kind]).join(', ')}: ${check.reason}</li>`);
  return html`<div class="note findings-skipped" data-field="findings-skipped"><p>Not checked:</p><ul>${items}</ul></div>`;
}

/** The Findings section: one entry per finding, most severe first, then the checks that could not run. */
export function renderFindingsSection(input: FindingsSectionInput): SafeHtml {
  const content = input.findings.length === 0
    ? html`<p class="empty" data-field="findings-empty">No findings: none of Auth0's detections for stolen refresh tokens match what is known about this token.</p>`
    : html`<ul class="findings" data-field="findings">${joinHtml(input.findings.map((finding) => findingHtml(finding, input.now, input.revoked === true)), '\n')}</ul>`;
  return sectionHtml('findings', 'Findings', [content, skippedHtml(input.skipped ?? [])]);
}
