// The setup report as Markdown, for a support ticket ("Copy as Markdown"): readable as plain text
// and rendered. The tenant's label goes through escapeMarkdownMidLine (ASCII punctuation escaped
// where it could start a construct);
// sentences are written by this extension with identifiers as inline code (setupReport.ts code()),
// so their text parts need only the characters that could start emphasis, a link or HTML escaped,
// and their code parts hold no backtick. The report model holds no token or secret, so neither
// does its Markdown.

import { formatAbsoluteTime } from '../../../presentation/time';
import { escapeMarkdownMidLine } from '../../../presentation/markdown';
import { CHECK_GROUPS, STATUS_SYMBOLS, checksNeedingAttention, code, requestsText, codeList, sentenceParts, statusTally, type SetupCheck, type SetupReport } from './setupReport';

/**
 * Characters of a sentence's text that could open emphasis, a link or image (`[`), HTML or an
 * autolink (`<`), a table cell or strikethrough. Text parts never start a line, so `>` and `#`
 * cannot open a quote or a heading and stay as they are ("Applications > APIs").
 */
const INLINE_SYNTAX = /[\\*_[\]<|~]/g;

/** One of the report's sentences as Markdown: text escaped, inline code as code spans. */
export function sentenceMarkdown(sentence: string): string {
  return sentenceParts(sentence)
    .map((part) => {
      if (!part.code) {
        return part.text.replace(/\s+/g, ' ').replace(INLINE_SYNTAX, '\\$&');
      }
      // A code span's content is literal; one that starts or ends with a space keeps it padded.
      const content = part.text.replace(/`/g, "'");
      return content === '' ? '' : `\`${content}\``;
    })
    .join('');
}

function checkMarkdown(check: SetupCheck): string[] {
  const lines = [`- ${STATUS_SYMBOLS[check.status]} **${sentenceMarkdown(check.title)}**: ${sentenceMarkdown(check.summary)}`];
  if (check.fix) {
    lines.push(`  - Fix: ${sentenceMarkdown(check.fix)}`);
  }
  if (check.evidence) {
    lines.push(`  - Asked: ${sentenceMarkdown(code(check.evidence))}`);
  }
  return lines;
}

function credentialsLine(report: SetupReport): string {
  const { credentials } = report;
  if (credentials.kind === 'client-credentials') {
    return `client credentials${credentials.clientId ? ` of application ${sentenceMarkdown(code(credentials.clientId))}` : ''}`;
  }
  return 'a Management API token';
}

/**
 * The report as a Markdown document: heading, the tenant and when it was checked, the tally, what
 * needs attention, the scopes to add and where, then each group's checks with their fixes and the request behind them.
 */
export function setupReportMarkdown(report: SetupReport): string {
  const lines: string[] = [
    `# Auth0 tenant setup: ${escapeMarkdownMidLine(report.tenant.label)}`,
    '',
    `- **Tenant:** ${sentenceMarkdown(code(report.tenant.domain))}`,
    `- **Checked:** ${formatAbsoluteTime(new Date(report.checkedAt))} with ${credentialsLine(report)}, ${requestsText(report.requests)}`,
    `- **Result:** ${statusTally(report.checks)}`,
  ];
  const attention = checksNeedingAttention(report.checks);
  if (attention.length > 0) {
    lines.push(`- **Needs attention:** ${attention.map((check) => `${STATUS_SYMBOLS[check.status]} ${sentenceMarkdown(check.title)}`).join('; ')}`);
  }
  if (report.missingScopes.length > 0) {
    lines.push(`- **Scopes to add:** ${sentenceMarkdown(codeList(report.missingScopes))}`);
    lines.push(`- **Where:** ${sentenceMarkdown(report.grantScopesAt)}`);
  }
  for (const group of CHECK_GROUPS) {
    const checks = report.checks.filter((check) => check.group === group.id);
    if (checks.length > 0) {
      lines.push('', `## ${group.title}`, '', ...checks.flatMap(checkMarkdown));
    }
  }
  lines.push('', '_No token, client secret or user data is included in this report._', '');
  return lines.join('\n');
}
