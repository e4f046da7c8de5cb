// `npm run emulator -- --port 4010 --seed 1 [--rate-limit non-production] [--latency 30]
//  [--profile hostile] [--users 1200] [--plan without-refresh-tokens-and-sessions]
//  [--early-access absent] [--log-retention-days 2] [--clock-offset -300] [--export-port 4011]
//  [--delete-delay 50]`: prints one `EMULATOR_READY {json}` line, then serves until SIGINT or SIGTERM.
import { startEmulator, type EmulatorOptions, type Plan, type RateLimitProfile } from './index';

const PLANS: readonly Plan[] = ['enterprise', 'without-refresh-tokens', 'without-refresh-tokens-and-sessions'];

function parseArgs(argv: readonly string[]): EmulatorOptions {
  const options: EmulatorOptions = {};
  const numberOf = (flag: string, value: string | undefined): number => {
    const parsed = Number(value);
    if (value === undefined || !Number.isFinite(parsed)) {
      throw new Error(`${flag} needs a number`);
    }
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--port':
        options.port = numberOf(flag, value);
        break;
      case '--seed':
        options.seed = numberOf(flag, value);
        break;
      case '--rate-limit':
        if (value !== 'unlimited' && value !== 'production' && value !== 'non-production') {
          throw new Error('--rate-limit is one of unlimited, production, non-production');
        }
        options.rateLimit = value satisfies RateLimitProfile;
        break;
      case '--latency':
        options.latencyMs = numberOf(flag, value);
        break;
      case '--jitter':
        options.jitterMs = numberOf(flag, value);
        break;
      case '--profile':
        if (value !== 'default' && value !== 'hostile') {
          throw new Error('--profile is default or hostile');
        }
        options.dataProfile = value;
        break;
      case '--users':
        options.userCount = numberOf(flag, value);
        break;
      case '--plan':
        if (!PLANS.includes(value as Plan)) {
          throw new Error(`--plan is one of ${PLANS.join(', ')}`);
        }
        options.plan = value as Plan;
        break;
      case '--early-access':
        if (value !== 'present' && value !== 'absent') {
          throw new Error('--early-access is present or absent');
        }
        options.earlyAccess = value;
        break;
      case '--log-retention-days':
        options.logRetentionDays = numberOf(flag, value);
        break;
      case '--clock-offset':
        options.clockOffsetSeconds = numberOf(flag, value);
        break;
      case '--export-port':
        options.exportPort = numberOf(flag, value);
        break;
      case '--delete-delay':
        options.deleteDelayMs = numberOf(flag, value);
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
    i++;
  }
  return options;
}

async function main(): Promise<void> {
  const emulator = await startEmulator(parseArgs(process.argv.slice(2)));
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
