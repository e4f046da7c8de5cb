// The one way commands read the row (or automation argument) they were invoked with: they ask
// the row what it offers (ExplorerNode.target) instead of testing its class. A row is recognised
// by what it answers (a `target()` method), not by `instanceof`: the features that ask sit in
// other bundles than the explorer's classes, and no automation argument (JSON) carries a method.
import * as vscode from 'vscode';
import type { NodeTarget, TenantTarget } from '../tenants/targets';
import type { TenantConnection } from '../tenants/tenantConnection';

/** What a row of the Refresh Tokens view answers to commands (features/explorer's ExplorerNode). */
export interface TargetRow {
  readonly connection: TenantConnection | undefined;
  target(): NodeTarget | undefined;
}

/** Whether `node` is a row of the view (as opposed to an automation argument or a panel's target). */
export function isTargetRow(node: unknown): node is TargetRow {
  return typeof node === 'object' && node !== null && typeof (node as Partial<TargetRow>).target === 'function';
}

type TargetOfKind<K extends NodeTarget['kind']> = Extract<NodeTarget, { kind: K }>;

/** What `node` offers of `kind` (a token row offers a token, a user row a user…), if anything. */
export function targetOf<K extends NodeTarget['kind']>(node: unknown, kind: K): TargetOfKind<K> | undefined {
  const target = isTargetRow(node) ? node.target() : undefined;
  return target?.kind === kind ? (target as TargetOfKind<K>) : undefined;
}

/** Like targetOf, but a command run on the wrong row says what to choose instead. */
export function requireTarget<K extends NodeTarget['kind']>(node: unknown, kind: K): TargetOfKind<K> {
  const target = targetOf(node, kind);
  if (!target) {
    throw new Error(kind === 'token' ? vscode.l10n.t('Choose a refresh token in the Refresh Tokens view.') : vscode.l10n.t('Choose a user in the Refresh Tokens view.'));
  }
  return target;
}

/** The tenant of any row (its own, or the one it sits under), or of a tenant target (a panel's). */
export function connectionOf(node: unknown): TenantConnection | undefined {
  if (isTargetRow(node)) {
    return node.connection;
  }
  const target = node as Partial<TenantTarget> | undefined;
  return target?.kind === 'tenant' ? target.connection : undefined;
}
