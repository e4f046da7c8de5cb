// Fault tolerance of the real tree, page by page. errors.test.ts covers a 500 on "Load more", a
// 429 storm, a hanging tenant, 401, 403 and a plan without the endpoint; this suite covers the
// rest: 503 bursts, connection resets, malformed and truncated JSON (survived by retrying, and
// when they persist, ending in a row that names them with the rows kept and a retry that goes
// on from the failed page), a token that expires in the middle of paging (pasted: a row and a
// fix; client credentials: renewed unnoticed), and tokens issued and revoked between pages.
//
// Faults are scripted per request: the emulator records each request before it draws its fault,
// so a hook on that record decides, for exactly that request, which fault (if any) it gets.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { RefreshToken } from '../../src/auth0/types';
import type { ExplorerNode } from '../../src/features/explorer/nodes/explorerNode';
import type { TenantNode } from '../../src/features/explorer/nodes/tenantNode';
import type { UserNode } from '../../src/features/explorer/nodes/userNode';
import { FULL_SCOPES } from '../emulator/auth';
import type { FaultOptions, RecordedRequest } from '../emulator/index';
import {
  removeAllTenants,
  connectEmulator, describeRows, extensionApi, kindOf, loadAllRows, messageRows, startEmulator, tenantRow, tokenRows, userRow, type RunningEmulator,
} from './harness';
import { getTestWindow } from './testWindow';

const SECTION = 'auth0TokenInspector';
const PAGE_SIZE = 5;

type FaultKind = 'serverError' | 'unavailable' | 'connectionReset' | 'malformedJson' | 'truncatedJson' | 'tooManyRequests';

const RATE_OF: Record<FaultKind, keyof FaultOptions> = {
  serverError: 'serverErrorRate',
  unavailable: 'unavailableRate',
  connectionReset: 'connectionResetRate',
  malformedJson: 'malformedJsonRate',
  truncatedJson: 'truncatedJsonRate',
  tooManyRequests: 'tooManyRequestsRate',
};

/** Faults injected and survived, by kind, for the summary line (and the README). */
const tally = { injected: new Map<string, number>(), survived: new Map<string, number>() };

function count(map: Map<string, number>, kind: string, n = 1): void {
  map.set(kind, (map.get(kind) ?? 0) + n);
}

interface FaultScript {
  /** The requests given a fault, in arrival order. */
  injected: { kind: string; request: RecordedRequest }[];
  stop(): void;
}

/**
 * Runs `decide` on every request as the emulator records it, before it draws that request's
 * fault, and configures exactly the fault decided (or none) for that request alone. `onArrival`
 * may change other settings (latency) for the same request.
 */
function scriptFaults(
  emulator: RunningEmulator,
  decide: (request: RecordedRequest) => FaultKind | undefined,
  onArrival?: (request: RecordedRequest) => void,
): FaultScript {
  const requests = emulator.requests as RecordedRequest[] & { push: (...items: RecordedRequest[]) => number };
  const injected: FaultScript['injected'] = [];
  requests.push = (...items: RecordedRequest[]) => {
    const length = Array.prototype.push.apply(requests, items);
    for (const request of items) {
      onArrival?.(request);
      const kind = decide(request);
      emulator.configure({ faults: kind ? { [RATE_OF[kind]]: 1, onlyPaths: /.*/ } : {} });
      if (kind) {
        injected.push({ kind, request });
        count(tally.injected, kind);
      }
    }
    return length;
  };
  return {
    injected,
    stop: () => {
      delete (requests as { push?: unknown }).push;
      emulator.configure({ faults: {}, latencyMs: 0 });
    },
  };
}

function isTokenPage(request: RecordedRequest, userId: string): boolean {
  return request.segments[2] === 'users' && request.segments[3] === userId && request.segments[4] === 'refresh-tokens' && request.method === 'GET';
}

/** No spinner, and at most one trailing row that is not a token. */
function assertSettled(children: ExplorerNode[]): void {
  assert.ok(!messageRows(children).some((m) => m.row.kind === 'loading'), `no spinner is left: ${describeRows(children)}`);
}

