// `npm run emulator -- --port 4010 --seed 1 [--rate-limit non-production] [--latency 30]
//  [--profile hostile] [--users 1200] [--plan without-refresh-tokens-and-sessions] [--rate-limit 8/0.01]
//  [--early-access absent] [--log-retention-days 2] [--clock-offset -300] [--export-port 4011]
//  [--delete-delay 50]`: prints one `EMULATOR_READY {json}` line, then serves until SIGINT or SIGTERM.
import { EMULATOR_USAGE, parseEmulatorArgs, wantsEmulatorHelp } from './cliOptions';
import { startEmulator } from './index';

async function main(): Promise<void> {
  if (wantsEmulatorHelp(process.argv.slice(2))) {
    process.stdout.write(`${EMULATOR_USAGE}\n`);
    return;
  }
  const emulator = await startEmulator(parseEmulatorArgs(process.argv.slice(2)));
  const ready = {
    url: emulator.url,
    domain: emulator.domain,
    token: emulator.token,
    readOnlyToken: emulator.readOnlyToken,
    expiredToken: emulator.expiredToken,
    noRefreshTokenScopeToken: emulator.noRefreshTokenScopeToken,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    users: emulator.users,
    fanOutUsers: emulator.fanOutUsers,
    specialUsers: emulator.specialUsers,
    scenarios: emulator.scenarios,
    exportOrigin: emulator.exportOrigin,
  };
  process.stdout.write(`EMULATOR_READY ${JSON.stringify(ready)}\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
