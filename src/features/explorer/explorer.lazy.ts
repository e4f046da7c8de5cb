// The tree's flows loaded on first use (through lazy.ts): a person's request on a row, run once
// in a while, so activation does not carry it.
import * as vscode from 'vscode';
import { judgeAll } from '../../model/judgeAll';
import { safeLabel } from '../../presentation/plainText';
import { userDisplayName } from '../../presentation/userLabel';
import type { ExplorerNode } from './nodes/explorerNode';

/**
 * "Judge All Refresh Tokens of User" on a user row: lifts the background bound for the sessions
 * of the user's listed tokens that can still be exchanged (model/judgeAll.ts). They are read
 * one at a time at background priority, paced by the tenant's limit; the output channel says how
 * many ("judging all: reading 37 sessions for findings, 37 left") and the row's tooltip counts
 * down. With none waiting, a message says so and why. Returns the sessions it reads.
 */
export function judgeAllTokens(node: ExplorerNode | undefined): number {
  const target = node?.target();
  if (target?.kind !== 'user') {
    return 0;
  }
  const { sessions } = judgeAll(target.model.evidence, target.user.user_id, target.loadedTokens);
  if (sessions === 0) {
    const name = safeLabel(userDisplayName(target.user));
    void vscode.window.showInformationMessage(
      target.loadedTokens.length === 0
        ? vscode.l10n.t('Expand {0} first: Judge All reads the evidence of the refresh tokens listed.', name)
        : vscode.l10n.t('Every refresh token listed for {0} that can still be exchanged has its findings. Load more to list others.', name),
    );
  }
  return sessions;
}
