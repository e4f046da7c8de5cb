// Entry point: wires the concerns together. Nothing else lives here.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('auth0TokenInspector.refresh', () => undefined),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
