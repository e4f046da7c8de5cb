// "Revoke Selected…" from the hunt results: the dry run (exactly which tokens, per user and
// application) in a modal, the tenant's name typed when the plan is large or the tenant looks like
// production, then the revocation with progress and a final report (revoked, failed with the
// reason, skipped). Every call appends an audit line; the results show "pending" until a
// re-check no longer finds the token.
import * as vscode from 'vscode';
import type { HuntSession } from '../hunt/core/huntSession';
import { safeLabel } from '../../presentation/plainText';
import { confirmationAccepted, confirmationFor } from './core/confirmation';
import { countOutcomes, type RevocationReport } from './core/revocationExecutor';
import { describeRevocationPlan } from './core/revocationPlan';
import type { TenantConnection } from '../../tenants/tenantConnection';
import { auditWriter } from './auditTrail';
import type { ResponseEnvironment } from './types';

/** Lines of the dry run shown in the modal; the whole plan always goes to the output channel. */
const MODAL_LINES = 40;

/** Resolves with the report, or undefined when nothing was sent (declined, or nothing selected). */
export async function revokeSelected(
  environment: ResponseEnvironment,
  session: HuntSession,
  connection: TenantConnection,
  tokenIds: readonly string[],
): Promise<RevocationReport | undefined> {
  const plan = session.planRevocation(tokenIds);
  const tenant = safeLabel(connection.label);
  if (plan.tokenIds.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to revoke: none of the selected refresh tokens is still listed by the hunt.'));
    return undefined;
  }
  // Names are cut to a line each (they come from Auth0); token ids are shown whole: they are the plan.
  const lines = [
    describeRevocationPlan(plan)[0],
    ...plan.groups.map((group) =>
      `${safeLabel(group.user)}, ${safeLabel(group.application)}: ${group.tokenIds.length === 1 ? '1 refresh token' : `${group.tokenIds.length} refresh tokens`} (${group.tokenIds.map((id) => safeLabel(id, 256)).join(', ')})`),
  ];
  environment.log.info(`[${connection.label}] Dry run of a revocation:\n${lines.join('\n')}`);
  const shown = lines.length > MODAL_LINES + 1
    ? [...lines.slice(0, MODAL_LINES), vscode.l10n.t('…and {0} more lines: the whole list is in the output channel (Auth0: Show Log).', lines.length - MODAL_LINES)]
    : lines;
  const confirmation = confirmationFor({ domain: connection.domain, label: connection.setting.label }, { tokens: plan.tokenIds.length, users: plan.userCount });
  const button = plan.tokenIds.length === 1 ? vscode.l10n.t('Revoke 1 Refresh Token') : vscode.l10n.t('Revoke {0} Refresh Tokens', plan.tokenIds.length);
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Revoke {0} refresh tokens on tenant {1}?', plan.tokenIds.length, tenant),
    {
      modal: true,
      detail: [
        ...shown,
        vscode.l10n.t('The applications on those devices must sign in again. This cannot be undone.'),
        ...(confirmation.kind === 'type-name' ? [vscode.l10n.t('Next you type the tenant\'s name to confirm: {0}.', confirmation.reasons.join('; '))] : []),
      ].join('\n'),
    },
    button,
  );
  if (answer !== button) {
    return undefined;
  }
  if (confirmation.kind === 'type-name') {
    const expected = confirmation.expected;
    const typed = await vscode.window.showInputBox({
      title: vscode.l10n.t('Confirm the revocation of {0} refresh tokens', plan.tokenIds.length),
      prompt: vscode.l10n.t('Type {0} to confirm ({1}).', expected, confirmation.reasons.join('; ')),
      placeHolder: expected,
      ignoreFocusOut: true,
      validateInput: (text) => (confirmationAccepted(confirmation, text) ? undefined : vscode.l10n.t('Type {0} exactly.', expected)),
    });
    if (!confirmationAccepted(confirmation, typed)) {
      return undefined;
    }
  }
  const total = plan.tokenIds.length;
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Revoking {0} refresh tokens on {1}', total, tenant), cancellable: true },
    (progress, cancellation) => {
      const controller = new AbortController();
      cancellation.onCancellationRequested(() => controller.abort());
      let settled = 0;
      return session.revoke(plan, {
        audit: auditWriter(environment, connection, session.huntId),
        signal: controller.signal,
        onItem: () => {
          settled++;
          progress.report({ increment: 100 / total, message: vscode.l10n.t('{0} of {1}', settled, total) });
        },
      });
    },
  );
  const counts = countOutcomes(report);
  for (const item of report.items.filter((entry) => entry.outcome === 'failed' || entry.outcome === 'skipped')) {
    environment.log.warn(`[${connection.label}] ${item.outcome} ${item.tokenId} (user ${item.userId}): ${item.reason ?? ''}`);
  }
  const summary = vscode.l10n.t(
    'Revocation on {0}: {1} accepted by Auth0 (shown as pending until it no longer lists them), {2} failed, {3} skipped.',
    tenant, counts.pending + counts.revoked, counts.failed, counts.skipped,
  );
  const details = vscode.l10n.t('Show Details');
  const shownMessage = counts.failed + counts.skipped > 0
    ? vscode.window.showWarningMessage(`${summary}${report.stopReason ? ` ${report.stopReason}` : ''}`, details)
    : vscode.window.showInformationMessage(summary);
  void Promise.resolve(shownMessage).then((choice) => choice === details && environment.log.show());
  return report;
}
