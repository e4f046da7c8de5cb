// Workload 4's comparison program: the least code that lists a user's refresh tokens with the
// official SDK (auth0 v7). Only bundled by the benchmark, never run by it.
import { ManagementClient } from 'auth0';

async function main(): Promise<void> {
  const [domain, token, userId] = process.argv.slice(2);
  const client = new ManagementClient({ domain, token });
  const page = await client.users.refreshToken.list(userId, { take: 100 });
  for await (const refreshToken of page) {
    console.log(JSON.stringify(refreshToken));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
