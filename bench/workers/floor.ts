// Contender (c): the floor. A bare fetch loop that follows `next` and does nothing else; the
// least any client can do over the same HTTP stack.
import { runWorker } from './harness';

interface RawPage {
  tokens?: unknown[];
  next?: string;
}

runWorker({
  async listAll(target, userId, take) {
    const base = `${target.url}/api/v2/users/${encodeURIComponent(userId)}/refresh-tokens?take=${take}`;
    const headers = { authorization: `Bearer ${target.token}` };
    let items = 0;
    let from: string | undefined;
    do {
      const response = await fetch(from ? `${base}&from=${encodeURIComponent(from)}` : base, { headers });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      const page = (await response.json()) as RawPage;
      items += page.tokens?.length ?? 0;
      from = page.next;
    } while (from);
    return items;
  },
});
