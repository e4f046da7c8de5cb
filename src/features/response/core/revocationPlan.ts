// The dry run of a revocation: from the hunt results a person selected, exactly which refresh
// token ids will be revoked, per user and application, before anything is sent.

/** What a plan needs of a selected result; a hunt's HuntRow has all of it. */
export interface RevocationSelection {
  tokenId: string;
  userId: string;
  /** The user as a person recognises them (email); defaults to the id. */
  user?: string;
  clientId?: string;
  /** The application's name; defaults to the client id. */
  application?: string;
}

export interface RevocationGroup {
  userId: string;
  user: string;
  clientId?: string;
  application: string;
  tokenIds: string[];
}

export interface RevocationPlan {
  /** Per user and application, in the order the selection first names them. */
  groups: RevocationGroup[];
  /** Every token id once, in plan order. */
  tokenIds: string[];
  userCount: number;
  applicationCount: number;
}

/**
 * Groups the selection by user and application and drops repeated token ids (the first
 * occurrence decides its group). Pure: nothing is sent.
 */
export function planRevocation(selection: readonly RevocationSelection[]): RevocationPlan {
  const groups = new Map<string, RevocationGroup>();
  const seen = new Set<string>();
  for (const item of selection) {
    if (seen.has(item.tokenId)) {
      continue;
    }
    seen.add(item.tokenId);
    // JSON keeps the key unambiguous whatever characters the ids hold.
    const key = JSON.stringify([item.userId, item.clientId ?? null]);
    let group = groups.get(key);
    if (!group) {
      group = {
        userId: item.userId,
        user: item.user ?? item.userId,
        ...(item.clientId === undefined ? {} : { clientId: item.clientId }),
        application: item.application ?? item.clientId ?? 'unknown application',
        tokenIds: [],
      };
      groups.set(key, group);
    }
    group.tokenIds.push(item.tokenId);
  }
  const list = [...groups.values()];
  return {
    groups: list,
    tokenIds: list.flatMap((group) => group.tokenIds),
    userCount: new Set(list.map((group) => group.userId)).size,
    applicationCount: new Set(list.map((group) => group.clientId ?? group.application)).size,
  };
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The dry run as lines of plain text (escape where rendered): a summary, then one line per user
 * and application with every token id: "jane@example.com, Acme Web: 2 refresh tokens (id1, id2)".
 */
export function describeRevocationPlan(plan: RevocationPlan): string[] {
  if (plan.tokenIds.length === 0) {
    return ['Nothing to revoke: no refresh tokens are selected.'];
  }
  return [
    `Revoke ${count(plan.tokenIds.length, 'refresh token')} of ${count(plan.userCount, 'user')} in ${count(plan.applicationCount, 'application')}:`,
    ...plan.groups.map((group) => `${group.user}, ${group.application}: ${count(group.tokenIds.length, 'refresh token')} (${group.tokenIds.join(', ')})`),
  ];
}
