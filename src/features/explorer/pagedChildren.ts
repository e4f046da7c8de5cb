// The tree side of paging, shared by a tenant's users and a user's refresh tokens: the loaded
// items as rows, then one trailing row for the pager's state (see pagerStatus.ts). A failed page
// keeps the rows already loaded. The pager's own change event redraws the owner's row.
import * as vscode from 'vscode';
import { COMMANDS } from '../../contributions';
import type { Pager } from '../../paging/pager';
import type { ExplorerNode } from './nodes/explorerNode';
import { checkSetupRow, MessageNode, type MessageKind } from './nodes/messageNode';
import { pagerStatus, type PagerStatus, type PagerStatusLabels } from '../../workbench/pagerStatus';

export interface PagedChildrenOptions<T> extends PagerStatusLabels {
  owner: ExplorerNode;
  /** Makes (or reuses) the row of one item. */
  rowFor(item: T): ExplorerNode;
  /** Redraws the owner's row and children. */
  redraw(owner: ExplorerNode): void;
  /** The row that offers a fix for credential problems (set a token) on this tenant. */
  credentialsCommand: vscode.Command;
  searchCommand?: vscode.Command;
  /** Runs after a page arrives and before its rows are shown (e.g. resolve application names). */
  beforeShow?(items: readonly T[]): Promise<void>;
  /** Which loaded items get a row (all when absent): a view filter such as "Flagged Only". */
  visible?(item: T): boolean;
  /** The row that says how many loaded items the filter hides. */
  hiddenRow?(hidden: number): ExplorerNode;
}

const STATUS_KINDS: Record<string, MessageKind> = { loading: 'loading', more: 'action', error: 'error', capped: 'warning', empty: 'empty' };

export class PagedChildren<T, C = unknown> implements vscode.Disposable {
  private readonly subscription: { dispose(): void };
  /** True while rows() itself waits for the first page: its caller gets the rows, no redraw needed. */
  private loadingInline = false;

  constructor(
    readonly pager: Pager<T, C>,
    private readonly options: PagedChildrenOptions<T>,
  ) {
    this.subscription = pager.onDidChange(() => {
      if (!this.loadingInline) {
        options.redraw(options.owner);
      }
    });
  }

  /** Children of the owner; the first call loads the first page. */
  async rows(): Promise<ExplorerNode[]> {
    if (this.pager.state === 'idle' && this.pager.items.length === 0) {
      this.loadingInline = true;
      try {
        await this.loadNext();
      } finally {
        this.loadingInline = false;
      }
    }
    const { visible, hiddenRow } = this.options;
    const shown = visible ? this.pager.items.filter((item) => visible(item)) : this.pager.items;
    const rows: ExplorerNode[] = shown.map((item) => this.options.rowFor(item));
    const hidden = this.pager.items.length - shown.length;
    if (hidden > 0 && hiddenRow) {
      rows.push(hiddenRow(hidden));
    }
    rows.push(...this.trailingRows());
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

  dispose(): void {
    this.subscription.dispose();
  }

  /** The status row, and after an error that stems from the tenant's setup, the row that checks it. */
  private trailingRows(): ExplorerNode[] {
    const status = pagerStatus(this.pager, this.options);
    const row = status && this.statusRow(status);
    if (!row) {
      return [];
    }
    if (!status.checkSetup) {
      return [row];
    }
    return [row, checkSetupRow(this.options.owner)];
  }

  private statusRow(status: PagerStatus): ExplorerNode {
    const { owner } = this.options;
    const loadMore: vscode.Command = { command: COMMANDS.loadMore, title: status.kind === 'more' ? vscode.l10n.t('Load More') : vscode.l10n.t('Retry'), arguments: [owner] };
    const command =
      status.fix === 'set-credentials'
        ? this.options.credentialsCommand
        : status.fix === 'search'
          ? this.options.searchCommand
          : status.fix === 'retry' || status.fix === 'load-more'
            ? loadMore
            : undefined;
    return new MessageNode(owner, {
      kind: STATUS_KINDS[status.kind],
      label: status.label,
      description: status.description,
      tooltip: status.tooltip,
      command,
      contextValue: status.kind === 'more' ? 'loadMore' : status.kind === 'error' ? 'message.error' : undefined,
    });
  }
}
