// The 'hostile' data profile: every string a tenant's users or apps can influence (names,
// emails, user agents, metadata, client names, ASNs, scopes, audiences) carries markup, script,
// command links, bidi overrides, huge strings or emoji, and optional fields go null or missing.
// Values keep the types the schemas demand (null only where a schema allows it), so a client
// that validates responses still accepts them and the UI has to render them safely.
import type { LogEvent, RefreshToken, Session, User } from '../../../src/auth0/types';
import type { Rng } from '../prng';

const LONG_STRING = ('<b>long</b> 🔑 ' + 'x'.repeat(40) + ' ').repeat(250).slice(0, 10_000);

export const HOSTILE_STRINGS: readonly string[] = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload=window.__pwned=1>',
  'javascript:window.__pwned=1',
  '[Open a terminal](command:workbench.action.terminal.new)',
  '</style><style>*{background:url(https://attacker.example/leak)!important}</style>',
  'x" style="position:fixed;inset:0;z-index:99999;background:red" x="',
  'Invoice \u202Efdp.exe',
  '👩‍💻🔑🚀 t̸̢̛e̵͇̾x̷̝̓t̴̰͂ ﷽',
  LONG_STRING,
  '${7*7} {{constructor.constructor("window.__pwned=1")()}}',
  'line one\nline two\r\n\ttabbed \u0000 nul \u0007 bell',
  "'; DROP TABLE users; --",
  '&lt;script&gt;already-escaped&lt;/script&gt; &amp;amp;',
];

/** Mean but still valid for format "email" (ajv-formats), so the schema accepts them. */
const HOSTILE_EMAILS: readonly string[] = [
  "a'onmouseover=alert`1`'@evil.example",
  '{{7*7}}+%2e%2e/~@evil.example',
  'javascript=alert`1`@evil.example',
];

export const HOSTILE_USER_IDS: readonly string[] = ['auth0|<script>window.__pwned=1</script>', 'auth0|\u202Egnp.exe'];

/** Metadata values are limited to 255 characters by Auth0, so the long string is cut. */
function metadataValue(value: string): string {
  return value.slice(0, 255);
}

export class HostileDecorator {
  private cursor = 0;

  constructor(private readonly rng: Rng) {}

  /** Cycles through every payload so each kind shows up in any sizeable sample. */
  next(): string {
    const value = HOSTILE_STRINGS[this.cursor % HOSTILE_STRINGS.length];
    this.cursor += 1 + (this.rng.chance(0.3) ? 1 : 0);
    return value;
  }

  user(user: User): void {
    user.name = this.next();
    user.nickname = this.next();
    user.given_name = this.next();
    user.family_name = this.next();
    user.picture = this.rng.pick(['javascript:window.__pwned=1', 'https://attacker.example/pixel.gif?"><script>window.__pwned=1</script>', this.next()]);
    user.user_metadata = { bio: this.next(), [this.next()]: this.next() };
    user.app_metadata = { ['__proto__']: { polluted: true }, constructor: this.next(), note: this.next() };
    user.x_unknown_field = { nested: [this.next(), null, 42, { deep: this.next() }] };
    if (this.rng.chance(0.5)) {
      user.email = this.rng.pick(HOSTILE_EMAILS);
    }
    if (this.rng.chance(0.25)) {
      delete user.name;
      delete user.email;
      delete user.nickname;
    }
  }

  token(token: RefreshToken): void {
    const device = token.device ?? {};
    device.initial_user_agent = this.next();
    device.last_user_agent = this.next();
    device.initial_asn = this.next();
    device.last_asn = this.next();
    if (this.rng.chance(0.3)) {
      device.last_ip = '"><img src=x onerror=window.__pwned=1>';
    }
    if (this.rng.chance(0.2)) {
      delete device.initial_ip;
      delete device.initial_user_agent;
    }
    token.device = device;
    token.resource_servers = [
      { audience: this.next(), scopes: `${this.next()} offline_access ${this.next()}` },
      { audience: 'javascript:window.__pwned=1', scopes: '' },
    ];
    token.refresh_token_metadata = this.rng.chance(0.2)
      ? null
      : {
          device_name: metadataValue(this.next()),
          [metadataValue(this.next())]: metadataValue(this.next()),
          ['__proto__']: metadataValue(this.next()),
          constructor: metadataValue(this.next()),
        };
    token.x_future_field = { nested: [this.next()], flag: true };
    const oddities: (() => void)[] = [
      () => (token.created_at = { $date: token.created_at ?? null }), // the schema's object form of a date
      () => (token.last_exchanged_at = null),
      () => (token.idle_expires_at = null),
      () => delete token.expires_at,
      () => delete token.device,
      () => (token.session_id = null),
      () => delete token.rotating,
      () => (token.client_id = '../../users?x=<script>window.__pwned=1</script>'),
    ];
    if (this.rng.chance(0.5)) {
      this.rng.pick(oddities)();
    }
  }

  session(session: Session): void {
    const device = session.device ?? {};
    device.initial_user_agent = this.next();
    device.last_user_agent = this.next();
    device.initial_asn = this.next();
    device.last_ip = null;
    session.device = device;
    session.session_metadata = { note: metadataValue(this.next()) };
    if (this.rng.chance(0.3)) {
      delete session.last_interacted_at;
    }
  }

  /** Log events keep their type, ids, dates and addresses (the schemas need them); the text goes hostile. */
  logEvent(event: LogEvent): void {
    event.user_agent = this.next();
    event.user_name = this.next();
    if (event.location_info !== undefined) {
      event.location_info = { ...event.location_info, city_name: this.next(), country_name: this.next() };
    }
    if (typeof event.scope === 'string') {
      event.scope = `${this.next()} offline_access`;
    }
  }

  clientName(index: number, original: string): string {
    const names = [
      `<img src=x onerror="window.__pwned=1"> ${original}`,
      `${original} \u202Esoi`,
      `[${original}](command:workbench.action.terminal.new)`,
      LONG_STRING,
      `${original} 🚀 "><svg onload=window.__pwned=1>`,
      `javascript:window.__pwned=1`,
    ];
    return names[index % names.length];
  }
}
