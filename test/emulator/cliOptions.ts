// The emulator's command-line options, shared by its CLI (cli.ts) and `npm run demo`, which passes
// the profile flags on (--plan, --early-access, --log-retention-days, --clock-offset, --rate-limit…)
// so that every ✓/⚠/✗ of "Check Tenant Setup" can be seen against a local tenant.
import { CURSOR_PAGING_PROFILES, type CursorPagingProfile } from './cursorPaging';
import type { EmulatorOptions, Plan, RateLimitProfile } from './index';

const PLANS: readonly Plan[] = ['enterprise', 'without-refresh-tokens', 'without-refresh-tokens-and-sessions'];

/** What `npm run emulator -- --help` prints: every flag parseEmulatorArgs takes, with its values. */
export const EMULATOR_USAGE = `Usage: npm run emulator -- [flags]   (also accepted by npm run demo)
  --port N                    port to listen on (default: any free port)
  --seed N                    seed of the generated tenant (default 1; the same seed, the same users and tokens)
  --users N                   how many users (default 300)
  --profile default|hostile   hostile: names, user agents and metadata made to break a renderer
  --rate-limit P              unlimited, production (50 burst, 16/s), non-production (10, 2/s), or burst/perSecond such as 8/0.01
  --rate-limit-reset R        what x-ratelimit-reset names: full (the bucket full again, the default) or next (the next request allowed)
  --stand-in-tokens N         users.many holds N refresh tokens (e.g. 1234), most idle-expired, about three to a session
  --latency MS, --jitter MS   delay every answer by MS, plus up to jitter MS
  --plan P                    ${PLANS.join(', ')}
  --early-access present|absent   the Early Access refresh-token list and bulk revocation
  --cursor-paging P           ${CURSOR_PAGING_PROFILES.join(', ')} (default auth0: next on every page, total, then an empty page)
  --log-retention-days N      keep only N days of log events (default 30)
  --log-user-agents F         summary (Auth0's "Chrome 126.0.0 / Windows 10.0.0", the default) or mixed (some events carry the raw header)
  --clock-offset S            the tenant's clock runs S seconds ahead (negative: behind)
  --export-port N             port of the users-export download host
  --delete-delay MS           how long a revoked token stays readable (Auth0 deletes in the background)
  --live-log on|off|N         a tenant log that keeps growing: N ordinary exchanges a second (on: 0.5) and the
                              stolen laptop's attacker every 5 s (npm run demo: on)
  --help                      this text
Prints one EMULATOR_READY {json} line (URL, domain, tokens, users), then serves until Ctrl+C.`;

/** Whether the arguments ask for the usage text (`--help` or `-h` anywhere). */
export function wantsEmulatorHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** Parses the flags listed in EMULATOR_USAGE; throws an Error naming the flag for anything else. */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorOptions {
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
      case '--rate-limit': {
        // A named profile, or "burst/perSecond" (e.g. 8/0.01: a bucket that is nearly empty after a few requests).
        const custom = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value ?? '');
        if (custom) {
          options.rateLimit = { burst: Number(custom[1]), perSecond: Number(custom[2]) } satisfies RateLimitProfile;
        } else if (value === 'unlimited' || value === 'production' || value === 'non-production') {
          options.rateLimit = value satisfies RateLimitProfile;
        } else {
          throw new Error('--rate-limit is one of unlimited, production, non-production, or burst/perSecond such as 8/0.01');
        }
        break;
      }
      case '--rate-limit-reset':
        if (value !== 'full' && value !== 'next') {
          throw new Error('--rate-limit-reset is full or next');
        }
        options.rateLimitReset = value;
        break;
      case '--stand-in-tokens':
        options.standInTokens = numberOf(flag, value);
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
      case '--cursor-paging':
        if (!CURSOR_PAGING_PROFILES.includes(value as CursorPagingProfile)) {
          throw new Error(`--cursor-paging is one of ${CURSOR_PAGING_PROFILES.join(', ')}`);
        }
        options.cursorPaging = value as CursorPagingProfile;
        break;
      case '--log-retention-days':
        options.logRetentionDays = numberOf(flag, value);
        break;
      case '--log-user-agents':
        if (value !== 'summary' && value !== 'mixed') {
          throw new Error('--log-user-agents is summary or mixed');
        }
        options.logUserAgents = value;
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
      case '--live-log':
        if (value === 'on' || value === 'off') {
          options.liveLog = value === 'on';
        } else {
          const perSecond = numberOf(flag, value);
          if (perSecond < 0) {
            throw new Error('--live-log is on, off, or a number of events a second ≥ 0');
          }
          options.liveLog = { eventsPerSecond: perSecond };
        }
        break;
      default:
        throw new Error(`unknown option ${flag} (--help lists the options)`);
    }
    i++;
  }
  return options;
}

