// Issue #10, "What real tenants send": settings.json edited by hand, the tree must stay valid
// (VS Code refuses a tree whose item ids repeat) and say what it ignored.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
// The registry is built here from tsc's copy (the extension's own is in its bundle) to give it
// credential reads the test answers in its own order, and a hook that records what is reported.
import { TenantCredentialStore } from '../../src/tenants/tenantCredentials';
import { TenantRegistry, type RegistryHooks } from '../../src/tenants/tenantRegistry';
import type { ExplorerNode } from '../../src/features/explorer/nodes/explorerNode';
import type { UserNode } from '../../src/features/explorer/nodes/userNode';
import { getTestWindow } from './testWindow';
import { connectEmulator, extensionApi, kindOf, messageRows, removeAllTenants, startEmulator, type RunningEmulator } from './harness';

const SECTION = 'auth0TokenInspector';

async function writeTenants(value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('tenants', value, vscode.ConfigurationTarget.Global);
  const api = await extensionApi();
  // The registry reloads on the change event too; reloading here makes the test wait for it.
  await api.registry.reload();
}

/** Every tree item id under the view's root, two levels down, in the order VS Code would see them. */
async function treeIds(): Promise<string[]> {
  const api = await extensionApi();
  const ids: string[] = [];
  const visit = async (nodes: ExplorerNode[], depth: number) => {
    for (const node of nodes) {
      const id = node.getTreeItem().id;
      if (id !== undefined) {
        ids.push(id);
      }
      if (depth < 1) {
        await visit(await node.getChildren(), depth + 1);
      }
    }
  };
  await visit(await api.explorer.getChildren(), 0);
  return ids;
}

function repeated(ids: string[]): string[] {
  return ids.filter((id, index) => ids.indexOf(id) !== index);
}

/** SecretStorage whose reads wait until the test answers them; nothing is stored. */
function gatedSecrets(): { secrets: vscode.SecretStorage; reads: { key: string; answer: (value: string | undefined) => void }[]; dispose(): void } {
  const reads: { key: string; answer: (value: string | undefined) => void }[] = [];
  const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  const secrets: vscode.SecretStorage = {
    get: (key) => new Promise<string | undefined>((resolve) => reads.push({ key, answer: resolve })),
    store: () => Promise.resolve(),
    delete: () => Promise.resolve(),
    onDidChange: changed.event,
  };
  return { secrets, reads, dispose: () => changed.dispose() };
}

function registryHooks(onIgnoredSettings?: RegistryHooks['onIgnoredSettings']): RegistryHooks {
  return { onRequest: () => () => undefined, onRetry: () => () => undefined, onIgnoredSettings };
}

