// One user: expands into their refresh tokens, loaded one page at a time.
import * as vscode from 'vscode';
import type { RefreshToken, User } from '../../../auth0/types';
import { COMMANDS } from '../../../contributions';
import type { TokenAnalysis } from '../../../findings/analyzeToken';
import type { TenantModel } from '../../../model/tenantModel';
import { backgroundReadingText, judgedText } from '../../../model/tokenEvidence';
import { refreshTokenPager } from '../../../paging/cursorPager';
import { safeLabel } from '../../../presentation/plainText';
import { userTooltip } from '../../../presentation/tooltips';
import { userDisplayName } from '../../../presentation/userLabel';
import type { UserTarget } from '../../../tenants/targets';
import { credentialsCommand } from '../credentialsCommand';
import type { ExplorerContext } from '../explorerContext';
import { PagedChildren } from '../pagedChildren';
import { loadMoreTokensLabel } from '../../../workbench/pagerStatus';
import { untrustedMarkdown } from '../untrustedMarkdown';
import { ExplorerNode } from './explorerNode';
import { MessageNode } from './messageNode';
import { RefreshTokenNode } from './refreshTokenNode';

export class UserNode extends ExplorerNode {
  private tokens: PagedChildren<RefreshToken, string> | undefined;
  private readonly rows = new Map<string, RefreshTokenNode>();
  /** The findings of the loaded tokens, computed once per change of tokens or evidence. */
  private analyses: Map<string, TokenAnalysis> | undefined;

  constructor(
    parent: ExplorerNode,
    public user: User,
    private readonly model: TenantModel,
    private readonly context: ExplorerContext,
  ) {
    super(parent);
  }

  get userId(): string {
    return this.user.user_id;
  }

  get displayName(): string {
    return safeLabel(userDisplayName(this.user));
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.displayName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `user:${this.connection?.domain}:${this.user.user_id}`;
    const summary = this.findingsSummary();
    // Background evidence stopped at the bound: say so where the person looks, and how to ask for the rest.
    const judged = judgedText(this.model.evidence.stoppedAtBound(this.user.user_id, this.loadedTokens));
    item.description = (summary && judged ? `${summary} · ${judged}: Judge All…` : summary) ?? (this.displayName === safeLabel(this.user.user_id) ? undefined : safeLabel(this.user.user_id));
    // Codicons have no "blocked person": a blocked user is the account icon in the error colour.
    item.iconPath = this.user.blocked ? new vscode.ThemeIcon('account', new vscode.ThemeColor('list.errorForeground')) : new vscode.ThemeIcon('account');
    item.contextValue = 'user';
    return item;
  }

  override resolveTooltip(): vscode.MarkdownString {
    const tooltip = userTooltip(this.user, this.context.now());
    // What is being read in the background for this user's findings, while it is.
    const reading = backgroundReadingText(this.model.evidence.backgroundReading(this.user.user_id));
    const judged = judgedText(this.model.evidence.stoppedAtBound(this.user.user_id, this.loadedTokens));
    const notes = [reading, judged && `${judged}: Judge All Refresh Tokens of User (context menu) reads the rest`].filter(Boolean);
    return untrustedMarkdown(notes.length > 0 ? `${tooltip}\n\n*${notes.join('; ')}*` : tooltip);
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return this.pagedChildren().rows();
  }

  /** The refresh tokens loaded so far (the tree's rows, in Auth0's order). */
  get loadedTokens(): readonly RefreshToken[] {
    return this.tokens?.pager.items ?? [];
  }

