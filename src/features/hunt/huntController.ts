// "Hunt Refresh Tokens…" end to end: the form (or a command argument), the hunt as background
// work with a cancellable notification and a status-bar item, the checkpoint in global storage
// (a reload offers to resume; a resumed hunt reads no user twice), the results panel, and what
// the panel asks for (a token's details, Revoke Selected, Contain User, exports). One hunt runs
// at a time.
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { COMMANDS, EARLY_ACCESS_KEY_PREFIX, STORAGE_FILES } from '../../contributions';
import type { ManagementClient } from '../../auth0/managementClient';
import type { HuntCheckpoint } from './core/checkpoint';
import { describeCriteria } from './core/criteria';
import { fileCheckpointStore, type FileCheckpointStore } from './core/fileCheckpointStore';
import type { HuntResult } from './core/huntRunner';
import type { EarlyAccessMemory } from './core/huntTokenSource';
import { describeHuntProgress, describeTimeLeft, describeUsersDone } from './core/progressText';
import { rowsToCsv, rowsToJson } from './core/results';
import { allUsersSource, listUserSource, queryUserSource, userSourceFromDescriptor, type UserSource, type UserSourceDescriptor } from './core/userSources';
import { usersExportSource } from './core/usersExportSource';
import { HuntSession } from './core/huntSession';
import { safeLabel } from '../../presentation/plainText';
import type { RevocationReport } from '../response/core/revocationExecutor';
import type { TenantConnection } from '../../tenants/tenantConnection';
import { HuntResultsPanel } from './results/huntResultsPanel';
import type { HuntEnvironment } from './huntEnvironment';
import { askForHunt, requestFromArguments, type UserChoice } from './huntInput';
import { pickTenant } from '../../workbench/tenantPicker';

function newHuntId(): string {
  return `hunt-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(4).toString('hex')}`;
}

/** Users listings for the hunt are background work too. */
function backgroundUsers(client: ManagementClient): Pick<ManagementClient, 'listUsers'> {
  return { listUsers: (options) => client.listUsers({ ...options, priority: 'background' }) };
}

export class HuntController implements vscode.Disposable {
  private session: HuntSession | undefined;
  private connection: TenantConnection | undefined;
  private panel: HuntResultsPanel | undefined;
  private statusBar: vscode.StatusBarItem | undefined;
  private readonly checkpoints: FileCheckpointStore;

  constructor(private readonly environment: HuntEnvironment) {
    this.checkpoints = fileCheckpointStore(vscode.Uri.joinPath(environment.storageUri, STORAGE_FILES.huntCheckpoint).fsPath);
  }

  /** The hunt running or last run in this window. */
  get current(): HuntSession | undefined {
    return this.session;
  }

  /** The results panel, while open. */
  get results(): HuntResultsPanel | undefined {
    return this.panel;
  }

  /** The saved checkpoint (any hunt), for tests and the resume offer. */
  savedCheckpoint(): Promise<HuntCheckpoint | undefined> {
    return this.checkpoints.latest();
  }

