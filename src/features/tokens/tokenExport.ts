// The longer token flows, loaded on first use (see lazy.ts): exporting a user's
// refresh tokens to JSON or CSV, with their findings, and editing a token's metadata.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { RefreshToken } from '../../auth0/types';
import { refreshTokenPager } from '../../paging/cursorPager';
import { tokensToCsv, tokensToJson } from '../../presentation/export';
import { safeLabel } from '../../presentation/plainText';
import { parseRefreshTokenMetadata } from '../../presentation/tokenMetadata';
import { userDisplayName } from '../../presentation/userLabel';
import type { TokenTarget, UserTarget } from '../../tenants/targets';

/** Exports all of a user's refresh tokens (every page, cancellable) to JSON or CSV, with their findings. */
export async function exportTokens(target: UserTarget, format?: 'json' | 'csv', destination?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const { model, user } = target;
  const name = safeLabel(userDisplayName(user));
  const chosenFormat =
    format ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'JSON', description: vscode.l10n.t('complete tokens, every field'), format: 'json' as const },
          { label: 'CSV', description: vscode.l10n.t('one row per token, for spreadsheets'), format: 'csv' as const },
        ],
        { title: vscode.l10n.t('Export the refresh tokens of {0}', name) },
      )
    )?.format;
  if (!chosenFormat) {
    return undefined;
  }
  const safeName = user.user_id.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  const uri =
    destination ??
    (await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export refresh tokens'),
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()), `refresh-tokens-${safeName}.${chosenFormat}`),
      filters: chosenFormat === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
    }));
  if (!uri) {
    return undefined;
  }
  const take = 100; // the largest page: fewest requests for a complete export
  const tokens = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting refresh tokens of {0}', name), cancellable: true },
    async (progress, cancellation) => {
      const controller = new AbortController();
      cancellation.onCancellationRequested(() => controller.abort());
      const pager = refreshTokenPager(model.client, user.user_id, take);
      return pager.loadAll(controller.signal, ({ loaded }) => progress.report({ message: vscode.l10n.t('{0} loaded', loaded) }));
    },
  );
  await model.resolveApplicationNames(tokens);
  const names = new Map<string, string>();
  for (const { client_id: clientId } of tokens) {
    const name = model.applicationName(clientId);
    if (clientId && name) {
      names.set(clientId, name);
    }
  }
  // The findings as far as known now: the tokens' own fields, and the sessions and logs already fetched.
  const now = new Date();
  const analyses = model.analyzeUserTokens(user.user_id, tokens, now);
  const findings = new Map([...analyses].map(([id, analysis]) => [id, analysis.findings]));
  const content = chosenFormat === 'json' ? tokensToJson(tokens, findings) : tokensToCsv(tokens, names, now, findings);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  void vscode.window.showInformationMessage(
    tokens.length === 1
      ? vscode.l10n.t('Exported 1 refresh token to {0}.', uri.fsPath)
      : vscode.l10n.t('Exported {0} refresh tokens to {1}.', tokens.length.toLocaleString('en-US'), uri.fsPath),
  );
  return uri;
}

/** Edits the token's metadata as JSON, starting from what Auth0 has now (PATCH replaces the whole object). */
export async function editTokenMetadata(target: TokenTarget): Promise<RefreshToken | undefined> {
  const { model, token } = target;
  const latest = await model.client.getRefreshToken(token.id);
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Metadata of refresh token {0}', token.id),
    prompt: vscode.l10n.t('A JSON object of strings (at most 25 keys; keys and values at most 255 characters), or null to clear it. Replaces the whole object.'),
    value: JSON.stringify(latest.refresh_token_metadata ?? {}),
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseRefreshTokenMetadata(text);
      return parsed.ok ? undefined : parsed.problems.map((problem) => problem.message).join(' ');
    },
  });
  if (value === undefined) {
    return undefined;
  }
  const parsed = parseRefreshTokenMetadata(value);
  if (!parsed.ok) {
    return undefined;
  }
  const updated = await model.updateMetadata(token.id, parsed.metadata);
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Saved the refresh token metadata'), 3000);
  return updated;
}
