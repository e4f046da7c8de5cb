// Runs the live contract suite (liveContract.test.ts) in mocha.
//   npm run test:live                 against the tenant in the environment (liveEnvironment.ts);
//                                     without one, says so and exits 1: nothing was checked.
//   node out/test/live/run.js --stand-in   (npm test's "live" stage) first against a local emulator
//                                     as the tenant's stand-in, by the same code path (its URL and a
//                                     token in AUTH0_DOMAIN / AUTH0_TOKEN, writes allowed through its
//                                     test application), then against the recorded tenant (a real
//                                     tenant's recorded answers, recordedTenant.ts: read-only), then
//                                     against the real tenant when one is given; without one, prints
//                                     one line saying the real-tenant run was not done and why. That
//                                     line is never a passing test.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startEmulator } from '../emulator/index';
import { readLiveEnvironment, REFERENCE_SEED } from './liveEnvironment';
import { startRecordedTenant } from './recordedTenant';

const root = path.resolve(__dirname, '..', '..', '..');
const SUITE = path.join(root, 'out', 'test', 'live', 'liveContract.test.js');

/** The environment without any AUTH0_* variable: the stand-in run must not see real credentials. */
function withoutAuth0(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('AUTH0_')));
}

function runSuite(env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const mocha = path.join(root, 'node_modules', '.bin', 'mocha');
    const child = spawn(mocha, ['--timeout', '180000', '--reporter', 'spec', SUITE], { cwd: root, env, stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function standIn(): Promise<number> {
  // Deletions apply at once, so the write checks' look-ups find the token gone without waiting.
  // The reference emulator's seed: the same code path with the same data, so any difference it
  // reports is a difference of the suite's own making (a real tenant's differ by data as well).
  const emulator = await startEmulator({ seed: REFERENCE_SEED, rateLimit: 'production', deleteDelayMs: 0 });
  try {
    const application = emulator.testApplication;
    console.log(`live: stand-in run against the emulator at ${emulator.url}`);
    return await runSuite({
      ...withoutAuth0(process.env),
      AUTH0_DOMAIN: emulator.domain,
      AUTH0_TOKEN: emulator.token,
      AUTH0_LIVE_STAND_IN: '1',
      AUTH0_LIVE_ALLOW_WRITES: '1',
      AUTH0_LIVE_TEST_CLIENT_ID: application.clientId,
      AUTH0_LIVE_TEST_CLIENT_SECRET: application.clientSecret,
      AUTH0_LIVE_TEST_USERNAME: application.username,
      AUTH0_LIVE_TEST_PASSWORD: application.password,
    });
  } finally {
    await emulator.close();
  }
}

/** The suite against the recorded tenant: every difference it reports is one between the emulator and a real tenant. */
async function recordedStandIn(): Promise<number> {
  const recorded = await startRecordedTenant();
  try {
    console.log(`live: stand-in run against the recorded tenant at ${recorded.url} (a real tenant's recorded answers)`);
    return await runSuite({
      ...withoutAuth0(process.env),
      AUTH0_DOMAIN: recorded.domain,
      // The recorded tenant checks no token: any will do, and none is a secret.
      AUTH0_TOKEN: 'recorded-tenant-needs-no-token',
      AUTH0_LIVE_STAND_IN: 'recorded',
      // Its refresh tokens name no session (recorded: session_id null) and its user lists none;
      // this is the one session the recordings hold (a hand-written body, which the report says).
      AUTH0_LIVE_SESSION_ID: 'SessionID',
    });
  } finally {
    await recorded.close();
  }
}

async function main(): Promise<void> {
  const withStandIn = process.argv.includes('--stand-in');
  let code = 0;
  if (withStandIn) {
    code = await standIn();
    const recorded = await recordedStandIn();
    code = code !== 0 ? code : recorded;
  }
  const environment = readLiveEnvironment(process.env);
  if (!environment.ok) {
    console.log(`live: the real-tenant run was not done: ${environment.reason}.`);
    process.exit(withStandIn ? code : 1);
  }
  if (!environment.writes.ok) {
    console.log(`live: the real tenant's write checks are not run: ${environment.writes.reason}.`);
  }
  console.log(`live: run against the tenant ${environment.domain}`);
  const real = await runSuite({ ...process.env, AUTH0_LIVE_STAND_IN: '0' });
  process.exit(code !== 0 ? code : real);
}

main().catch((error: unknown) => {
  console.error(`live: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