describe('Hand-edited settings and pasted input (issue #10)', function () {
  this.timeout(60_000);

  afterEach(async () => {
    await removeAllTenants();
  });

  it('shows one row for a tenant written twice in different case, with distinct ids, and says which entry it ignored', async () => {
    await writeTenants([{ domain: 'acme.eu.auth0.com' }, { domain: 'ACME.eu.auth0.com', label: 'prod' }]);
    const api = await extensionApi();
    const rows = await api.explorer.tenantRows();
    assert.deepStrictEqual(rows.map((row) => row.connection.domain), ['acme.eu.auth0.com']);
    const ids = await treeIds();
    assert.deepStrictEqual(repeated(ids), [], `ids: ${JSON.stringify(ids)}`);
    const tooltip = String(rows[0].getTreeItem().tooltip);
    assert.match(tooltip, /Entry 2 \("ACME\.eu\.auth0\.com", label "prod"\) repeats acme\.eu\.auth0\.com \(entry 1\); ignored/);
  });

  it('keeps the tree valid whatever else is written by hand', async () => {
    await writeTenants([
      'acme.eu.auth0.com',
      null,
      42,
      [{ domain: 'nested.example' }],
      {},
      { domain: '' },
      { domain: 7 },
      { domain: 'https://acme.eu.auth0.com/api/v2/', label: '  ', lable: 'typo' },
      { domain: 'acme.eu.auth0.com.', label: 'prod' },
      { domain: 'ACME.EU.AUTH0.COM' },
      { domain: 'dev.us.auth0.com', label: 12 },
      { domain: 'not a domain' },
      { domain: 'NOT A DOMAIN' },
    ]);
    const api = await extensionApi();
    const rows = await api.explorer.tenantRows();
    assert.deepStrictEqual(
      rows.map((row) => [row.connection.domain, row.connection.label]),
      [
        ['acme.eu.auth0.com', 'acme.eu.auth0.com'],
        ['dev.us.auth0.com', 'dev.us.auth0.com'],
        ['not a domain', 'not a domain'],
      ],
    );
    const ids = await treeIds();
    assert.deepStrictEqual(repeated(ids), [], `ids: ${JSON.stringify(ids)}`);
    const [acme, dev, invalid] = rows.map((row) => String(row.getTreeItem().tooltip));
    assert.match(acme, /unknown key "lable"/);
    assert.match(acme, /repeats acme\.eu\.auth0\.com \(entry 8\); ignored/);
    assert.match(dev, /label 12 is not text/);
    assert.match(invalid, /Entry 13 \("NOT A DOMAIN"\) repeats "not a domain" \(entry 12\); ignored/);
  });

  it('reports each ignored entry once, however often the list reloads, and again if it comes back', async () => {
    const reported: string[][] = [];
    const secrets = gatedSecrets();
    // Reads answered at once: this test is about reporting, not ordering.
    secrets.secrets.get = () => Promise.resolve(undefined);
    const registry = new TenantRegistry(new TenantCredentialStore(secrets.secrets), registryHooks((ignored) => reported.push(ignored.map((note) => note.message))));
    try {
      const duplicate = [{ domain: 'acme.eu.auth0.com' }, { domain: 'ACME.eu.auth0.com', label: 'prod' }];
      // Written to settings (not passed to reload) so that the registry's own reloads on the
      // change event read the same list as the ones awaited here.
      await writeTenants(duplicate);
      await registry.reload();
      await registry.reload();
      await registry.tenants();
      assert.deepStrictEqual(reported, [['Entry 2 ("ACME.eu.auth0.com", label "prod") repeats acme.eu.auth0.com (entry 1); ignored.']]);
      await writeTenants([{ domain: 'acme.eu.auth0.com' }]);
      await registry.reload();
      await writeTenants(duplicate);
      await registry.reload();
      assert.strictEqual(reported.length, 2, JSON.stringify(reported));
    } finally {
      registry.dispose();
      secrets.dispose();
    }
  });

  it('ends with the latest list when a tenant is added while the previous list is still loading', async () => {
    const gate = gatedSecrets();
    const registry = new TenantRegistry(new TenantCredentialStore(gate.secrets), registryHooks());
    try {
      const first = registry.reload([{ domain: 'one.example' }, { domain: 'old.example' }]);
      const second = registry.reload([{ domain: 'one.example' }, { domain: 'two.example' }]);
      // one.example's read under way is joined by the second load (a keyring is not asked twice).
      assert.strictEqual(gate.reads.length, 3, 'both loads are waiting for credentials: one, old, two');
      // The later load's credentials arrive first (one and two); the earlier load's result (old) must not win.
      const [one, old, two] = gate.reads.splice(0);
      two.answer(undefined);
      one.answer(undefined);
      await second;
      old.answer(undefined);
      await first;
      assert.deepStrictEqual((await registry.tenants()).map((tenant) => tenant.domain), ['one.example', 'two.example']);
    } finally {
      gate.reads.splice(0).forEach((read) => read.answer(undefined));
      registry.dispose();
      gate.dispose();
    }
  });

  it('shows which host a pasted URL will connect to before connecting, and stores the bare host', async () => {
    const window = getTestWindow();
    const inputsBefore = window.shownInputBoxes.length;
    window.onDidShowInputBox((box) => box.acceptValue(undefined));
    await vscode.commands.executeCommand('auth0TokenInspector.connectTenant');
    const asked = window.shownInputBoxes[inputsBefore]?.options;
    const validate = asked?.validateInput;
    assert.ok(validate, 'the domain prompt validates what is typed');
    const willConnect = { message: 'Will connect to acme.eu.auth0.com', severity: vscode.InputBoxValidationSeverity.Info };
    for (const typed of ['https://acme.eu.auth0.com/', 'https://acme.eu.auth0.com/api/v2/', 'acme.eu.auth0.com.', ' HTTPS://ACME.eu.auth0.com/ ', 'acme.eu.auth0.com']) {
      assert.deepStrictEqual(await validate(typed), willConnect, typed);
    }
    assert.match(String(await validate('https://acme.eu.auth0.com/api/v2/users')), /contains a path or query/);
    assert.match(String(await validate('http://acme.eu.auth0.com/')), /includes a scheme/);

    await vscode.commands.executeCommand('auth0TokenInspector.connectTenant', { domain: 'https://ACME.eu.auth0.com/api/v2/', label: 'prod' });
    const api = await extensionApi();
    assert.deepStrictEqual((await api.explorer.tenantRows()).map((row) => row.connection.domain), ['acme.eu.auth0.com']);
    assert.deepStrictEqual(vscode.workspace.getConfiguration(SECTION).get('tenants'), [{ domain: 'acme.eu.auth0.com', label: 'prod' }]);
  });

  describe('searching an email typed in another case', () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator({ seed: 1 });
    });
    after(async () => {
      await emulator?.close();
    });

    it('finds the enterprise user Jane.Doe@Example.com from jane.doe@example.com, and the search row names the route', async () => {
      const tenant = await connectEmulator(emulator);
      await vscode.commands.executeCommand('auth0TokenInspector.searchUsers', tenant, 'jane.doe@example.com');
      const children = await tenant.getChildren();
      const users = children.filter((child): child is UserNode => kindOf(child) === 'user');
      assert.ok(users.some((user) => user.userId === 'samlp|acme/corp|Jane.Doe@Example.com'), children.map((c) => c.getTreeItem().label).join(' | '));
      const searchRow = messageRows(children).find((row) => row.row.contextValue === 'search');
      assert.strictEqual(searchRow?.getTreeItem().description, 'email in any case · click to clear');
    });
  });
});