  /**
   * The command. `node`: a tenant row (else the only tenant, else a Quick Pick); `args`: a
   * HuntArguments object instead of the form (automation). Resolves when the hunt ends, with its
   * result; undefined when none ran.
   */
  async huntCommand(node?: unknown, args?: unknown): Promise<HuntResult | undefined> {
    if (this.session?.state === 'running') {
      const show = vscode.l10n.t('Show Results');
      const replace = vscode.l10n.t('Cancel It and Start Another');
      const answer = await vscode.window.showInformationMessage(vscode.l10n.t('A hunt is running on {0}.', safeLabel(this.connection?.label ?? '')), show, replace);
      if (answer === show) {
        this.showResults();
      }
      if (answer !== replace) {
        return undefined;
      }
      this.session.cancel();
      await this.session.start().catch(() => undefined);
    }
    const connection = await pickTenant(this.environment.registry, node, { title: vscode.l10n.t('Hunt refresh tokens on which tenant?'), connectWhenNone: true });
    const model = connection?.getModel();
    if (!connection || !model) {
      if (connection) {
        void vscode.window.showErrorMessage(connection.credentialProblem ?? vscode.l10n.t('Set a Management API token or client credentials for {0} first.', safeLabel(connection.label)));
      }
      return undefined;
    }
    if (args === undefined) {
      const saved = await this.checkpoints.latest().catch(() => undefined);
      if (saved && saved.state !== 'completed' && saved.tenant.toLowerCase() === connection.domain.toLowerCase()) {
        const resume = vscode.l10n.t('$(debug-continue) Resume the last hunt');
        const picked = await vscode.window.showQuickPick(
          [
            { label: resume, description: safeLabel(`${describeCriteria(saved.criteria, (id) => model.applicationName(id))} · ${saved.usersDone.length.toLocaleString('en-US')} users done`) },
            { label: vscode.l10n.t('$(add) Start a new hunt'), description: vscode.l10n.t('the last one cannot be resumed afterwards') },
          ],
          { title: vscode.l10n.t('Hunt Refresh Tokens on {0}', safeLabel(connection.label)) },
        );
        if (!picked) {
          return undefined;
        }
        if (picked.label === resume) {
          return this.resume();
        }
      }
    }
    let request;
    try {
      request = args === undefined ? await askForHunt(connection.label, model) : await requestFromArguments(args, model);
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return undefined;
    }
    if (!request) {
      return undefined;
    }
    const notices = this.noticeTarget(connection);
    const session = new HuntSession({
      huntId: newHuntId(),
      model,
      tenant: connection.domain,
      criteria: request.criteria,
      users: this.userSource(request.users, model.client, notices.notice),
      earlyAccess: this.earlyAccess(connection.domain),
      checkpoints: this.checkpoints,
    });
    notices.attach(session);
    return this.run(session, connection);
  }

  /**
   * Where a user source's notices go (the users export waiting for the tenant's other jobs, or
   * asking for a fresh link): the output channel, and the hunt's progress once its session exists.
   */
  private noticeTarget(connection: TenantConnection): { notice: (text: string) => void; attach: (session: HuntSession) => void } {
    let target: HuntSession | undefined;
    return {
      notice: (text) => {
        this.environment.log.info(`[${connection.label}] Hunt users export: ${text}`);
        target?.notice(text);
      },
      attach: (session) => {
        target = session;
      },
    };
  }

  /** Resumes the hunt of the saved checkpoint (after a reload or a cancel); undefined when there is none. */
  async resume(): Promise<HuntResult | undefined> {
    let saved: HuntCheckpoint | undefined;
    try {
      saved = await this.checkpoints.latest();
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return undefined;
    }
    if (!saved || saved.state === 'completed') {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no unfinished hunt to resume.'));
      return undefined;
    }
    const connection = await this.environment.registry.find(saved.tenant);
    const model = connection?.getModel();
    if (!connection || !model) {
      void vscode.window.showErrorMessage(
        connection?.credentialProblem ?? vscode.l10n.t('The hunt was on tenant {0}, which is not connected now. Connect it, then resume.', safeLabel(saved.tenant)),
      );
      return undefined;
    }
    const resumeNotices = this.noticeTarget(connection);
    const session = new HuntSession({
      huntId: saved.huntId,
      model,
      tenant: connection.domain,
      criteria: saved.criteria,
      users: this.userSource(saved.userSource, model.client, resumeNotices.notice),
      earlyAccess: this.earlyAccess(connection.domain),
      checkpoints: this.checkpoints,
      resumeFrom: saved,
    });
    resumeNotices.attach(session);
    return this.run(session, connection);
  }