  override pagedChildren(): PagedChildren<RefreshToken, string> {
    if (!this.tokens) {
      this.tokens = new PagedChildren(refreshTokenPager(this.model.client, this.user.user_id, this.context.listing().tokensPageSize), {
        owner: this,
        redraw: (node) => this.context.redraw(node),
        rowFor: (token) => this.rowForToken(token),
        loadMore: (loaded, total) => loadMoreTokensLabel(loaded, total),
        empty: vscode.l10n.t('No refresh tokens'),
        credentialsCommand: credentialsCommand(this.connection, this),
        credentialKind: this.connection?.credentials?.kind,
        beforeShow: async (tokens) => {
          this.findingsChanged();
          await this.model.resolveApplicationNames(tokens);
          this.loadEvidence();
        },
        visible: (token) =>
          !this.context.flaggedOnly() || this.rowForToken(token).flag !== undefined || this.context.keptInView(this.connection?.domain ?? '', token.id),
        hiddenRow: (hidden) =>
          new MessageNode(this, {
            kind: 'info',
            label: hidden === 1 ? vscode.l10n.t('1 unflagged token hidden') : vscode.l10n.t('{0} unflagged tokens hidden', hidden),
            description: vscode.l10n.t('click to show all'),
            command: { command: COMMANDS.showAllTokens, title: vscode.l10n.t('Show All Tokens') },
            contextValue: 'message.hidden',
          }),
      });
    }
    return this.tokens;
  }

  override refreshTarget(): ExplorerNode {
    return this;
  }

  /**
   * Refresh: forgets loaded tokens (the next expansion loads from the first page) and has the
   * user's log events and sessions read again, so a late `ferrt` or a session ended since shows.
   */
  override reset(): void {
    this.model.evidence.markStale(this.user.user_id, this.loadedTokens);
    this.tokens?.dispose();
    this.tokens = undefined;
    this.rows.clear();
    this.analyses = undefined;
  }

  /** Tokens, evidence or revocations changed: the findings are worked out again when next asked. */
  findingsChanged(): void {
    this.analyses = undefined;
  }

  /** The findings of one loaded token (undefined until its page has arrived). */
  analysisOf(tokenId: string): TokenAnalysis | undefined {
    const tokens = this.loadedTokens;
    if (tokens.length === 0) {
      return undefined;
    }
    this.analyses ??= this.model.analyzeUserTokens(this.user.user_id, tokens, this.context.now());
    return this.analyses.get(tokenId);
  }

  /**
   * "7 tokens · 2 flagged" once tokens are loaded; while more pages remain, "50 of 250 tokens"
   * from Auth0's `total`, or "50+ tokens" when the tenant sent none.
   */
  private findingsSummary(): string | undefined {
    const pager = this.tokens?.pager;
    if (!pager || pager.items.length === 0) {
      return pager?.state === 'done' ? vscode.l10n.t('no tokens') : undefined;
    }
    const flagged = pager.items.filter((token) => this.rowForToken(token).flag !== undefined).length;
    const loaded = pager.items.length.toLocaleString('en-US');
    const count = !pager.hasMore ? loaded : pager.total !== undefined && pager.total > pager.items.length ? vscode.l10n.t('{0} of {1}', loaded, pager.total.toLocaleString('en-US')) : `${loaded}+`;
    return pager.items.length === 1 && !pager.hasMore
      ? vscode.l10n.t('1 token · {0} flagged', flagged === 0 ? 'none' : flagged)
      : vscode.l10n.t('{0} tokens · {1} flagged', count, flagged === 0 ? 'none' : flagged);
  }

  /** Sessions and log events for the findings, in the background: the rows never wait for them. */
  private loadEvidence(): void {
    void this.model.evidence.loadHistory(this.user.user_id);
    void this.model.evidence.loadSessionsOf(this.user.user_id, this.loadedTokens);
  }

  override target(): UserTarget | undefined {
    const { connection } = this;
    return connection ? { kind: 'user', connection, model: this.model, user: this.user, loadedTokens: this.loadedTokens } : undefined;
  }

  /** The row of a token, made once so open panels and the tree agree on it. */
  rowForToken(token: RefreshToken): RefreshTokenNode {
    let row = this.rows.get(token.id);
    if (!row) {
      row = new RefreshTokenNode(this, token, this.model, this.displayName, this.context, () => this.analysisOf(token.id), () => this.loadedTokens);
      this.rows.set(token.id, row);
    }
    return row;
  }
}
