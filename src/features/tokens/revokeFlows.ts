// The confirm-and-revoke flows of the tokens feature (one token, a session and its tokens, all of
// a user's), loaded on first use with the tokens bundle (tokens.lazy.ts): each asks with a modal
// that names who and what, then acts on the tenant's model, whose events redraw the tree, the
// details panels and the Quick Pick.
import * as vscode from 'vscode';
import { safeLabel } from '../../presentation/plainText';
import { userDisplayName } from '../../presentation/userLabel';
import type { TokenTarget, UserTarget } from '../../tenants/targets';

/** Asks (a modal naming user, application and tenant), then revokes; resolves true when revoked. */
export async function confirmAndRevokeToken(target: TokenTarget): Promise<boolean> {
  const { token, model, connection } = target;
  const app = model.applicationName(token.client_id) ?? token.client_id ?? vscode.l10n.t('an unknown application');
  const user = target.userLabel ?? token.user_id ?? '';
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Revoke the refresh token of {0} for {1} on tenant {2}?', app, user, connection.label),
    {
      modal: true,
      detail: vscode.l10n.t('The application on that device must sign in again once its access token expires. Token {0}.', token.id),
    },
    vscode.l10n.t('Revoke'),
  );
  if (answer !== vscode.l10n.t('Revoke')) {
    return false;
  }
  await model.revokeToken(token);
  void vscode.window.showInformationMessage(vscode.l10n.t('Revoked the refresh token of {0} for {1}.', app, user));
  return true;
}

/** Asks (a modal naming user, session and the tokens bound to it), then revokes the session and its refresh tokens. */
export async function confirmAndRevokeSession(target: TokenTarget): Promise<boolean> {
  const { token, model, connection } = target;
  const sessionId = typeof token.session_id === 'string' && token.session_id !== '' ? token.session_id : undefined;
  if (!sessionId) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This refresh token has no linked session to revoke (its session_id is null or not recorded).'));
    return false;
  }
  const bound = (target.userTokens ?? [token]).filter((t) => t.session_id === sessionId);
  const user = target.userLabel ?? token.user_id ?? '';
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Revoke session {0} of {1} on tenant {2}, and its refresh tokens?', sessionId, user, connection.label),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The session ends and Auth0 revokes every refresh token bound to it: {0} listed here ({1}). Applications using them must sign in again.',
        bound.length,
        bound.map((t) => model.applicationName(t.client_id) ?? t.client_id ?? t.id).join(', '),
      ),
    },
    vscode.l10n.t('Revoke Session'),
  );
  if (answer !== vscode.l10n.t('Revoke Session')) {
    return false;
  }
  await model.revokeSession(sessionId, token.user_id, bound.map((t) => t.id));
  void vscode.window.showInformationMessage(vscode.l10n.t('Revoked session {0} of {1} and its refresh tokens.', sessionId, user));
  return true;
}

/** Asks (a modal naming the user and tenant), then revokes every refresh token of the user. */
export async function confirmAndRevokeAll(target: UserTarget): Promise<boolean> {
  const { model, user, connection } = target;
  const name = safeLabel(userDisplayName(user));
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Revoke ALL refresh tokens of {0} on tenant {1}?', name, connection.label),
    { modal: true, detail: vscode.l10n.t('Every application and device of this user must sign in again. User {0}.', user.user_id) },
    vscode.l10n.t('Revoke All'),
  );
  if (answer !== vscode.l10n.t('Revoke All')) {
    return false;
  }
  await model.revokeAllTokens(user.user_id, target.loadedTokens.map((token) => token.id));
  void vscode.window.showInformationMessage(vscode.l10n.t('Revoking all refresh tokens of {0}.', name));
  return true;
}
