// A tenant's credentials that VS Code's SecretStorage could not read, save or delete. On Linux
// without a usable OS keyring, every SecretStorage call can fail ("An OS keyring couldn't be
// identified…", "Cannot autolaunch D-Bus without X11 $DISPLAY", "Cannot create an item in a locked
// collection"); the error keeps VS Code's own words as the cause and adds the fix VS Code documents
// (https://code.visualstudio.com/docs/configure/settings-sync#_troubleshooting-keychain-issues).
// Loaded on first failure (dist/secretStorageError.js, see secretStorageErrorLoader.ts): a
// working keyring never needs these words at activation.
import { COMMANDS } from '../contributions';

export type SecretOperation = 'read' | 'save' | 'delete';

/** VS Code's documented fix, in one paragraph: a running keyring, or `password-store` in argv.json. */
export const PASSWORD_STORE_FIX =
  'VS Code keeps secrets in the OS keyring. Start one (gnome-keyring, KWallet or another Secret Service) and unlock it, or tell VS Code ' +
  'which to use: run "Preferences: Configure Runtime Arguments" and add "password-store": "gnome-libsecret" to argv.json ' +
  '("basic" also works, but only obfuscates the secrets), then restart VS Code. ' +
  'See https://code.visualstudio.com/docs/configure/settings-sync#_troubleshooting-keychain-issues';

const WHAT: Record<SecretOperation, string> = {
  read: 'cannot be read from',
  save: 'could not be saved in',
  delete: 'could not be removed from',
};

/** The row of a failed call (the shape of presentation/failureRow.ts FailureRow). */
export interface SecretStorageRow {
  label: string;
  description: string;
  /** The message and the fix. */
  detail: string;
  /** Read again (the keyring may run now), or enter the credentials again (a failed save kept no secret). */
  fix: 'retry' | 'set-credentials';
}

/** A tree row's content (the shape of features/explorer/nodes/messageNode.ts MessageRow). */
export interface SecretStorageTreeRow {
  kind: 'error' | 'action';
  label: string;
  description: string;
  tooltip: string;
  command: { command: string; title: string; arguments?: unknown[] };
  contextValue: string;
}

/** What a command that failed on SecretStorage kept, said after the error in its notification. */
export type SecretStorageAftermath = 'tenant-kept' | 'maybe-still-stored' | 'tenant-removed';

const AFTERMATH: Record<SecretStorageAftermath, string> = {
  'tenant-kept': "The tenant is kept; only the secret was not stored anywhere. Enter it again from the tenant's row once the keyring works.",
  'maybe-still-stored': 'They may still be in secret storage: sign out again once the keyring works.',
  'tenant-removed': 'The tenant was removed from settings; its credentials may still be in secret storage.',
};

export class SecretStorageError extends Error {
  override readonly name = 'SecretStorageError';
  /** The documented fix (PASSWORD_STORE_FIX). */
  readonly fix = PASSWORD_STORE_FIX;
  /** For a save that failed: the client ID entered with the secret (not a secret), to offer it again. */
  typedClientId: string | undefined;

  /**
   * `reason`: VS Code's (or the keyring's) message, already free of secrets (see
   * secretStorageError()). The message names the tenant, the operation and the reason.
   */
  constructor(
    readonly operation: SecretOperation,
    readonly domain: string,
    readonly reason: string,
  ) {
    super(`The credentials of ${domain} ${WHAT[operation]} VS Code's secret storage: ${reason.replace(/[.\s]+$/, '')}.`);
  }

  /** The row that says so: what failed, the action, and the message with the fix as its tooltip. */
  row(): SecretStorageRow {
    const detail = `${this.message}\n\n${this.fix}`;
    switch (this.operation) {
      case 'read':
        return { label: 'Credentials cannot be read from secret storage', description: 'click to retry', detail, fix: 'retry' };
      case 'save':
        return { label: 'Credentials could not be saved in secret storage', description: 'click to enter them again', detail, fix: 'set-credentials' };
      case 'delete':
        return { label: 'Credentials could not be removed from secret storage', description: 'click to retry', detail, fix: 'retry' };
    }
  }

  /**
   * The tenant's rows under `owner` (its tree row): the failure, whose click reads again (retry)
   * or asks for a token again (a failed save kept no secret), then the fix, which opens argv.json.
   */
  treeRows(owner: unknown): SecretStorageTreeRow[] {
    const { label, description, detail, fix } = this.row();
    const action = fix === 'retry' ? { command: COMMANDS.refresh, title: 'Retry' } : { command: COMMANDS.setManagementToken, title: 'Set Management API Token' };
    return [
      { kind: 'error', label, description, tooltip: detail, command: { ...action, arguments: [owner] }, contextValue: 'message.secretStorage' },
      {
        kind: 'action',
        label: 'Fix: start an OS keyring, or set "password-store" in argv.json',
        description: 'Configure Runtime Arguments…',
        tooltip: this.fix,
        // VS Code's "Preferences: Configure Runtime Arguments" opens argv.json.
        command: { command: 'workbench.action.configureRuntimeArguments', title: 'Configure Runtime Arguments' },
        contextValue: 'message.keyringFix',
      },
    ];
  }

  /** A notification's text: the message, what the command kept, and the fix. */
  notice(aftermath: SecretStorageAftermath): string {
    return `${this.message} ${AFTERMATH[aftermath]} ${this.fix}`;
  }
}

/** Longest reason kept: a keyring message is a sentence, not a dump. */
const MAX_REASON = 300;

/**
 * The SecretStorageError for what a SecretStorage call threw or rejected with (`error`: an Error,
 * a string, anything). Every string in `secrets` (the token, the client secret, the JSON stored)
 * is cut out of the reason, so no secret reaches a message, a row or the output channel.
 */
export function secretStorageError(operation: SecretOperation, domain: string, error: unknown, secrets: readonly string[] = []): SecretStorageError {
  let reason = error instanceof Error ? error.message : typeof error === 'string' ? error : 'no reason given';
  for (const secret of [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length)) {
    reason = reason.split(secret).join('[secret]');
  }
  // Control characters (a multi-line D-Bus dump) would break a row's tooltip and the log's lines.
  // eslint-disable-next-line no-control-regex
  reason = reason.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim() || 'no reason given';
  return new SecretStorageError(operation, domain, reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason);
}
