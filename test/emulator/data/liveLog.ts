// A tenant log that keeps growing, driven by the tenant's clock: whenever the logs are read, the
// events dated up to the tenant's "now" are written first (nothing runs in between, so a frozen
// clock in a test grows nothing). Two kinds of traffic:
//   ordinary   exchanges of the demo's users' live tokens, each from its usual address, device
//              and TLS client (one JA3/JA4 per device), round-robin at `eventsPerSecond`;
//   attacker   the stolen laptop's token (scenario stolenLaptop): 1 s after the start, one last
//              exchange by the laptop's Safari at home (Seattle) with Safari's TLS fingerprint;
//              from 4 s on, every `attackerEverySeconds`, the same family exchanged from
//              Bucharest (M247, 203.0.113.200) by a script that copied Safari's User-Agent but
//              not its TLS client. Once the token is revoked (an srrt names it: Contain User,
//              Revoke Session...), each attempt is an `fertft` from the same address.
// Log ids start with the date and end with a counter, so they sort after every event before them
// and checkpoint paging (`from`) never skips one.
import type { LogEvent } from '../../../src/auth0/types';
import { SCENARIO_NETWORKS } from './geo';
import { common, refreshTokenDetails, type Touch } from './logs';
import type { LiveSource, TenantStore } from './store';

export interface LiveLogOptions {
  /** Ordinary exchanges per second across the demo users' tokens (default 0.5). */
  eventsPerSecond?: number;
  /** The attacker story on the stolen laptop's token (default true). */
  attacker?: boolean;
  /** Seconds between the attacker's attempts (default 5). */
  attackerEverySeconds?: number;
  /** How many users' tokens the ordinary traffic comes from (default 40; scenario users first). */
  users?: number;
  /**
   * Start the attacker story (the laptop's last exchange 1 s, the attacker 4 s later) at the first
   * checkpoint-paging read (`from`: a watch reading), not when the log began growing, so that a
   * watch started any time after the emulator sees the story as it happens (tests of live detection;
   * default false: the demo starts it with the log, so a late watch meets it in the history).
   */
  storyStartsWithWatch?: boolean;
}

export const ATTACKER_IP = '203.0.113.200';
const LAPTOP_HOME_IP = '198.51.100.23';
const SAFARI_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15';

/** Fingerprints as Auth0 records them (`security_context`); the attacker's are python-requests' (urllib3/OpenSSL). */
export const TLS = {
  safari: { ja3: '773906b0efdefa24a7f2b8eb6985bf37', ja4: 't13d2014h2_a09f3c656075_14788d8d241b' },
  python: { ja3: 'a48c0d5f95b1ef98f560f324fd275da1', ja4: 't13d1812h1_85036bcba153_b26ce05bbdd6' },
} as const;

