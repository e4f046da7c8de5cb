// Contain User and Revoke Selected as the other features call them (the token commands, the details
// panel and the hunt results): each flow loads on first use (see lazy.ts), so activation carries
// only this class.
import * as vscode from 'vscode';
import { STORAGE_FILES } from '../../contributions';
import type { HuntSession } from '../hunt/core/huntSession';
import type { TenantConnection } from '../../tenants/tenantConnection';
import type { RevocationReport } from './core/revocationExecutor';
import { lazy } from './lazy';
import type { ContainTarget, IncidentResponse, ResponseEnvironment } from './types';

/** The IncidentResponse of types.ts, whose flows load on first use. */
export class LazyIncidentResponse implements IncidentResponse {
  constructor(readonly environment: ResponseEnvironment) {}

  get auditLogUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.environment.storageUri, STORAGE_FILES.auditLog);
  }

  containUser(target: ContainTarget): Promise<boolean> {
    return lazy().containUser(this.environment, target);
  }

  revokeSelected(session: HuntSession, connection: TenantConnection, tokenIds: readonly string[]): Promise<RevocationReport | undefined> {
    return lazy().revokeSelected(this.environment, session, connection, tokenIds);
  }
}
