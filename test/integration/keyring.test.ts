// Issue 18 § 6: a keyring that is not there. The extension's own SecretStorage (context.secrets)
// is wrapped at the one seam the extension exposes for it (registry.credentialStore.wrapSecrets)
// so that the calls for one tenant fail the way VS Code's do on Linux without a keyring; the
// other tenant goes through the real SecretStorage. Prompts and notifications are answered through
// the suites' one recording test window (testWindow.ts).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { SecretStore } from '../../src/tenants/tenantCredentials';
import type { ExplorerNode } from '../../src/features/explorer/nodes/explorerNode';
import { getTestWindow } from './testWindow';
import { connectEmulator, describeRows, extensionApi, kindOf, messageRows, removeAllTenants, startEmulator, tenantRow, type RunningEmulator } from './harness';

const NO_KEYRING = "An OS keyring couldn't be identified for storing the encryption related data in your current desktop environment.";
const DBUS = 'Cannot autolaunch D-Bus without X11 $DISPLAY';
const LOCKED = 'Cannot create an item in a locked collection';
const SECTION = 'auth0TokenInspector';

type Method = 'get' | 'store' | 'delete';
type Shape = 'throws' | 'rejects' | 'rejects-without-error';

/** The real SecretStorage, except that `method` fails for `domain` in `shape` with `message`. */
function failingFor(domain: string, method: Method, shape: Shape, message: string, echoValue = false) {
  return (real: SecretStore): SecretStore => {
    const fails = (key: string) => key.toLowerCase().endsWith(`:${domain.toLowerCase()}`);
    const fail = (value?: string): PromiseLike<never> => {
      // A keyring error that repeats what it was given: the extension must not pass it on.
      const text = echoValue && value ? `${message}: ${value}` : message;
      if (shape === 'throws') {
        throw new Error(text);
      }
      return Promise.reject(shape === 'rejects' ? new Error(text) : text);
    };
    return {
      get: (key) => (method === 'get' && fails(key) ? fail() : real.get(key)),
      store: (key, value) => (method === 'store' && fails(key) ? fail(value) : real.store(key, value)),
      delete: (key) => (method === 'delete' && fails(key) ? fail() : real.delete(key)),
      onDidChange: (listener) => real.onDidChange(listener),
    };
  };
}

/** Runs `action` with notifications recorded and closed (not shown) and input boxes answered by `inputs`, in order. */
async function recordingMessages(action: () => Promise<unknown>, inputs: string[] = []): Promise<{ errors: string[]; infos: string[]; asked: vscode.InputBoxOptions[] }> {
  const window = getTestWindow();
  const errors: string[] = [];
  const infos: string[] = [];
  const asked: vscode.InputBoxOptions[] = [];
  const handlers = [
    window.onDidShowMessage((message) => {
      if (message.kind === 'error' || message.kind === 'information') {
        (message.kind === 'error' ? errors : infos).push(message.message);
        message.close();
      }
    }),
    window.onDidShowInputBox((box) => {
      asked.push(box.options);
      box.acceptValue(inputs.shift());
    }),
  ];
  try {
    await action();
  } finally {
    handlers.forEach((handler) => handler.dispose());
  }
  return { errors, infos, asked };
}

function assertCauseAndFix(text: string, cause: string, secrets: string[] = []) {
  assert.ok(text.includes(cause), `names VS Code's message: ${text}`);
  assert.match(text, /password-store/, 'names the password-store setting');
  assert.match(text, /argv\.json/, 'and where it is set');
  assert.match(text, /keyring/, 'or a keyring');
  for (const secret of secrets) {
    assert.ok(!text.includes(secret), 'no secret in it');
  }
}

function secretStorageRow(children: ExplorerNode[]) {
  const row = messageRows(children).find((m) => kindOf(m) === 'message.secretStorage');
  assert.ok(row, `a row saying the credentials failed: ${describeRows(children)}`);
  assert.ok(!messageRows(children).some((m) => m.row.kind === 'loading'), 'no spinner is left');
  return row;
}

function fixRow(children: ExplorerNode[]) {
  const row = messageRows(children).find((m) => kindOf(m) === 'message.keyringFix');
  assert.ok(row, `a row with the fix: ${describeRows(children)}`);
  assert.strictEqual(row.row.command?.command, 'workbench.action.configureRuntimeArguments', 'it opens argv.json');
  return row;
}

const users = (children: ExplorerNode[]) => children.filter((c) => kindOf(c) === 'user');

