// The live suite's writes, run only with AUTH0_LIVE_ALLOW_WRITES=1 and a test application named
// in the environment, and only on refresh tokens the suite itself created: it logs the test user
// in through the test application (password grant, offline_access), so Auth0 issues a refresh
// token; the tokens of that user and application that were not there before the login are the
// suite's own. Every write goes through `ownTokens.require(id)` first, which refuses any other id.
import type { ManagementClient } from '../../src/auth0/managementClient';
import { refreshTokenPager } from '../../src/paging/cursorPager';
import type { LiveTestApplication } from './liveEnvironment';

/** The refresh tokens this suite created, and the guard every write passes. */
export class OwnTokens {
  private readonly ids = new Set<string>();
  private readonly revoked = new Set<string>();

  add(id: string): void {
    this.ids.add(id);
  }

  /** Throws unless `id` is a token the suite created: no write may touch anything else. */
  require(id: string): string {
    if (!this.ids.has(id)) {
      throw new Error(`refusing to write to refresh token ${id}: the live suite did not create it`);
    }
    return id;
  }

  markRevoked(id: string): void {
    this.revoked.add(this.require(id));
  }

  /** Created and not yet revoked by the suite: what clean-up revokes. */
  get outstanding(): string[] {
    return [...this.ids].filter((id) => !this.revoked.has(id));
  }
}

/** The ids of every refresh token of `userId` (all pages). */
async function tokenIdsOf(client: ManagementClient, userId: string, clientId: string): Promise<Set<string>> {
  const tokens = await refreshTokenPager(client, userId, 100).loadAll(new AbortController().signal);
  return new Set(tokens.filter((token) => token.client_id === clientId).map((token) => token.id));
}

/**
 * Logs the test user in with the password grant (scope "openid offline_access"), which makes
 * Auth0 issue a refresh token; resolves with the user's id (the ID token's `sub`). The refresh
 * token itself is dropped at once: the suite only ever addresses it by its id.
 */
export async function logInTestUser(tokenUrl: string, application: LiveTestApplication): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'password',
    client_id: application.clientId,
    client_secret: application.clientSecret,
    username: application.username,
    password: application.password,
    scope: 'openid offline_access',
    ...(application.realm ? { realm: application.realm } : {}),
  });
  const response = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
  const text = await response.text();
  if (response.status !== 200) {
    // The body names the OAuth error; it holds no secret of ours.
    throw new Error(`the test application's password grant answered ${response.status}: ${text.slice(0, 200)}`);
  }
  const body = JSON.parse(text) as { id_token?: string; refresh_token?: string };
  if (typeof body.refresh_token !== 'string') {
    throw new Error('the password grant issued no refresh token: allow offline access for the test application (and refresh tokens for its API)');
  }
  const sub = body.id_token ? readSubject(body.id_token) : undefined;
  if (!sub) {
    throw new Error('the password grant answered without an ID token naming the user');
  }
  return sub;
}

/** The ID token's `sub`, read without verifying (it came straight from the tenant's token endpoint). */
function readSubject(idToken: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The test user's id, looked up by the username (an email) before any login, so the listing
 * taken before the login is the baseline of what the suite did not create.
 */
export async function testUserId(client: ManagementClient, application: LiveTestApplication): Promise<string> {
  const users = await client.usersByEmail(application.username);
  const matching = users.filter((user) => !application.realm || (user.identities ?? []).some((identity) => identity.connection === application.realm));
  if (matching.length !== 1) {
    throw new Error(`AUTH0_LIVE_TEST_USERNAME must name exactly one user by email${application.realm ? ' in AUTH0_LIVE_TEST_REALM' : ''}; ${matching.length} match`);
  }
  return matching[0].user_id;
}

/**
 * Lists the test user's tokens of the test application, logs the user in (Auth0 issues a refresh
 * token), lists again: the ids that appeared are the suite's own and are added to `own`.
 */
export async function createOwnToken(client: ManagementClient, tokenUrl: string, application: LiveTestApplication, userId: string, own: OwnTokens): Promise<string[]> {
  const before = await tokenIdsOf(client, userId, application.clientId);
  const loggedIn = await logInTestUser(tokenUrl, application);
  if (loggedIn !== userId) {
    throw new Error('the password grant logged in another user than AUTH0_LIVE_TEST_USERNAME names');
  }
  const ids = [...(await tokenIdsOf(client, userId, application.clientId))].filter((id) => !before.has(id));
  if (ids.length === 0) {
    throw new Error("the login's refresh token does not show in the user's listing yet; run the suite again");
  }
  ids.forEach((id) => own.add(id));
  return ids;
}
