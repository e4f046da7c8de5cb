import * as assert from 'node:assert';
import * as vscode from 'vscode';

const extensionId = 'auth0-token-inspector.auth0-token-inspector';

describe('Activation', () => {
  it('activates the extension', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `extension ${extensionId} is installed in the test host`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('registers every command it contributes in package.json', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    await extension.activate();
    const contributed: string[] = extension.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepStrictEqual(missing, [], 'every contributed command is registered');
  });
});