describe('A keyring that is not there', function () {
  this.timeout(120_000);
  let good: RunningEmulator;
  let bad: RunningEmulator;
  let wrapped: { dispose(): void } | undefined;

  async function wrap(wrapper: (real: SecretStore) => SecretStore) {
    wrapped = (await extensionApi()).registry.credentialStore.wrapSecrets(wrapper);
  }

  before(async () => {
    [good, bad] = await Promise.all([startEmulator({ seed: 3, userCount: 20 }), startEmulator({ seed: 4, userCount: 20 })]);
  });
  afterEach(async () => {
    wrapped?.dispose();
    wrapped = undefined;
    await removeAllTenants();
  });
  after(async () => {
    await Promise.all([good.close(), bad.close()]);
  });

  // Where the read fails × its shape: activation's read (a reload) with each shape, 3 cases.
  const readShapes: [Shape, string][] = [
    ['throws', NO_KEYRING],
    ['rejects', DBUS],
    ['rejects-without-error', LOCKED],
  ];
  for (const [shape, message] of readShapes) {
    it(`SecretStorage.get ${shape} for one tenant: the other lists users; the row names the cause and the fix, and retries`, async () => {
      const api = await extensionApi();
      await connectEmulator(good, { label: 'Good' });
      await connectEmulator(bad, { label: 'Bad' });
      await wrap(failingFor(bad.domain, 'get', shape, message));
      // What activation does: read every tenant's secret.
      await api.registry.reload();
      const rows = await api.explorer.tenantRows();
      assert.deepStrictEqual(rows.map((r) => r.connection.label).sort(), ['Bad', 'Good'], 'both tenants are listed');
      const goodChildren = await (await tenantRow(good.domain)).getChildren();
      assert.ok(users(goodChildren).length > 0, `the other tenant lists users: ${describeRows(goodChildren)}`);
      // Counted from here: what the connection made before the reload (the visible tree listing the
      // new tenant's users) has been answered by now, behind the other tenant's round trips.
      const sent = bad.requests.length;

      const badTenant = await tenantRow(bad.domain);
      const children = await badTenant.getChildren();
      const row = secretStorageRow(children);
      assert.strictEqual(row.getTreeItem().label, 'Credentials cannot be read from secret storage');
      assert.strictEqual(row.row.description, 'click to retry');
      assertCauseAndFix(String(row.row.tooltip), message, [bad.token]);
      fixRow(children);
      assert.deepStrictEqual(bad.requests.slice(sent).map((r) => `${r.method} ${r.path}`), [], 'nothing was sent for the tenant without credentials');

      // The keyring works again: the row's retry reads the secret and the users appear.
      wrapped?.dispose();
      wrapped = undefined;
      await vscode.commands.executeCommand(row.row.command!.command, ...(row.row.command!.arguments ?? []));
      const after = await (await tenantRow(bad.domain)).getChildren();
      assert.ok(users(after).length > 0, `after the retry the tenant lists users: ${describeRows(after)}`);
    });
  }

  it('Check Tenant Setup on a tenant whose secret cannot be read: says why and the fix, not "no credentials"', async () => {
    const api = await extensionApi();
    await connectEmulator(bad, { label: 'Bad' });
    await wrap(failingFor(bad.domain, 'get', 'rejects', DBUS));
    await api.registry.reload();
    const result = await vscode.commands.executeCommand<{ html: string } | undefined>('auth0TokenInspector.checkTenantSetup', undefined, bad.domain);
    assert.ok(result);
    assert.doesNotMatch(result.html, /has no credentials yet/);
    assert.ok(result.html.includes('cannot be read from VS Code'), 'says the credentials cannot be read');
    assert.match(result.html, /password-store/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a hunt on a tenant whose secret cannot be read: the error names the cause and the fix', async () => {
    const api = await extensionApi();
    await connectEmulator(bad, { label: 'Bad' });
    await wrap(failingFor(bad.domain, 'get', 'throws', NO_KEYRING));
    await api.registry.reload();
    const { errors } = await recordingMessages(async () => vscode.commands.executeCommand('auth0TokenInspector.huntRefreshTokens', await tenantRow(bad.domain), {}));
    assert.strictEqual(errors.length, 1, `one error: ${errors.join(' | ')}`);
    assertCauseAndFix(errors[0], NO_KEYRING);
  });

  // Connect (automation) with the save failing in each shape: 3 cases.
  const saveShapes: [Shape, string][] = [
    ['throws', NO_KEYRING],
    ['rejects', DBUS],
    ['rejects-without-error', LOCKED],
  ];
  for (const [shape, message] of saveShapes) {
    it(`Connect to Tenant, SecretStorage.store ${shape}: the tenant stays with its label; the error names the cause and the fix, never the token`, async () => {
      await connectEmulator(good, { label: 'Good' });
      // The keyring error repeats the value it was given (the JSON with the token).
      await wrap(failingFor(bad.domain, 'store', shape, message, true));
      let rejection: Error | undefined;
      const { errors } = await recordingMessages(async () => {
        rejection = await Promise.resolve(vscode.commands.executeCommand('auth0TokenInspector.connectTenant', { domain: bad.domain, label: 'New tenant', token: bad.token })).then(
          () => undefined,
          (error: Error) => error,
        );
      });
      assert.ok(rejection, 'the command rejects for its caller');
      assertCauseAndFix(rejection.message, message.replace(/\.$/, ''), [bad.token]);
      assert.strictEqual(errors.length, 1, 'and the person is told once');
      assertCauseAndFix(errors[0], message.replace(/\.$/, ''), [bad.token]);
      assert.match(errors[0], /The tenant is kept/);
      const tenants = vscode.workspace.getConfiguration(SECTION).get<{ domain: string; label?: string }[]>('tenants') ?? [];
      assert.deepStrictEqual(
        tenants.find((t) => t.domain === bad.domain),
        { domain: bad.domain, label: 'New tenant' },
        'the tenant is kept in settings, with its label',
      );
      assert.ok(!JSON.stringify(vscode.workspace.getConfiguration(SECTION).inspect('tenants')).includes(bad.token), 'no token in settings');
      const children = await (await tenantRow(bad.domain)).getChildren();
      const row = secretStorageRow(children);
      assert.strictEqual(row.getTreeItem().label, 'Credentials could not be saved in secret storage');
      assert.strictEqual(row.row.command?.command, 'auth0TokenInspector.setManagementToken', 'the row asks for the token again');
      fixRow(children);
      assert.ok(users(await (await tenantRow(good.domain)).getChildren()).length > 0, 'the other tenant still lists users');
    });
  }

  it('Use Client Credentials, SecretStorage.store fails: the client ID typed is offered again, the secret is not kept', async () => {
    await connectEmulator(bad, { label: 'Bad' });
    await wrap(failingFor(bad.domain, 'store', 'rejects', LOCKED, true));
    const first = await recordingMessages(async () => vscode.commands.executeCommand('auth0TokenInspector.useClientCredentials', await tenantRow(bad.domain)), [bad.clientId, bad.clientSecret]);
    assert.strictEqual(first.errors.length, 1);
    assertCauseAndFix(first.errors[0], LOCKED, [bad.clientSecret]);
    // The earlier token is still stored (the save did not replace it): the tenant still works.
    const kept = await (await tenantRow(bad.domain)).getChildren();
    assert.ok(users(kept).length > 0, `the tenant keeps the credentials it had: ${describeRows(kept)}`);
    wrapped?.dispose();
    wrapped = undefined;
    const second = await recordingMessages(async () => vscode.commands.executeCommand('auth0TokenInspector.useClientCredentials', await tenantRow(bad.domain)), [bad.clientId, bad.clientSecret]);
    assert.strictEqual(second.asked[0].value, bad.clientId, 'the client ID typed before is offered');
    assert.strictEqual(second.asked[1].value, undefined, 'the secret is not');
    assert.deepStrictEqual(second.errors, []);
  });

  it('Set Management API Token, SecretStorage.store throws: the tenant stays; told why and the fix', async () => {
    await vscode.workspace.getConfiguration(SECTION).update('tenants', [{ domain: bad.domain, label: 'Bad' }], vscode.ConfigurationTarget.Global);
    await (await extensionApi()).registry.reload([{ domain: bad.domain, label: 'Bad' }]);
    await wrap(failingFor(bad.domain, 'store', 'throws', NO_KEYRING, true));
    const { errors } = await recordingMessages(async () => vscode.commands.executeCommand('auth0TokenInspector.setManagementToken', await tenantRow(bad.domain)), [bad.token]);
    assert.strictEqual(errors.length, 1);
    assertCauseAndFix(errors[0], NO_KEYRING.replace(/\.$/, ''), [bad.token]);
    const row = secretStorageRow(await (await tenantRow(bad.domain)).getChildren());
    assert.strictEqual(row.getTreeItem().label, 'Credentials could not be saved in secret storage');
  });

  it('Sign Out, SecretStorage.delete rejects: says the credentials may still be stored, not "signed out"', async () => {
    await connectEmulator(bad, { label: 'Bad' });
    await wrap(failingFor(bad.domain, 'delete', 'rejects', DBUS));
    const { errors, infos } = await recordingMessages(async () => vscode.commands.executeCommand('auth0TokenInspector.signOut', await tenantRow(bad.domain)));
    assert.deepStrictEqual(infos, [], 'no "signed out" message');
    assert.strictEqual(errors.length, 1);
    assertCauseAndFix(errors[0], DBUS);
    assert.match(errors[0], /may still be in secret storage/);
  });

  it('Remove Tenant, SecretStorage.delete throws: the tenant is removed all the same, and told the secret may remain', async () => {
    await connectEmulator(good, { label: 'Good' });
    await connectEmulator(bad, { label: 'Bad' });
    await wrap(failingFor(bad.domain, 'delete', 'throws', NO_KEYRING));
    const { errors } = await recordingMessages(async () => vscode.commands.executeCommand('auth0TokenInspector.removeTenant', await tenantRow(bad.domain)));
    assert.strictEqual(errors.length, 1);
    assertCauseAndFix(errors[0], NO_KEYRING.replace(/\.$/, ''));
    assert.match(errors[0], /removed from settings/);
    const tenants = vscode.workspace.getConfiguration(SECTION).get<{ domain: string }[]>('tenants') ?? [];
    assert.deepStrictEqual(tenants.map((t) => t.domain), [good.domain]);
  });
});
