// Workload 4, for comparison with sdkMinimal.ts: the same listing with this project's client
// and pager only (no VS Code parts). Only bundled, never run.
import { createManagementClient } from '../src/auth0/managementClient';
import { StaticTokenProvider } from '../src/credentials/staticTokenProvider';
import { refreshTokenPager } from '../src/paging/cursorPager';

async function main(): Promise<void> {
  const [domain, token, userId] = process.argv.slice(2);
  const client = createManagementClient({ domain, tokenProvider: new StaticTokenProvider(token) });
  for (const refreshToken of await refreshTokenPager(client, userId, 100).loadAll()) {
    console.log(JSON.stringify(refreshToken));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