function assertExactlyOnce(ids: readonly string[], expected: readonly string[], what: string): void {
  assert.strictEqual(new Set(ids).size, ids.length, `${what}: no duplicates (${ids.length} rows, ${new Set(ids).size} distinct)`);
  assert.deepStrictEqual([...ids], [...expected], what);
}

async function click(row: { row: { command?: vscode.Command } }): Promise<void> {
  const command = row.row.command;
  assert.ok(command, 'the row offers a command');
  await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

function loadMoreRow(children: ExplorerNode[]) {
  const row = messageRows(children).find((m) => m.row.contextValue === 'loadMore');
  assert.ok(row, `a "Load more" row: ${describeRows(children)}`);
  return row;
}

function errorRowOf(children: ExplorerNode[]) {
  const rows = messageRows(children).filter((m) => kindOf(m) === 'message.error');
  assert.strictEqual(rows.length, 1, `one error row: ${describeRows(children)}`);
  return rows[0];
}

/** Seconds since the epoch at which a JWT expires (its `exp`). */
function expiryOf(jwt: string): number {
  return (JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as { exp: number }).exp;
}

/**
 * An onArrival hook: the first request that `matches` is answered only once `jwt` has expired
 * (the emulator checks the token when it answers, after its latency), as if the person had
 * paused before the next page. Requests arriving while it is held wait as well; once it is
 * answered, latency goes back to none.
 */
function holdUntilExpired(emulator: RunningEmulator, jwt: string, matches: (request: RecordedRequest) => boolean): (request: RecordedRequest) => void {
  let held: RecordedRequest | undefined;
  return (request) => {
    if (!held && matches(request)) {
      held = request;
      emulator.configure({ latencyMs: Math.max(0, expiryOf(jwt) * 1000 - Date.now() + 100) });
    } else if (!held || held.status !== 0) {
      emulator.configure({ latencyMs: 0 });
    }
  };
}

describe('Faults: each failure is survived or named, and nothing is lost', function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let tenant: TenantNode;
  const scripts: FaultScript[] = [];

  function script(...args: Parameters<typeof scriptFaults>): FaultScript {
    const started = scriptFaults(...args);
    scripts.push(started);
    return started;
  }

  /** A user with `total` tokens (7 seeded, the rest issued now), and their row. */
  async function userWith(index: number, total: number): Promise<{ userId: string; user: UserNode }> {
    const userId = emulator.fanOutUsers[index];
    while (emulator.refreshTokensOf(userId).length < total) {
      emulator.addRefreshToken(userId);
    }
    return { userId, user: await userRow(tenant, userId) };
  }

  const ids = (rows: ExplorerNode[]) => tokenRows(rows).map((row) => row.token.id);
  const currentIds = (userId: string) => emulator.refreshTokensOf(userId).map((token) => token.id);

  before(async () => {
    await removeAllTenants();
    await vscode.workspace.getConfiguration(SECTION).update('tokensPageSize', PAGE_SIZE, vscode.ConfigurationTarget.Global);
    emulator = await startEmulator({ seed: 12, deleteDelayMs: 0 });
    tenant = await connectEmulator(emulator, { label: 'Faults' });
  });
  afterEach(() => {
    scripts.splice(0).forEach((started) => started.stop());
  });
  after(async () => {
    const kinds = [...tally.injected.keys()].sort();
    const total = (map: Map<string, number>) => [...map.values()].reduce((sum, n) => sum + n, 0);
    console.log(
      `[faults] injected ${total(tally.injected)}, survived ${total(tally.survived)}: ` +
        kinds.map((kind) => `${kind} ${tally.survived.get(kind) ?? 0}/${tally.injected.get(kind)}`).join(', '),
    );
    await removeAllTenants();
    await vscode.workspace.getConfiguration(SECTION).update('tokensPageSize', undefined, vscode.ConfigurationTarget.Global);
    await emulator?.close();
  });

  it('bursts of 503, resets, malformed and truncated JSON, 500 and 429 on every page are retried unnoticed', async () => {
    const { userId, user } = await userWith(0, 25);
    // Page n (1-based) gets the faults listed for it, one per attempt, then answers normally.
    const bursts: FaultKind[][] = [
      ['unavailable', 'unavailable'],
      ['connectionReset', 'connectionReset'],
      ['malformedJson', 'truncatedJson'],
      ['serverError', 'tooManyRequests'],
      ['truncatedJson'],
    ];
    const attempts = new Map<string, number>();
    const faults = script(emulator, (request) => {
      if (!isTokenPage(request, userId)) {
        return undefined;
      }
      const cursor = request.query.from ?? '';
      const attempt = attempts.get(cursor) ?? 0;
      attempts.set(cursor, attempt + 1);
      return bursts[attempts.size - 1]?.[attempt];
    });
    const rows = await loadAllRows(user);
    faults.stop();

    assertSettled(rows);
    assert.strictEqual(messageRows(rows).length, 0, `no error row: ${describeRows(rows)}`);
    assertExactlyOnce(ids(rows), currentIds(userId), 'every token, in order');
    assert.strictEqual(faults.injected.length, 9, 'faults injected');
    // Each retry asked for the same page again: page n was requested once per fault, plus once.
    const cursors = emulator.requests.filter((r) => isTokenPage(r, userId)).map((r) => r.query.from ?? '');
    const perPage = [...new Set(cursors)].map((cursor) => cursors.filter((c) => c === cursor).length);
    assert.deepStrictEqual(perPage.slice(0, bursts.length), bursts.map((burst) => burst.length + 1), 'requests per page');
    faults.injected.forEach(({ kind }) => count(tally.survived, kind));
  });

  it('persistent 503, reset, malformed and truncated JSON on "Load more": a row naming the cause, rows kept, and a retry that goes on from there', async () => {
    const cases: { kind: FaultKind; label: string; detail: RegExp }[] = [
      { kind: 'unavailable', label: 'Auth0 server error (503)', detail: /answered 503 to GET \/api\/v2\/users\/.+\/refresh-tokens\. Auth0 may be having problems/ },
      { kind: 'connectionReset', label: 'Tenant unreachable', detail: /Cannot reach tenant .*: the connection was (reset|closed)/ },
      { kind: 'malformedJson', label: 'Unreadable answer from Auth0', detail: /not the JSON Auth0 sends/ },
      { kind: 'truncatedJson', label: 'Unreadable answer from Auth0', detail: /not the JSON Auth0 sends/ },
    ];
    const users: { userId: string; user: UserNode; kind: FaultKind }[] = [];
    for (const [index, { kind }] of cases.entries()) {
      users.push({ ...(await userWith(1 + index, 12)), kind });
    }
    for (const { user } of users) {
      assert.strictEqual(tokenRows(await user.getChildren()).length, PAGE_SIZE);
    }
    const faultOf = new Map(users.map(({ userId, kind }) => [userId, kind]));
    const faults = script(emulator, (request) => (request.query.from && request.segments[4] === 'refresh-tokens' ? faultOf.get(request.segments[3]) : undefined));

    // Every user's "Load more" at once: their retries' backoffs overlap.
    await Promise.all(users.map(async ({ user }) => click(loadMoreRow(await user.getChildren()))));
    const failedCursors = new Map<string, Set<string>>();
    for (const [index, { userId, user, kind }] of users.entries()) {
      const children = await user.getChildren();
      assertSettled(children);
      assert.strictEqual(tokenRows(children).length, PAGE_SIZE, `${kind}: the rows already shown stay`);
      const row = errorRowOf(children);
      const item = row.getTreeItem();
      assert.strictEqual(item.label, cases[index].label, kind);
      assert.strictEqual(item.description, `click to retry · ${PAGE_SIZE} kept`, kind);
      assert.match(String(item.tooltip), cases[index].detail, kind);
      assert.strictEqual(row.row.command?.command, 'auth0TokenInspector.loadMore', `${kind}: the row retries`);
      const attempts = faults.injected.filter(({ request }) => request.segments[3] === userId);
      assert.strictEqual(attempts.length, 6, `${kind}: the first attempt and 5 retries`);
      failedCursors.set(userId, new Set(attempts.map(({ request }) => request.query.from)));
    }
    faults.stop();

    for (const { userId, user, kind } of users) {
      const before = emulator.requests.length;
      await click(errorRowOf(await user.getChildren()));
      const retry = emulator.requests.slice(before).find((request) => isTokenPage(request, userId));
      assert.ok(retry && failedCursors.get(userId)!.has(retry.query.from), `${kind}: the retry asks for the page that failed`);
      const all = await loadAllRows(user);
      assertSettled(all);
      assertExactlyOnce(ids(all), currentIds(userId), `${kind}: after the retry`);
      count(tally.survived, kind, 6);
    }
  });

  it('a pasted token that expires between pages: a row saying so with its fix, rows kept, and all tokens once fixed', async () => {
    const api = await extensionApi();
    const { userId } = await userWith(5, 12);
    // A token that lives a few seconds: long enough to list the first page.
    const shortLived = emulator.mintToken({ scopes: [...FULL_SCOPES], expiresInSeconds: 4 });
    await vscode.commands.executeCommand('auth0TokenInspector.connectTenant', { domain: emulator.domain, label: 'Faults', token: shortLived });
    tenant = await tenantRow(emulator.domain);
    const user = await userRow(tenant, userId);
    const first = await user.getChildren();
    assert.strictEqual(tokenRows(first).length, PAGE_SIZE, `the first page loads while the token is valid: ${describeRows(first)}`);

    // The next page is answered only once the token has expired: time passes between the pages.
    const faults = script(emulator, () => undefined, holdUntilExpired(emulator, shortLived, (request) => isTokenPage(request, userId) && !!request.query.from));
    await click(loadMoreRow(first));
    faults.stop();
    const failed = await user.getChildren();
    assertSettled(failed);
    assert.strictEqual(tokenRows(failed).length, PAGE_SIZE, 'the rows already shown stay');
    const row = errorRowOf(failed);
    assert.strictEqual(row.getTreeItem().label, 'Management API token expired');
    assert.strictEqual(row.getTreeItem().description, `click to set a new token · ${PAGE_SIZE} kept`);
    assert.strictEqual(row.row.command?.command, 'auth0TokenInspector.setManagementToken', 'the row offers the fix');
    count(tally.injected, 'tokenExpiredMidPaging');

    // The fix, as offered: the row's command asks for a token (answered here) and stores it.
    getTestWindow().onDidShowInputBox((box) => box.acceptValue(emulator.token));
    await click(row);
    assert.deepStrictEqual(await api.registry.credentialStore.read(emulator.domain), { kind: 'token', token: emulator.token });
    tenant = await tenantRow(emulator.domain);
    const all = await loadAllRows(await userRow(tenant, userId));
    assertSettled(all);
    assertExactlyOnce(ids(all), currentIds(userId), 'with the new token');
    count(tally.survived, 'tokenExpiredMidPaging');
  });

  it('a client-credentials token that expires between pages is renewed, and paging goes on unnoticed', async () => {
    const shortLived = await startEmulator({ seed: 13, tokenTtlSeconds: 5 });
    try {
      await vscode.commands.executeCommand('auth0TokenInspector.connectTenant', {
        domain: shortLived.domain, label: 'Short-lived', clientId: shortLived.clientId, clientSecret: shortLived.clientSecret,
      });
      const userId = shortLived.fanOutUsers[0];
      const user = await userRow(await tenantRow(shortLived.domain), userId);
      const first = await user.getChildren();
      assert.strictEqual(tokenRows(first).length, PAGE_SIZE, describeRows(first));
      const issued = shortLived.requests.find((request) => isTokenPage(request, userId))!.authorization!.replace(/^Bearer /, '');
      const faults = script(
        shortLived,
        () => undefined,
        holdUntilExpired(shortLived, issued, (request) => isTokenPage(request, userId) && !!request.query.from),
      );
      const all = await loadAllRows(user);
      faults.stop();
      assertSettled(all);
      assert.strictEqual(messageRows(all).length, 0, `no error row: ${describeRows(all)}`);
      assertExactlyOnce(ids(all), shortLived.refreshTokensOf(userId).map((token) => token.id), 'every token once');
      const pages = shortLived.requests.filter((request) => isTokenPage(request, userId) && request.query.from);
      assert.strictEqual(pages[0].status, 401, 'the held page met the expired token');
      assert.strictEqual(pages[1].query.from, pages[0].query.from, 'the same page was asked again');
      assert.notStrictEqual(pages[1].authorization, pages[0].authorization, 'with a renewed token');
      assert.strictEqual(pages[1].status, 200);
      assert.strictEqual(shortLived.tokenRequests, 2, 'one renewal');
      count(tally.injected, 'tokenExpiredMidPaging');
      count(tally.survived, 'tokenExpiredMidPaging');
    } finally {
      await (await extensionApi()).registry.remove(shortLived.domain);
      await shortLived.close();
    }
  });

  it('tokens issued and revoked between "Load more" clicks: each token present throughout appears exactly once', async () => {
    const { userId, user } = await userWith(6, 20);
    const atStart = currentIds(userId);
    const removed = new Set<string>();
    const issued: RefreshToken[] = [];
    let children = await user.getChildren();
    for (let page = 1; loadMoreRowOrNone(children); page++) {
      const shown = ids(children);
      const notYetShown = currentIds(userId).filter((id) => !shown.includes(id));
      // Between pages: one token issued, the cursor's own token revoked, one shown and one not
      // yet shown revoked (while there are any).
      issued.push(emulator.addRefreshToken(userId));
      for (const id of [shown[shown.length - 1], shown[0], notYetShown[1]]) {
        if (id !== undefined && !removed.has(id) && currentIds(userId).includes(id)) {
          emulator.removeRefreshToken(id);
          removed.add(id);
        }
      }
      await click(loadMoreRowOrNone(children)!);
      children = await user.getChildren();
      assert.ok(page < 20, 'the listing ends');
    }
    assertSettled(children);
    const shownIds = ids(children);
    assert.strictEqual(new Set(shownIds).size, shownIds.length, 'no token is shown twice');
    const throughout = atStart.filter((id) => !removed.has(id));
    assert.ok(throughout.length >= 10, `${throughout.length} tokens present throughout`);
    for (const id of throughout) {
      assert.strictEqual(shownIds.filter((shownId) => shownId === id).length, 1, `token ${atStart.indexOf(id) + 1} of the first listing appears once`);
    }
    for (const token of issued) {
      assert.ok(shownIds.includes(token.id), 'a token issued while paging is listed (it comes after the cursor)');
    }
    const revokedUnseen = [...removed].filter((id) => !shownIds.includes(id));
    assert.ok(revokedUnseen.length > 0, 'some revoked tokens were never shown');
    assert.ok(shownIds.every((id) => atStart.includes(id) || issued.some((token) => token.id === id)), 'nothing unknown is shown');
  });

  it('rows already loaded stay when another tenant is connected', async () => {
    const { userId, user } = await userWith(7, 12);
    await click(loadMoreRow(await user.getChildren()));
    assert.strictEqual((await user.getChildren()).filter((row) => kindOf(row).startsWith('refreshToken')).length, 2 * PAGE_SIZE);
    const other = await startEmulator({ seed: 14 });
    try {
      await connectEmulator(other, { label: 'Another tenant' });
      // The same tenant, its search and its user, as the tree shows them now.
      const sameTenant = await tenantRow(emulator.domain);
      const row = (await sameTenant.getChildren()).find((c): c is UserNode => kindOf(c) === 'user' && (c as UserNode).userId === userId);
      assert.ok(row, 'the user is still listed');
      assert.strictEqual(row.loadedTokens.length, 2 * PAGE_SIZE, "the user's two loaded pages are kept");
    } finally {
      await (await extensionApi()).registry.remove(other.domain);
      await other.close();
    }
  });
});

function loadMoreRowOrNone(children: ExplorerNode[]) {
  return messageRows(children).find((m) => m.row.contextValue === 'loadMore');
}
