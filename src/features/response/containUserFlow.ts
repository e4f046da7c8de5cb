// "Contain User…": from a user row, a finding in the details panel, or the hunt results. The
// scopes every step needs are checked first (a missing one is named, and nothing is done); then
// one modal lists exactly what will happen, in order, with blocking as the person's choice; then
// the steps run (block, end every session, revoke every refresh token), each with an audit line,
// and a report says what happened to each.
import * as vscode from 'vscode';
import { countUserExposure, containUserActions } from './core/incidentResponse';
import { safeLabel } from '../../presentation/plainText';
import {
  checkContainScopes, CONTAIN_STEP_WORDS, describeContainPlan, executeContainPlan, planContainUser, type ContainReport, type ContainStepKind,
} from './core/containUser';
import { auditWriter } from './auditTrail';
import type { ContainTarget, ResponseEnvironment } from './types';

const STEP_DONE: Record<ContainStepKind, string> = {
  'block-user': 'blocked',
  'revoke-sessions': 'every session ended',
  'revoke-refresh-tokens': 'every refresh token revoked (Auth0 applies it in the background)',
};

/** Resolves true when every step was done; false when the person declined, a scope is missing, or a step failed. */
export async function containUser(environment: ResponseEnvironment, target: ContainTarget): Promise<boolean> {
  const { connection, model, userId } = target;
  const label = safeLabel(target.userLabel || userId);
  const tenant = safeLabel(connection.label);
  const { scopes, exposure } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking what containing {0} takes', label) },
    async () => {
      const granted = await connection.grantedScopes().catch(() => undefined);
      return { scopes: granted, exposure: await countUserExposure(model, userId) };
    },
  );
  const user = { userId, ...(target.userLabel ? { email: label } : {}) };
  const counts = { refreshTokenCount: exposure.refreshTokenCount, sessionCount: exposure.sessionCount };
  const withBlock = planContainUser(user, { block: true, ...counts });
  const withoutBlock = planContainUser(user, { block: false, ...counts });
  const required = checkContainScopes(withoutBlock, scopes);
  if (required.status === 'missing') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot contain {0} on tenant {1}. {2}', label, tenant, required.message), { modal: true });
    return false;
  }
  const canBlock = checkContainScopes(withBlock, scopes).status !== 'missing';
  const steps = canBlock
    ? describeContainPlan(withBlock).map((line, index) => (index === 0 ? vscode.l10n.t('{0} (only with "Contain and Block")', line) : line))
    : describeContainPlan(withoutBlock);
  const notes = [
    canBlock ? '' : vscode.l10n.t('Blocking is not offered: the token lacks update:users.'),
    required.status === 'unknown' ? required.message : '',
  ].filter((note) => note !== '');
  const containAndBlock = vscode.l10n.t('Contain and Block');
  const containOnly = vscode.l10n.t('Contain');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Contain {0} on tenant {1}?', label, tenant),
    { modal: true, detail: [vscode.l10n.t('In this order:'), ...steps, ...notes, vscode.l10n.t('User {0}. Revoked tokens and ended sessions cannot be restored; a block can be lifted later (Dashboard, or PATCH blocked: false).', userId)].join('\n') },
    ...(canBlock ? [containAndBlock, containOnly] : [containOnly]),
  );
  if (answer !== containAndBlock && answer !== containOnly) {
    return false;
  }
  const plan = answer === containAndBlock ? withBlock : withoutBlock;
  const report: ContainReport = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Containing {0}', label), cancellable: true },
    (progress, cancellation) => {
      const controller = new AbortController();
      cancellation.onCancellationRequested(() => controller.abort());
      return executeContainPlan(plan, containUserActions(model, exposure.refreshTokenIds), {
        grantedScopes: scopes,
        // The modal said so when the scopes cannot be read; the person chose to go on.
        allowUnknownScopes: true,
        audit: auditWriter(environment, connection),
        signal: controller.signal,
        onStep: (step) => progress.report({ message: `${step.kind}: ${step.outcome}`, increment: 100 / plan.steps.length }),
      });
    },
  );
  const failed = report.steps.filter((step) => step.outcome !== 'done');
  for (const step of report.steps) {
    environment.log.info(`[${connection.label}] Contain ${userId}: ${step.kind} ${step.outcome}${step.reason ? ` (${step.reason})` : ''}`);
  }
  if (report.refused) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was done to {0}: {1}', label, report.refused));
    return false;
  }
  const done = report.steps.filter((step) => step.outcome === 'done').map((step) => STEP_DONE[step.kind]);
  if (failed.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Contained {0}: {1}.', label, done.join(', ')));
    return true;
  }
  void vscode.window.showWarningMessage(
    vscode.l10n.t('{0} is only partly contained. Done: {1}. Not done: {2}.', label, done.join(', ') || vscode.l10n.t('nothing'),
      failed.map((step) => `${CONTAIN_STEP_WORDS[step.kind]} (${step.outcome}: ${step.reason ?? ''})`).join('; ')),
  );
  return false;
}
