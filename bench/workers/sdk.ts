// Contender (b): the official Node SDK, `auth0` v7, used the way its README shows.
import { ManagementClient } from 'auth0';
import type { Target } from '../protocol';
import { describeError, runWorker } from './harness';

function client(target: Target): ManagementClient {
  // The v7 wrapper always builds https://{domain}/api/v2 (its baseUrl option is not passed
  // through), and the emulator speaks plain http on loopback: a fetch that only swaps the
  // scheme for that one origin. Everything else (headers, retries, paging) is the SDK's own.
  const httpsOrigin = `https://${target.domain}/`;
  const overHttp: typeof fetch = (input, init) =>
    fetch(typeof input === 'string' && input.startsWith(httpsOrigin) ? `http://${input.slice('https://'.length)}` : input, init);
  return new ManagementClient({ domain: target.domain, token: target.token, fetch: overHttp });
}

runWorker({
  async listAll(target, userId, take) {
    // Kept in memory like the pager keeps them (an export needs them all).
    const tokens = [];
    for await (const token of await client(target).users.refreshToken.list(userId, { take })) {
      tokens.push(token);
    }
    return tokens.length;
  },

  async fanOut(target, userIds) {
    // What a script does: one client, Promise.all over the users, the SDK's default retries.
    const shared = client(target);
    const settled = await Promise.allSettled(userIds.map((userId) => shared.users.refreshToken.list(userId)));
    let items = 0;
    const errors: string[] = [];
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') {
        items += outcome.value.data.length;
      } else if (errors.length < 5) {
        errors.push(describeError(outcome.reason));
      }
    }
    return { items, failures: settled.filter((s) => s.status === 'rejected').length, errors };
  },
});
