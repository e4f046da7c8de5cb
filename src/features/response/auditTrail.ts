// Where the audit lines of destructive actions go: appended to audit.ndjson in the extension's
// global storage ("Show Audit Log" opens it) and written to the output channel. A line holds no
// secret: the writer scrubs credentials, and the tenant's own token and client secret are named to
// it so they are removed even when they appear in an error message.
import { mkdir } from 'node:fs/promises';
import * as vscode from 'vscode';
import { STORAGE_FILES } from '../../contributions';
import { AuditWriter, fileAuditSink, type AuditSink } from './core/audit';
import type { TenantConnection } from '../../tenants/tenantConnection';
import type { ResponseEnvironment } from './types';

/** The audit file's path on disk (the extension host's global storage is a local folder). */
export function auditLogPath(environment: ResponseEnvironment): string {
  return vscode.Uri.joinPath(environment.storageUri, STORAGE_FILES.auditLog).fsPath;
}

/** A writer for `connection`'s actions; `huntId` ties them to the hunt they came from. */
export function auditWriter(environment: ResponseEnvironment, connection: TenantConnection, huntId?: string): AuditWriter {
  const file = fileAuditSink(auditLogPath(environment));
  const sink: AuditSink = {
    async append(line) {
      await mkdir(environment.storageUri.fsPath, { recursive: true });
      await file.append(line);
      environment.log.info(`[audit] ${line.trimEnd()}`);
    },
  };
  const credentials = connection.credentials;
  return new AuditWriter(sink, {
    tenant: connection.domain,
    ...(huntId === undefined ? {} : { huntId }),
    secrets: () => (credentials?.kind === 'token' ? [credentials.token] : credentials ? [credentials.clientSecret] : []),
  });
}
