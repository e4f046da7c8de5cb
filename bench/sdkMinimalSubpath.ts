// Workload 4, for fairness: the SDK's smallest route to the same listing, its per-resource
// sub-path export, which skips the ManagementClient wrapper. Only bundled, never run.
import { RefreshTokenClient } from 'auth0/users/refreshToken';

async function main(): Promise<void> {
  const [domain, token, userId] = process.argv.slice(2);
  const client = new RefreshTokenClient({ baseUrl: `https://${domain}/api/v2`, token });
  const page = await client.list(userId, { take: 100 });
  for await (const refreshToken of page) {
    console.log(JSON.stringify(refreshToken));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
