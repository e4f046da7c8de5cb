// Contender (a): this project's Management API client and pager, as the extension uses them.
import { createManagementClient } from '../../src/auth0/managementClient';
import { StaticTokenProvider } from '../../src/credentials/staticTokenProvider';
import { refreshTokenPager } from '../../src/paging/cursorPager';
import type { Target } from '../protocol';
import { describeError, runWorker } from './harness';

function client(target: Target) {
  // Defaults as in the extension: concurrency 4, its retry policy, one limiter per tenant.
  return createManagementClient({ domain: target.domain, tokenProvider: new StaticTokenProvider(target.token) });
}

runWorker({
  async listAll(target, userId, take) {
    const pager = refreshTokenPager(client(target), userId, take);
    const items = await pager.loadAll();
    return items.length;
  },

  async fanOut(target, userIds) {
    // One client for the tenant: the 40 expansions share its limiter, as in the tree.
    const shared = client(target);
    const settled = await Promise.allSettled(userIds.map((userId) => refreshTokenPager(shared, userId).loadNext()));
    let items = 0;
    const errors: string[] = [];
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') {
        items += outcome.value.length;
      } else if (errors.length < 5) {
        errors.push(describeError(outcome.reason));
      }
    }
    return { items, failures: settled.filter((s) => s.status === 'rejected').length, errors };
  },
});
