// The hunt's commands as activation registers them: "Hunt Refresh Tokens…" and "Show Hunt
// Results". Everything beyond registration lives in the lazily loaded dist/hunt.lazy.js (see
// lazy.ts), so activation stays small.
import * as vscode from 'vscode';
import { COMMANDS, STORAGE_FILES } from '../../contributions';
import type { HuntController } from './huntController';
import { lazy } from './lazy';
import type { HuntEnvironment } from './huntEnvironment';

/** Registers the commands; the controller (and its bundle) is made on first use. */
export class HuntCommands implements vscode.Disposable {
  private loaded: HuntController | undefined;

  constructor(private readonly environment: HuntEnvironment) {}

  /** The hunt controller, loading its bundle (the commands, or a test reading the API). */
  controller(): HuntController {
    this.loaded ??= new (lazy().HuntController)(this.environment);
    return this.loaded;
  }

  /** The controller if its bundle is loaded (a hunt ran or was shown in this window); never loads it. */
  get loadedController(): HuntController | undefined {
    return this.loaded;
  }

  register(): vscode.Disposable[] {
    return [
      this,
      vscode.commands.registerCommand(COMMANDS.huntRefreshTokens, (node?: unknown, args?: unknown) => this.controller().huntCommand(node, args)),
      vscode.commands.registerCommand(COMMANDS.showHuntResults, () => this.controller().showResults()),
    ];
  }

  /** After activation: a hunt that a reload interrupted is offered for resuming (its bundle loads only then). */
  async offerResume(): Promise<void> {
    let state: unknown;
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.environment.storageUri, STORAGE_FILES.huntCheckpoint)));
      state = (JSON.parse(text) as { state?: unknown } | null)?.state;
    } catch {
      return; // no hunt was interrupted (or its file is unreadable: "Hunt Refresh Tokens…" says so)
    }
    if (state === 'running') {
      await this.controller().offerResume();
    }
  }

  dispose(): void {
    this.loaded?.dispose();
  }
}