  /** On activation, when the checkpoint says a hunt was running: ask to resume it. */
  async offerResume(): Promise<void> {
    const saved = await this.checkpoints.latest().catch(() => undefined);
    if (saved?.state !== 'running' || this.session?.state === 'running') {
      return;
    }
    const resume = vscode.l10n.t('Resume');
    const discard = vscode.l10n.t('Discard');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('A hunt on {0} was interrupted after {1} users ({2} tokens matched). Resume it?', safeLabel(saved.tenant), saved.usersDone.length, saved.matches.length),
      resume,
      discard,
    );
    if (answer === resume) {
      void this.resume();
    } else if (answer === discard) {
      await this.checkpoints.remove(saved.huntId);
    }
  }

  showResults(): void {
    if (this.panel) {
      this.panel.reveal();
    } else if (this.session && this.connection) {
      this.openPanel(this.session, this.connection);
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('No hunt has run in this window yet: use "Hunt Refresh Tokens…".'));
    }
  }

  /** Handles a message as the results page would post it (automation and tests). */
  async receive(message: unknown): Promise<void> {
    await this.panel?.onMessage(message);
  }

  /**
   * What a window reload does to a hunt: the session and its panel are gone (reads in flight are
   * abandoned); only the checkpoint file stays. Used by tests before resume().
   */
  forget(): void {
    this.session?.dispose();
    this.session = undefined;
    this.panel?.dispose();
    this.panel = undefined;
    this.statusBar?.hide();
  }

  /** Forgets what was learnt about a tenant's Early Access endpoints (tests reuse loopback ports). */
  async forgetEarlyAccess(domain: string): Promise<void> {
    await this.environment.globalState.update(EARLY_ACCESS_KEY_PREFIX + domain.toLowerCase(), undefined);
  }

  /** Writes the matches (`tokenIds`, or all) as CSV or JSON; resolves with the file written. */
  async exportResults(format: 'csv' | 'json', tokenIds?: readonly string[], destination?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const session = this.session;
    if (!session) {
      return undefined;
    }
    const wanted = tokenIds === undefined ? undefined : new Set(tokenIds);
    const rows = session.rows().filter((row) => wanted === undefined || wanted.has(row.tokenId));
    const safeTenant = session.tenant.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
    const uri =
      destination ??
      (await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export the hunt results'),
        defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()), `hunt-${safeTenant}-${new Date().toISOString().slice(0, 10)}.${format}`),
        filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
      }));
    if (!uri) {
      return undefined;
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(format === 'csv' ? rowsToCsv(rows) : rowsToJson(rows)));
    const all = session.rows().length;
    void vscode.window.showInformationMessage(
      rows.length < all
        ? vscode.l10n.t('Exported the {0} of {1} matched refresh tokens that the filter shows to {2}.', rows.length.toLocaleString('en-US'), all.toLocaleString('en-US'), uri.fsPath)
        : rows.length === 1
          ? vscode.l10n.t('Exported 1 refresh token to {0}.', uri.fsPath)
          : vscode.l10n.t('Exported {0} refresh tokens to {1}.', rows.length.toLocaleString('en-US'), uri.fsPath),
    );
    return uri;
  }

  /** Revoke Selected from the results (see revokeSelectedFlow.ts). */
  async revokeSelected(tokenIds: readonly string[]): Promise<RevocationReport | undefined> {
    if (!this.session || !this.connection) {
      return undefined;
    }
    return this.environment.response.revokeSelected(this.session, this.connection, tokenIds);
  }

  dispose(): void {
    this.session?.dispose();
    this.panel?.dispose();
    this.statusBar?.dispose();
  }

  private earlyAccess(domain: string): EarlyAccessMemory {
    const key = EARLY_ACCESS_KEY_PREFIX + domain.toLowerCase();
    const state = this.environment.globalState;
    return {
      get: () => {
        const value = state.get<unknown>(key);
        return typeof value === 'boolean' ? value : undefined;
      },
      set: (available) => void state.update(key, available),
    };
  }

  private userSource(choice: UserChoice | UserSourceDescriptor, client: ManagementClient, onNotice: (text: string) => void): UserSource {
    const exporter = usersExportSource(client, { onNotice });
    if (choice.kind === 'all-users') {
      void exporter.countUsers(new AbortController().signal);
      return allUsersSource((signal) => exporter.users(signal), () => exporter.total);
    }
    if (choice.kind === 'query') {
      return queryUserSource(backgroundUsers(client), choice.query);
    }
    if ('users' in choice) {
      return listUserSource(choice.users, choice.label);
    }
    return userSourceFromDescriptor(choice, { client: backgroundUsers(client), exportUsers: (signal) => exporter.users(signal) });
  }

  private openPanel(session: HuntSession, connection: TenantConnection): void {
    this.panel?.dispose();
    const panel = new HuntResultsPanel(this.environment.extensionUri, session, connection.label, {
      openToken: async (tokenId) => {
        const match = session.matches.find((candidate) => candidate.token.id === tokenId);
        if (!match) {
          return;
        }
        const { user } = match;
        this.environment.panels.show({
          kind: 'token',
          connection,
          model: session.model,
          token: match.token,
          userLabel: user.email ?? user.name ?? user.userId,
          userTokens: session.matches.filter((candidate) => candidate.user.userId === user.userId).map((candidate) => candidate.token),
        });
      },
      containUser: async (userId) => {
        const match = session.matches.find((candidate) => candidate.user.userId === userId);
        if (match) {
          await this.environment.response.containUser({ connection, model: session.model, userId, userLabel: match.user.email ?? match.user.name });
        }
      },
      revokeSelected: async (tokenIds) => {
        await this.environment.response.revokeSelected(session, connection, tokenIds);
      },
      exportResults: async (format, tokenIds) => {
        await this.exportResults(format, tokenIds);
      },
      cancelHunt: () => session.cancel(),
    });
    panel.onDidDispose(() => {
      if (this.panel === panel) {
        this.panel = undefined;
      }
    });
    this.panel = panel;
  }

  private updateStatusBar(session: HuntSession): void {
    const bar = (this.statusBar ??= vscode.window.createStatusBarItem('auth0TokenInspector.hunt', vscode.StatusBarAlignment.Left, 0));
    bar.name = vscode.l10n.t('Auth0 hunt');
    bar.command = COMMANDS.showHuntResults;
    const { progress } = session;
    const left = session.cancelling ? vscode.l10n.t('cancelling') : describeTimeLeft(progress.remainingMs)?.replace(/^about /, '');
    const users = progress.usersTotal === undefined
      ? `${(progress.usersDone + progress.usersFailed).toLocaleString('en-US')}`
      : `${(progress.usersDone + progress.usersFailed).toLocaleString('en-US')}/${progress.usersTotal.toLocaleString('en-US')}`;
    bar.text = `$(search-fuzzy) ${vscode.l10n.t('Hunt: {0} users · {1} matched', users, progress.tokensMatched.toLocaleString('en-US'))}${left ? ` · ${left}` : ''}`;
    bar.tooltip = `${describeHuntProgress(progress, session.state, session.cancelling)}\n${vscode.l10n.t('Click to show the results.')}`;
    bar.show();
  }

  private async run(session: HuntSession, connection: TenantConnection): Promise<HuntResult | undefined> {
    this.session?.dispose();
    this.session = session;
    this.connection = connection;
    this.openPanel(session, connection);
    this.updateStatusBar(session);
    const barUpdates = session.onDidChange((change) => change.kind === 'progress' && this.updateStatusBar(session));
    const tenant = safeLabel(connection.label);
    let result: HuntResult | undefined;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Hunting refresh tokens on {0}', tenant), cancellable: true },
        async (progress, cancellation) => {
          cancellation.onCancellationRequested(() => session.cancel());
          let reported = 0;
          const updates = session.onDidChange((change) => {
            if (change.kind !== 'progress') {
              return;
            }
            const { usersDone, usersFailed, usersTotal } = session.progress;
            const percent = usersTotal ? Math.min(100, ((usersDone + usersFailed) / usersTotal) * 100) : reported;
            progress.report({ message: describeHuntProgress(session.progress, session.state, session.cancelling), increment: Math.max(0, percent - reported) });
            reported = Math.max(reported, percent);
          });
          try {
            return await session.start();
          } finally {
            updates.dispose();
          }
        },
      );
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    } finally {
      barUpdates.dispose();
      if (this.session === session) {
        this.statusBar?.hide();
      }
    }
    if (!result || this.session !== session) {
      return result;
    }
    this.environment.log.info(`[${connection.label}] Hunt ${session.huntId}: ${describeHuntProgress(result.progress, result.outcome)}`);
    const show = vscode.l10n.t('Show Results');
    const matched = result.matches.length;
    const users = new Set(result.matches.map((match) => match.user.userId)).size;
    let message: Thenable<string | undefined>;
    if (result.outcome === 'completed') {
      await this.checkpoints.remove(session.huntId).catch(() => undefined);
      message = vscode.window.showInformationMessage(
        vscode.l10n.t('Hunt finished on {0}: {1} refresh tokens of {2} users matched ({3} read).', tenant, matched, users, describeUsersDone(result.progress)),
        show,
      );
    } else if (result.outcome === 'cancelled') {
      message = vscode.window.showInformationMessage(
        vscode.l10n.t('Hunt cancelled on {0} after {1}; {2} refresh tokens matched so far. "Hunt Refresh Tokens…" resumes it.', tenant, describeUsersDone(result.progress), matched),
        show,
      );
    } else {
      message = vscode.window.showErrorMessage(vscode.l10n.t('The hunt on {0} stopped: {1}', tenant, result.stopCause?.message ?? ''), show);
    }
    void Promise.resolve(message).then((choice) => choice === show && this.showResults());
    return result;
  }
}
