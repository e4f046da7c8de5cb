// The one way commands read the row (or automation argument) they were invoked with: they ask
// the row what it offers (ExplorerNode.target) instead of testing its class.
import * as vscode from 'vscode';
import type { NodeTarget, TenantTarget } from '../tenants/targets';
import type { TenantConnection } from '../tenants/tenantConnection';
import { ExplorerNode } from '../features/explorer/nodes/explorerNode';

type TargetOfKind<K extends NodeTarget['kind']> = Extract<NodeTarget, { kind: K }>;

/** What `node` offers of `kind` (a token row offers a token, a user row a user…), if anything. */
export function targetOf<K extends NodeTarget['kind']>(node: unknown, kind: K): TargetOfKind<K> | undefined {
  const target = node instanceof ExplorerNode ? node.target() : undefined;
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
  if (node instanceof ExplorerNode) {
    return node.connection;
  }
  const target = node as Partial<TenantTarget> | undefined;
  return target?.kind === 'tenant' ? target.connection : undefined;
}
