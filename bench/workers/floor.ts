// Contender (c): the floor. A bare fetch loop that follows `next` and does nothing else; the
// least any client can do over the same HTTP stack. A real tenant sends `next` on the last page
// too, so it asks include_totals=true and stops on the page that holds what `total` says is left
// (or on an empty page, or one without `next`): no request for the empty page after the last.
import { runWorker } from './harness';

interface RawPage {
  tokens?: unknown[];
  next?: string;
  total?: number;
}

runWorker({
  async listAll(target, userId, take) {
    const base = `${target.url}/api/v2/users/${encodeURIComponent(userId)}/refresh-tokens?take=${take}&include_totals=true`;
    const headers = { authorization: `Bearer ${target.token}` };
    let items = 0;
    let from: string | undefined;
    do {
      const response = await fetch(from ? `${base}&from=${encodeURIComponent(from)}` : base, { headers });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      const page = (await response.json()) as RawPage;
      const listed = page.tokens?.length ?? 0;
      items += listed;
      from = listed === 0 || (typeof page.total === 'number' && listed >= page.total) ? undefined : page.next;
    } while (from);
    return items;
  },
});
