// A watch started after the attacker's first exchange, in the real VS Code: the story begins with
// the emulator's log (as on a real tenant), the watch starts once the attacker has exchanged the
// stolen token a few times, and the user's log read on first sight is judged with the same rules:
// the feed shows impossible travel and the client changed (high, notified), marked as found in
// that history, with the live exchange beside them (issue 20: a new user's trial found this silent).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LogEvent } from '../../src/auth0/types';
import type { ExtensionApi } from '../../src/extension';
import type { WatchAlert } from '../../src/features/watch/core/watchAlert';
import type { TenantNode } from '../../src/features/explorer/nodes/tenantNode';
import { connectEmulator, extensionApi, removeAllTenants, startEmulator, until, type RunningEmulator } from './harness';
import { getTestWindow } from './testWindow';

describe('Watch a tenant, started after the attacker\'s first exchange', function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  let tenant: TenantNode;
  let victim: string;

  before(async () => {
    emulator = await startEmulator({ seed: 21, liveLog: { attackerEverySeconds: 1, eventsPerSecond: 2 } });
    api = await extensionApi();
    tenant = await connectEmulator(emulator, { label: 'Late' });
    victim = emulator.scenarios.stolenLaptop;
  });

  after(async () => {
    await api.watches.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllTenants();
    await emulator?.close();
  });

  it('raises what the user\'s history holds once the stolen family is exchanged again, marked as found there', async () => {
    // The attacker has exchanged the token from Bucharest before anyone watches.
    const attackerExchanges = async () => {
      const response = await fetch(`${emulator.url}/api/v2/users/${encodeURIComponent(victim)}/logs?sort=date:-1&per_page=20`, { headers: { authorization: `Bearer ${emulator.token}` } });
      return ((await response.json()) as LogEvent[]).filter((event) => event.ip === emulator.liveLog?.attackerIp).length;
    };
    await until(async () => (await attackerExchanges()) >= 2, 'the attacker exchanging before the watch');
    const notified: string[] = [];
    getTestWindow().onDidShowMessage((message) => {
      if (message.kind === 'warning' && !message.modal && message.message.startsWith('Watch Late:')) {
        notified.push(message.message);
        message.close();
      }
    });
    assert.equal(await vscode.commands.executeCommand('auth0TokenInspector.watchTenant', tenant, { minIntervalMs: 100, maxIntervalMs: 400 }), true);
    const alerts = (): readonly WatchAlert[] => api.watches.current?.alerts ?? [];
    const onAttacker = () => alerts().filter((alert) => alert.event.userId === victim && alert.event.ip === emulator.liveLog?.attackerIp);
    await until(
      () => ['impossible-travel', 'tls-changed'].every((kind) => onAttacker().some((alert) => alert.kind === kind)),
      () => `travel and the TLS change on the attacker (alerts: ${alerts().map((alert) => `${alert.kind}/${alert.severity} ${alert.event.ip}`).join(', ')})`,
    );
    for (const alert of onAttacker()) {
      assert.equal(alert.fromHistory, true, alert.title);
      assert.ok(alert.evidence.rows.some((row) => row.label === 'Exchanged live' && row.now?.includes(emulator.liveLog!.attackerIp)), alert.title);
    }
    const allowed = new Set(['impossible-travel:high', 'tls-changed:high']);
    assert.deepEqual(onAttacker().map((alert) => `${alert.kind}:${alert.severity}`).filter((kind) => !allowed.has(kind)), []);
    await until(() => api.watches.feed?.html.includes('Found in the user&#39;s log read when the watch first saw them') === true, 'the feed says where the alert was found');
    await until(() => notified.some((message) => /travel|client/i.test(message)), 'a high alert notified');
  });
});

describe('Watch a tenant from 20 minutes back: reading the backlog', function () {
  this.timeout(180_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  let tenant: TenantNode;
  /** The emulator's clock: 20 minutes behind while it starts (its log begins then), then now, so the log holds 20 minutes of backlog. */
  let shift = -20 * 60_000;
  let logStart = 0;

  before(async () => {
    emulator = await startEmulator({ seed: 22, clock: () => Date.now() + shift, liveLog: { attackerEverySeconds: 20, eventsPerSecond: 0.5 } });
    logStart = Date.now() + shift;
    shift = 0;
    api = await extensionApi();
    tenant = await connectEmulator(emulator, { label: 'Backlog' });
  });

  after(async () => {
    await api.watches.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllTenants();
    await emulator?.close();
  });

  it('notifies the high alerts of the backlog once, summed up, when caught up; not one notification each', async () => {
    const shown: string[] = [];
    getTestWindow().onDidShowMessage((message) => {
      if (message.kind === 'warning' && !message.modal && message.message.startsWith('Watch Backlog:')) {
        shown.push(message.message);
        message.close();
      }
    });
    const since = new Date(logStart).toISOString();
    assert.equal(await vscode.commands.executeCommand('auth0TokenInspector.watchTenant', tenant, { minIntervalMs: 100, maxIntervalMs: 400, since }), true);
    const behind = () => api.watches.current?.watch.status().behindMs ?? Infinity;
    await until(() => behind() < 60_000, () => `caught up (${behind()} ms behind)`, 150_000);
    const alerts = api.watches.current?.alerts ?? [];
    const backlogHigh = alerts.filter((alert) => alert.severity === 'high' && Date.parse(String(alert.event.date)) < Date.now() - 5 * 60_000);
    assert.ok(backlogHigh.length >= 2, `high alerts in the backlog (${alerts.map((alert) => `${alert.kind}/${alert.severity} ${String(alert.event.date)}`).join(', ')})`);
    await until(() => shown.some((text) => /high alerts in the backlog/.test(text)), () => `one summary (${shown.join(' | ')})`);
    assert.deepEqual(shown.filter((text) => !/in the backlog/.test(text) && backlogHigh.some((alert) => text.endsWith(alert.title))), [], `no notification per alert of the backlog (${backlogHigh.map((alert) => `${String(alert.event.date)} ${alert.title}`).join(' | ')}; now ${new Date().toISOString()})`);
    assert.equal(shown.filter((text) => /in the backlog/.test(text)).length, 1);
  });
});
