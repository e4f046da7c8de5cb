// "Watch Tenant…" and its companions as activation registers them: five command registrations and
// one globalState read, nothing more (the activation bundle stays small). Everything else (the
// core's tail and judge, the feed, the status bar) loads on first use through lazy.ts; after a
// reload the bundle loads only when a watch was running, which then resumes from its checkpoint.
import * as vscode from 'vscode';
import { COMMANDS } from '../../contributions';
import { lazy } from './lazy';
import type { WatchController } from './watchController';
import type { WatchEnvironment } from './watchEnvironment';

/** Each command and the controller method it calls. */
const METHODS = { watchTenant: 'watchCommand', showWatchAlerts: 'showFeed', stopWatching: 'stop', exportWatchAlerts: 'exportAlerts', watchMenu: 'statusMenu' } as const;

/** Registers the commands; `controller()` makes the controller (and loads its bundle) on first use. */
export function registerWatch(environment: WatchEnvironment): { controller(): WatchController; disposables: vscode.Disposable[] } {
  let loaded: WatchController | undefined;
  const controller = () => (loaded ??= new (lazy().WatchController)(environment));
  const disposables = Object.entries(METHODS).map(([command, method]) =>
    vscode.commands.registerCommand(COMMANDS[command as keyof typeof METHODS], (...args: unknown[]) => (controller()[method] as (...a: unknown[]) => unknown)(...args)),
  );
  disposables.push({ dispose: () => loaded?.dispose() });
  // A watch a reload interrupted (its key is watchStores.ts' RUNNING_WATCH_KEY) resumes from its checkpoint.
  if (environment.globalState.get('auth0TokenInspector.watch.running') !== undefined) {
    void controller().resumeAfterReload();
  }
  return { controller, disposables };
}