/** FNV-1a of a text, hex: stable fingerprints for ordinary devices. */
function fnv(text: string, salt: string): string {
  let value = 0x811c9dc5;
  for (const character of salt + text) {
    value ^= character.charCodeAt(0);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value.toString(16).padStart(8, '0');
}

function fingerprintOf(userAgent: string): { ja3: string; ja4: string } {
  const ja3 = `${fnv(userAgent, 'a')}${fnv(userAgent, 'b')}${fnv(userAgent, 'c')}${fnv(userAgent, 'd')}`;
  return { ja3, ja4: `t13d${fnv(userAgent, 'e').slice(0, 4)}h2_${fnv(userAgent, 'f')}${fnv(userAgent, 'g').slice(0, 4)}_${fnv(userAgent, 'h')}${fnv(userAgent, 'i').slice(0, 4)}` };
}

function dateDigits(at: number): string {
  return new Date(at).toISOString().replace(/\D/g, '');
}

interface Planned {
  at: number;
  source: LiveSource;
  /** The story's events; ordinary ones have neither. */
  role?: 'laptop' | 'attacker';
}

export class LiveLog {
  private readonly startedAt: number;
  private generatedUpTo: number;
  private ordinaryIndex = 0;
  private attackerIndex = 0;
  private laptopDone = false;
  private counter = 0;
  private sources?: { ordinary: LiveSource[]; laptop?: LiveSource };
  private readonly eventsPerSecond: number;
  private readonly attackerEveryMs: number;

  constructor(private readonly store: TenantStore, private readonly options: LiveLogOptions = {}) {
    this.startedAt = store.currentTime();
    this.generatedUpTo = this.startedAt;
    this.eventsPerSecond = options.eventsPerSecond ?? 0.5;
    this.attackerEveryMs = Math.max(100, (options.attackerEverySeconds ?? 5) * 1000);
    if (!(this.eventsPerSecond >= 0) || !Number.isFinite(this.eventsPerSecond)) {
      throw new RangeError(`liveLog.eventsPerSecond must be a number ≥ 0, got ${String(options.eventsPerSecond)}`);
    }
  }

  /** When the story began (startedAt, or the first watch's read with storyStartsWithWatch); undefined until then. */
  private storyStart?: number;

  /** A watch reads the log (a `from` read): with storyStartsWithWatch, the story begins now. */
  watchReading(): void {
    if (this.options.storyStartsWithWatch === true && this.storyStart === undefined) {
      this.catchUp();
      this.storyStart = this.store.currentTime();
    }
  }

  /** The instant the log began growing (tenant clock, epoch ms). */
  get start(): number {
    return this.startedAt;
  }

  private loadSources(): { ordinary: LiveSource[]; laptop?: LiveSource } {
    if (!this.sources) {
      const all = this.store.liveSources(this.options.users ?? 40);
      const laptop = all.find((source) => source.scenario === 'stolenLaptop' && source.activity.exchanges.some((touch) => touch.userAgent.startsWith('python-requests')));
      const ordinary = all.filter((source) => source !== laptop && source.listed());
      this.sources = { ordinary, laptop };
    }
    return this.sources;
  }

  /** Writes every event dated after the last call and up to the tenant's clock now. */
  catchUp(): void {
    const now = this.store.currentTime();
    if (now <= this.generatedUpTo) {
      return;
    }
    const { ordinary, laptop } = this.loadSources();
    const planned: Planned[] = [];
    if (this.eventsPerSecond > 0 && ordinary.length > 0) {
      const everyMs = 1000 / this.eventsPerSecond;
      for (;;) {
        const at = this.startedAt + Math.round((this.ordinaryIndex + 1) * everyMs);
        if (at > now) {
          break;
        }
        planned.push({ at, source: ordinary[this.ordinaryIndex % ordinary.length] });
        this.ordinaryIndex += 1;
      }
    }
    const storyStart = this.options.storyStartsWithWatch === true ? this.storyStart : this.startedAt;
    if (laptop && this.options.attacker !== false && storyStart !== undefined) {
      if (!this.laptopDone && storyStart + 1000 <= now) {
        planned.push({ at: storyStart + 1000, source: laptop, role: 'laptop' });
        this.laptopDone = true;
      }
      for (;;) {
        const at = storyStart + 4000 + this.attackerIndex * this.attackerEveryMs;
        if (at > now) {
          break;
        }
        planned.push({ at, source: laptop, role: 'attacker' });
        this.attackerIndex += 1;
      }
    }
    planned.sort((a, b) => a.at - b.at);
    const revokedAt = laptop ? this.revocationOf(laptop) : undefined;
    for (const plan of planned) {
      // A token revoked since stops its ordinary traffic (the story's attacker keeps trying).
      if (plan.role === undefined && !plan.source.listed()) {
        continue;
      }
      const event = this.eventFor(plan, revokedAt);
      this.store.appendLiveEvents(plan.source.userId, [event]);
      if (event.type === 'sertft') {
        this.recordExchange(plan.source, event);
      }
    }
    this.generatedUpTo = now;
  }

  /** The id of the stolen laptop's token (the attacker's), whatever the data profile; undefined when the tenant has none. */
  get stolenTokenId(): string | undefined {
    return this.loadSources().laptop?.activity.credentialId;
  }

  /**
   * Updates the exchanged token as Auth0 does on an exchange: `last_exchanged_at` only where the
   * token records the field (recorded tokens without it stay without: no field is invented), and
   * the device's last address, network and user agent where it has a device.
   */
  private recordExchange(source: LiveSource, event: LogEvent): void {
    const token = this.store.findToken(source.activity.credentialId);
    if (token === undefined) {
      return;
    }
    if (Object.prototype.hasOwnProperty.call(token, 'last_exchanged_at')) {
      token.last_exchanged_at = String(event.date);
    }
    if (token.device && typeof event.ip === 'string') {
      token.device.last_ip = event.ip;
      token.device.last_user_agent = String(event.user_agent);
      // The network of a scenario address is known; ordinary traffic comes from the token's usual address, whose network it keeps.
      token.device.last_asn = SCENARIO_NETWORKS[event.ip]?.asn ?? token.device.last_asn;
    }
  }

  /** When the laptop's token was revoked (the srrt naming it), or when it was found gone; undefined while listed. */
  private revokedSince?: number;

  private revocationOf(laptop: LiveSource): number | undefined {
    if (this.revokedSince !== undefined) {
      return this.revokedSince;
    }
    const srrt = this.store
      .logsOf(laptop.userId)
      .find((event) => event.type === 'srrt' && (event.details as { credential_id?: unknown } | undefined)?.credential_id === laptop.activity.credentialId);
    if (srrt) {
      this.revokedSince = Date.parse(String(srrt.date));
    } else if (!laptop.listed()) {
      this.revokedSince = this.store.currentTime();
    }
    return this.revokedSince;
  }

  private nextLogId(at: number): string {
    this.counter += 1;
    return `900${dateDigits(at)}${String(this.counter).padStart(36, '0')}`;
  }

  private eventFor(plan: Planned, revokedAt: number | undefined): LogEvent {
    const { activity, context } = plan.source;
    const usual = activity.exchanges[activity.exchanges.length - 1];
    let touch: Touch;
    let tls: { ja3: string; ja4: string };
    if (plan.role === 'laptop') {
      touch = { at: plan.at, ip: LAPTOP_HOME_IP, userAgent: SAFARI_MAC };
      tls = TLS.safari;
    } else if (plan.role === 'attacker') {
      touch = { at: plan.at, ip: ATTACKER_IP, userAgent: SAFARI_MAC };
      tls = TLS.python;
    } else {
      touch = { at: plan.at, ip: usual.ip, userAgent: usual.userAgent };
      tls = fingerprintOf(usual.userAgent);
    }
    const revoked = plan.role !== undefined && revokedAt !== undefined && plan.at >= revokedAt;
    let event: LogEvent;
    if (revoked) {
      event = common('fertft', 'Unsuccessful Refresh Token exchange: the grant was revoked', touch, activity.clientId, context);
      event.audience = activity.audience;
      event.scope = activity.scope;
      event.details = { failure_reason: 'grant_revoked' };
    } else {
      event = common('sertft', 'Successful Exchange of Refresh Token for Access Token', touch, activity.clientId, context);
      event.audience = activity.audience;
      event.scope = activity.scope;
      event.details = { familyId: activity.familyId, refresh_token: refreshTokenDetails(activity) };
    }
    event.security_context = { ...tls };
    return { log_id: this.nextLogId(plan.at), ...event };
  }
}
