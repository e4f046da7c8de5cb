// The tree side of paging, shared by a tenant's users and a user's refresh tokens: the loaded
// items as rows, then one trailing row for the pager's state (loading, load more, error with
// its fix, empty, capped). A failed page keeps the rows already loaded.
import * as vscode from 'vscode';
import type { Pager } from '../paging/pager';
import { failureRow, type CredentialKind } from '../presentation/failureRow';
import { COMMANDS } from '../commands/commandIds';
import type { ExplorerNode } from './nodes/explorerNode';
import { MessageNode } from './nodes/messageNode';

export interface PagedChildrenOptions<T> {
  owner: ExplorerNode;
  /** Makes (or reuses) the row of one item. */
  rowFor(item: T): ExplorerNode;
  /** "Load more users… (50 of 312)". */
  loadMoreLabel(loaded: number, total: number | undefined): string;
  emptyLabel: string;
  /** The row that offers a fix for credential problems (set a token) on this tenant. */
  credentialsCommand: vscode.Command;
  /** Which credentials the tenant uses, so a refusal names them. */
  credentialKind?: CredentialKind;
  searchCommand?: vscode.Command;
  capLabel?: string;
  /** Runs after a page arrives and before its rows are shown (e.g. resolve application names). */
  beforeShow?(items: readonly T[]): Promise<void>;
}

export class PagedChildren<T, C = unknown> {
  constructor(
    readonly pager: Pager<T, C>,
    private readonly options: PagedChildrenOptions<T>,
  ) {}

  /** Children of the owner; the first call loads the first page. */
  async rows(): Promise<ExplorerNode[]> {
    if (this.pager.state === 'idle' && this.pager.items.length === 0) {
      await this.loadNext();
    }
    const rows: ExplorerNode[] = this.pager.items.map((item) => this.options.rowFor(item));
    const trailing = this.trailingRow();
    if (trailing) {
      rows.push(trailing);
    }
    return rows;
  }

  /** Loads the next page; failures are kept by the pager and shown as a row, never thrown. */
  async loadNext(): Promise<void> {
    try {
      const page = await this.pager.loadNext();
      await this.options.beforeShow?.(page);
    } catch {
      // The pager keeps the error and what was loaded; trailingRow() shows it.
    }
  }

  private trailingRow(): ExplorerNode | undefined {
    const { owner } = this.options;
    const loaded = this.pager.items.length;
    switch (this.pager.state) {
      case 'loading':
        return new MessageNode(owner, { kind: 'loading', label: vscode.l10n.t('Loading…') });
      case 'failed': {
        const failure = failureRow(this.pager.error, this.options.credentialKind);
        const command =
          failure.fix === 'set-credentials'
            ? this.options.credentialsCommand
            : failure.fix === 'search'
              ? this.options.searchCommand
              : failure.fix === 'retry'
                ? { command: COMMANDS.loadMore, title: vscode.l10n.t('Retry'), arguments: [owner] }
                : undefined;
        return new MessageNode(owner, {
          kind: 'error',
          label: failure.label,
          description: loaded > 0 ? vscode.l10n.t('{0} · {1} kept', failure.description, loaded) : failure.description,
          tooltip: failure.detail,
          command,
          contextValue: 'message.error',
        });
      }
      case 'capped':
        return new MessageNode(owner, {
          kind: 'warning',
          label: this.options.capLabel ?? vscode.l10n.t('Only the first 1,000 can be listed'),
          description: vscode.l10n.t('search to find the others'),
          tooltip: vscode.l10n.t('Auth0 pages through only the first 1,000 results of a listing. Search by email, user id or a Lucene query to reach the others.'),
          command: this.options.searchCommand,
        });
      case 'done':
        return loaded === 0 ? new MessageNode(owner, { kind: 'empty', label: this.options.emptyLabel }) : undefined;
      default:
        return this.pager.hasMore
          ? new MessageNode(owner, {
              kind: 'action',
              label: this.options.loadMoreLabel(loaded, this.pager.total),
              command: { command: COMMANDS.loadMore, title: vscode.l10n.t('Load More'), arguments: [owner] },
              contextValue: 'loadMore',
            })
          : undefined;
    }
  }
}
