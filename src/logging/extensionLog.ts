// The "Auth0 Token Inspector" log. Requests are logged as method, path, status, duration and
// rate-limit remaining; the client's records never contain a token or a secret, and nothing
// else that could is ever written here.
import * as vscode from 'vscode';
import type { RequestRecord, RetryNotice } from '../auth0/requestLog';
import { backgroundReadingText, type BackgroundReading } from '../model/tokenEvidence';

export function createExtensionLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Auth0 Token Inspector', { log: true });
}

export function logRequest(log: vscode.LogOutputChannel, tenantLabel: string, record: RequestRecord): void {
  const remaining = record.rateLimitRemaining === undefined ? '' : ` · rate limit remaining ${record.rateLimitRemaining}`;
  const purpose = record.purpose === undefined ? '' : ` · ${record.purpose}`;
  const line = `[${tenantLabel}] ${record.method} ${record.path} → ${record.status ?? record.outcome} in ${Math.round(record.durationMs)} ms${remaining}${purpose}`;
  if (record.status !== undefined && record.status >= 400) {
    log.warn(line);
  } else {
    log.info(line);
  }
}

export function logRetry(log: vscode.LogOutputChannel, tenantLabel: string, notice: RetryNotice): void {
  log.warn(`[${tenantLabel}] retrying ${notice.method} ${notice.path} (retry ${notice.retry}): ${notice.message}`);
}

/** Background reads for the findings, once per batch as it starts ("[acme] reading 12 sessions for findings, 12 left"); logRequest lists each request. */
export function logBackgroundReading(log: vscode.LogOutputChannel, tenantLabel: string, reading: BackgroundReading): void {
  if (reading.left === reading.sessions) {
    log.info(`[${tenantLabel}] ${backgroundReadingText(reading)}`);
  }
}
