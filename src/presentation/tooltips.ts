// Hover text for the tree's rows, as Markdown for `new MarkdownString(text)` (isTrusted=false,
// supportHtml=false). Only the labels and layout here are Markdown; every value from Auth0 goes
// through escapeMarkdown.

import type { RefreshToken, User } from '../auth0/types';
import { escapeMarkdown, markdownField, markdownLines } from './markdown';
import {
  dateFacts, dateFactText, deviceSide, deviceSideText, resourceServerFacts, rotatingText, sameDevice, sessionText,
} from './refreshTokenFacts';
import { formatDateWithRelative } from './time';
import { tokenStatus } from './tokenStatus';

/** Bold text; trimmed because CommonMark opens no bold before (or closes none after) a space. */
function boldMarkdown(value: unknown): string {
  const escaped = escapeMarkdown(value).trim();
  return escaped ? `**${escaped}**` : '';
}

/** Scopes can run to hundreds of characters; the details view has the full list. */
const MAX_SCOPES_LENGTH = 200;
const MAX_AUDIENCES = 10;

function paragraphs(blocks: readonly string[]): string {
  return blocks.filter((block) => block !== '').join('\n\n');
}

function deviceLines(token: RefreshToken): string[] {
  const first = deviceSide(token, 'initial');
  const last = deviceSide(token, 'last');
  // "same as first" only when both sides recorded the same agent and address: nothing recorded is not "the same".
  const lastText = sameDevice(first, last) ? 'same as first' : deviceSideText(last);
  return [markdownField('First device', deviceSideText(first)), markdownField('Last device', lastText)];
}

function audienceBlock(token: RefreshToken): string {
  const servers = resourceServerFacts(token);
  if (servers.length === 0) {
    return markdownField('Audiences', 'none listed');
  }
  const items = servers.slice(0, MAX_AUDIENCES).map((server) => {
    const scopes = server.scopes.length > 0 ? server.scopes.join(' ') : 'no scopes';
    return `- ${escapeMarkdown(server.audience)}: ${escapeMarkdown(scopes, { maxLength: MAX_SCOPES_LENGTH })}`;
  });
  if (servers.length > MAX_AUDIENCES) {
    items.push(`- ${escapeMarkdown(`and ${servers.length - MAX_AUDIENCES} more`)}`);
  }
  return `**Audiences:**\n\n${items.join('\n')}`;
}

/**
 * A refresh token's hover: application and status, the first and last device (in words, with IP
 * and ASN), dates, rotation, session, and each audience with its scopes.
 */
/** What the tooltip needs of a finding (see findings/finding.ts): most severe first. */
export interface TooltipFinding {
  severity: 'high' | 'medium' | 'info';
  title: string;
  why: string;
}

// Words, not glyphs: a symbol such as ⛔ is missing from some fonts and says nothing to a screen reader.
const SEVERITY_WORDS: Record<TooltipFinding['severity'], string> = { high: '⚠ High', medium: '⚠ Medium', info: 'Info' };

function findingLines(findings: readonly TooltipFinding[]): string {
  return findings.length === 0 ? '' : markdownLines(findings.map((f) => `${SEVERITY_WORDS[f.severity]} · ${boldMarkdown(f.title)}: ${escapeMarkdown(f.why)}`));
}

export function refreshTokenTooltip(token: RefreshToken, appName: string | undefined, now: Date, findings: readonly TooltipFinding[] = []): string {
  const status = tokenStatus(token, now);
  const application = appName || token.client_id || 'unknown application';
  const heading = `${boldMarkdown(application)} · ${escapeMarkdown(status.description)}`;
  const dates = dateFacts(token, now).map((fact) => markdownField(fact.label, dateFactText(fact)));
  const identity = [
    markdownField('Rotating', rotatingText(token)),
    markdownField('Session', sessionText(token)),
    markdownField('Token id', token.id),
  ];
  if (appName && token.client_id) {
    identity.push(markdownField('Client id', token.client_id));
  }
  return paragraphs([heading, findingLines(findings), markdownLines(deviceLines(token)), markdownLines(dates), markdownLines(identity), audienceBlock(token)]);
}

function userDate(value: unknown, now: Date): string {
  return formatDateWithRelative(value, now) ?? 'not recorded';
}

/** A user's hover: name, email, connection, created, last login and number of logins. */
export function userTooltip(user: User, now: Date = new Date()): string {
  const name = user.name || user.nickname || user.username || user.email || user.user_id;
  const connections = (Array.isArray(user.identities) ? user.identities : [])
    .map((identity) => identity?.connection)
    .filter((connection): connection is string => typeof connection === 'string' && connection !== '');
  // Absent fields are unknown, not "none" (issue 18 §2): a read or a connection may not return them.
  const email = user.email ? `${user.email}${user.email_verified === false ? ' (not verified)' : ''}` : 'not recorded';
  const details = [
    markdownField('Email', email),
    markdownField('Connection', connections.length > 0 ? connections.join(', ') : 'not recorded'),
    markdownField('User id', user.user_id),
    markdownField('Created', userDate(user.created_at, now)),
    markdownField('Last login', userDate(user.last_login, now)),
    markdownField('Logins', typeof user.logins_count === 'number' ? String(user.logins_count) : 'not recorded'),
  ];
  if (user.blocked === true) {
    details.push(markdownField('Blocked', 'yes'));
  }
  return paragraphs([boldMarkdown(name), markdownLines(details)]);
}
