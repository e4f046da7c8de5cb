// The emulated tenant's state. Users are created up front; a user's refresh tokens and
// sessions are generated the first time anything looks at that user (5,000 tokens for one user
// cost nothing until a test pages through them), from the user's own PRNG stream, so the data
// is the same whatever order users are looked at in. A user's log events are generated later
// still, the first time anything reads that user's logs, from what the tokens were when seeded.
import type { LogEvent, RefreshToken, Session, User } from '../../../src/auth0/types';
import type { Keyed } from '../cursor';
import { Rng } from '../prng';
import { extraClients, seedClients, type ClientRecord } from './clients';
import { deviceFor } from './devices';
import { HOSTILE_USER_IDS, HostileDecorator } from './hostile';
import {
  activityOf,
  accountEvents,
  activitySeedOf,
  assignLogIds,
  compareLogs,
  DAY_MS,
  eventsOf,
  machineEvents,
  HISTORY_DAYS,
  logIdFor,
  logUserAgentWriter,
  revocationEvent,
  type ActivitySeed,
  type Caller,
  type EventContext,
  type LogUserAgentForm,
  type TokenActivity,
} from './logs';
import { buildScenario, type ScenarioName } from './scenarios';
import { generateToken, freshToken, randomStatus, recordedShape, sessionFor, sessionsFor, type SeededToken, type TokenSeedContext, type TokenStatus } from './tokens';
import { seedUsers, type SeededUser, type SeededUsers } from './users';

export interface KeyedToken extends Keyed {
  token: RefreshToken;
}

export interface KeyedSession extends Keyed {
  session: Session;
}

interface UserState {
  seeded: SeededUser;
  tokens?: KeyedToken[];
  sessions?: KeyedSession[];
  /** What the seeded tokens' histories are derived from (taken before any hostile decoration). */
  activitySeeds?: ActivitySeed[];
  /** Scenario users' histories, written out in full (they include tokens revoked since). */
  scenarioActivities?: TokenActivity[];
  /** Seeded events, oldest first; generated on first read. */
  logs?: LogEvent[];
  /** Events of what happened through the emulator (revocations, new tokens), oldest first. */
  runtimeLogs: LogEvent[];
  /** Sort keys only grow, so a token issued later always lists after every existing one. */
  nextTokenKey: number;
  nextSessionKey: number;
}

export interface StoreConfig {
  seed: number;
  now: number;
  userCount: number;
  hostile: boolean;
  /** `tenant_name` of log events (default 'acme-emulated'). */
  tenantName?: string;
  /** `hostname` of log events: the tenant's login domain (default 'login.acme.example'). */
  hostname?: string;
  /** Applications listed after the seeded ones, which issued no tokens (default 0). */
  extraApplications?: number;
  /** What `user_agent` of log events carries (default 'summary'; see LogUserAgentForm). */
  logUserAgents?: LogUserAgentForm;
  /**
   * Makes `users.many` the stand-in of issue 18's tenant: this many tokens (e.g. 1234), most of
   * them idle-expired for months, three tokens to a session on average. Default: 250 ordinary ones.
   */
  standInTokens?: number;
  /** The tenant's clock (epoch ms); default: `now`, advancing with real time since the start. */
  clock?: () => number;
}

/** A token history the growing log continues (see liveLog.ts). */
export interface LiveSource {
  userId: string;
  scenario?: ScenarioName;
  activity: TokenActivity;
  /** Whether the token is still listed (not revoked or deleted). */
  listed(): boolean;
  context: EventContext;
}

/** users.seven shows every status a token can have. */
const SEVEN_STATUSES: readonly TokenStatus[] = ['active', 'active', 'expired', 'idle-expired', 'non-expiring', 'active', 'idle-expired'];

/** Where a token issued through addRefreshToken came from, when its device does not say. */
const UNKNOWN_CALLER: Caller = { ip: '192.0.2.1', userAgent: '' };

export class TenantStore {
  readonly users: readonly SeededUser[];
  readonly named: SeededUsers['named'];
  readonly fanOutUsers: readonly string[];
  readonly specialUsers: readonly string[];
  readonly scenarios: Readonly<Record<ScenarioName, string>>;
  readonly clients: readonly ClientRecord[];
  private readonly userStates = new Map<string, UserState>();
  private readonly tokenOwners = new Map<string, string>();
  private readonly sessionOwners = new Map<string, string>();
  private readonly clientsById: Map<string, ClientRecord>;
  private readonly tokenContext: TokenSeedContext;
  private readonly runtimeRng: Rng;
  private readonly runtimeLogIds: Rng;
  private readonly startedAt = Date.now();
  private everyoneMaterialised = false;
  /** allLogs(), until the next event is recorded. */
  private tenantLogs: LogEvent[] | undefined;
  private machineLogCache: LogEvent[] | undefined;

  constructor(private readonly config: StoreConfig) {
    const seeded = seedUsers(config.seed, config.userCount, config.now, config.hostile ? HOSTILE_USER_IDS : [], config.standInTokens);
    this.users = seeded.users;
    this.named = seeded.named;
    this.fanOutUsers = seeded.fanOutUsers;
    this.specialUsers = seeded.specialUsers;
    this.scenarios = seeded.scenarios;
    const clients = seedClients(config.seed);
    if (config.hostile) {
      const decorate = new HostileDecorator(Rng.for(config.seed, 'hostile:users'));
      seeded.users.forEach((seededUser, index) => {
        // A scenario user took a filler's place: decorated as that filler was, so that every
        // user after it gets the same payloads as before the scenarios existed.
        if (index % 2 === 0 || (seededUser.role !== 'filler' && seededUser.role !== 'scenario')) {
          decorate.user(seededUser.user);
        }
      });
      clients.forEach((client, index) => {
        if (!client.machineToMachine) {
          client.name = decorate.clientName(index, client.name);
          client.description = decorate.next();
        }
      });
    }
    this.clients = [...clients, ...extraClients(config.seed, config.extraApplications ?? 0)];
    this.clientsById = new Map(this.clients.map((client) => [client.client_id, client]));
    this.tokenContext = { now: config.now, issuingClients: clients.filter((client) => !client.machineToMachine) };
    this.runtimeRng = Rng.for(config.seed, 'runtime');
    this.runtimeLogIds = Rng.for(config.seed, 'runtime:log-ids');
    for (const seededUser of seeded.users) {
      this.userStates.set(seededUser.user.user_id, { seeded: seededUser, runtimeLogs: [], nextTokenKey: 1, nextSessionKey: 1 });
    }
  }

  /** The tenant's clock (epoch ms): the seeded `now`, advancing with real time since the start. */
  currentTime(): number {
    return this.config.clock ? this.config.clock() : this.config.now + (Date.now() - this.startedAt);
  }

  /**
   * The token histories of up to `limit` users, scenario users first (see liveLog.ts): each token
   * exchanged at least once, with the event context of its user. Materialises those users.
   */
  liveSources(limit: number): LiveSource[] {
    // The 250- and 5,000-token users would cost seconds to materialise and say nothing more.
    const ordered = this.users.filter((seeded) => seeded.role !== 'many' && seeded.role !== 'huge').sort((a, b) => Number(b.role === 'scenario') - Number(a.role === 'scenario'));
    const sources: LiveSource[] = [];
    for (const seeded of ordered.slice(0, limit)) {
      const state = this.userStates.get(seeded.user.user_id) as UserState;
      this.materialise(state);
      const horizon = this.config.now - HISTORY_DAYS * DAY_MS;
      const activities = [...(state.activitySeeds ?? []).map((seed) => activityOf(seed, this.config.seed, horizon)), ...(state.scenarioActivities ?? [])];
      const context = this.eventContext(seeded.user);
      for (const activity of activities) {
        if (activity.exchanges.length === 0) {
          continue;
        }
        sources.push({
          userId: seeded.user.user_id,
          scenario: seeded.scenario,
          activity,
          listed: () => (state.tokens ?? []).some((keyed) => keyed.token.id === activity.credentialId),
          context,
        });
      }
    }
    return sources;
  }

  /**
   * Appends events of the growing log (oldest first, log ids above every existing one) to the
   * user's log and to the tenant's, without sorting the whole log again.
   */
  appendLiveEvents(userId: string, events: readonly LogEvent[]): void {
    const state = this.userStates.get(userId);
    if (state === undefined || events.length === 0) {
      return;
    }
    state.runtimeLogs.push(...events);
    this.tenantLogs?.push(...events);
  }

  /**
   * A log event Auth0 wrote late (seconds to a minute after the fact), e.g. a `ferrt`: appended to
   * the user's log and the tenant's with a log id above every existing one. Undefined for an unknown user.
   */
  addLogEvent(userId: string, event: Omit<LogEvent, '_id' | 'log_id'>): LogEvent | undefined {
    const state = this.userStates.get(userId);
    if (state === undefined) {
      return undefined;
    }
    const logId = logIdFor(this.currentTime(), this.runtimeLogIds);
    const added = { ...event, _id: logId, log_id: logId } as LogEvent;
    this.appendLiveEvents(userId, [added]);
    return added;
  }

  findUser(userId: string): User | undefined {
    return this.userStates.get(userId)?.seeded.user;
  }

  /** The user's tokens in listing order, or undefined when there is no such user. */
  tokensOf(userId: string): readonly KeyedToken[] | undefined {
    const state = this.userStates.get(userId);
    return state === undefined ? undefined : this.materialise(state).tokens;
  }

  sessionsOf(userId: string): readonly KeyedSession[] | undefined {
    const state = this.userStates.get(userId);
    return state === undefined ? undefined : this.materialise(state).sessions;
  }

  findToken(tokenId: string): RefreshToken | undefined {
    const owner = this.ownerOf(this.tokenOwners, tokenId);
    return owner === undefined ? undefined : this.tokensOf(owner)?.find((keyed) => keyed.token.id === tokenId)?.token;
  }

  findSession(sessionId: string): Session | undefined {
    const owner = this.ownerOf(this.sessionOwners, sessionId);
    return owner === undefined ? undefined : this.sessionsOf(owner)?.find((keyed) => keyed.session.id === sessionId)?.session;
  }

  addToken(userId: string, overrides: Partial<RefreshToken> = {}): RefreshToken {
    const state = this.userStates.get(userId);
    if (state === undefined) {
      throw new Error(`addRefreshToken: no user ${JSON.stringify(userId)} in the emulated tenant`);
    }
    const { tokens, sessions } = this.materialise(state);
    const now = Date.now();
    const token: RefreshToken = { ...freshToken(this.runtimeRng, userId, this.tokenContext, now), ...overrides, user_id: userId };
    if (this.tokenOwners.has(token.id)) {
      throw new Error(`addRefreshToken: a token with id ${JSON.stringify(token.id)} already exists`);
    }
    tokens.push({ key: state.nextTokenKey++, token });
    this.tokenOwners.set(token.id, userId);
    if (typeof token.session_id === 'string' && !sessions.some((keyed) => keyed.session.id === token.session_id)) {
      const device = deviceFor(this.runtimeRng, 'desktop-browser');
      const session = sessionFor(this.runtimeRng, userId, token.session_id, now, device, token.client_id, now);
      sessions.push({ key: state.nextSessionKey++, session });
      this.sessionOwners.set(session.id, userId);
    }
    this.recordIssue(state, token);
    return token;
  }

  /** Removes at once; returns whether the token existed. */
  removeToken(tokenId: string): boolean {
    return this.takeToken(tokenId) !== undefined;
  }

  /** Removes at once and logs an `srrt` for it, as a revocation through the API does. */
  revokeToken(tokenId: string, caller: Caller): boolean {
    const token = this.takeToken(tokenId);
    if (token === undefined) {
      return false;
    }
    this.recordRevocation(token, caller);
    return true;
  }

  /** Ends the session only (DELETE /sessions/{id}): the refresh tokens issued in it live on. */
  removeSession(sessionId: string): boolean {
    const owner = this.ownerOf(this.sessionOwners, sessionId);
    if (owner === undefined) {
      return false;
    }
    const sessions = this.materialise(this.userStates.get(owner) as UserState).sessions;
    const index = sessions.findIndex((keyed) => keyed.session.id === sessionId);
    if (index === -1) {
      return false;
    }
    sessions.splice(index, 1);
    this.sessionOwners.delete(sessionId);
    return true;
  }

  /** Ends the session AND revokes every refresh token bound to it (POST /sessions/{id}/revoke). */
  revokeSession(sessionId: string, caller: Caller): void {
    const owner = this.ownerOf(this.sessionOwners, sessionId);
    this.removeSession(sessionId);
    if (owner === undefined) {
      return;
    }
    const bound = (this.tokensOf(owner) ?? []).filter((keyed) => keyed.token.session_id === sessionId).map((keyed) => keyed.token.id);
    bound.forEach((id) => this.revokeToken(id, caller));
  }

  /** Replaces the token's metadata (PATCH /refresh-tokens/{id}); undefined when there is no such token. */
  replaceTokenMetadata(tokenId: string, metadata: Record<string, unknown> | null): RefreshToken | undefined {
    const token = this.findToken(tokenId);
    if (token !== undefined) {
      token.refresh_token_metadata = metadata;
    }
    return token;
  }

  /** Applies a PATCH /users/{id} body that was already validated. */
  updateUser(userId: string, changes: Partial<User>): User | undefined {
    const user = this.findUser(userId);
    if (user === undefined) {
      return undefined;
    }
    Object.assign(user, changes, { updated_at: new Date(this.currentTime()).toISOString() });
    return user;
  }

  client(clientId: string): ClientRecord | undefined {
    return this.clientsById.get(clientId);
  }

  /** The names of the connections the tenant's users come from. */
  connections(): string[] {
    const names = new Set<string>();
    for (const { user } of this.users) {
      const connection = user.identities?.[0]?.connection;
      if (typeof connection === 'string') {
        names.add(connection);
      }
    }
    return [...names];
  }

  /** A connection's id as Auth0 shows it ("con_" and 16 characters), stable per seed. */
  connectionId(connection: string): string {
    return `con_${Rng.for(this.config.seed, `connection:${connection}`).string(16)}`;
  }

  /** Set by the growing log (liveLog.ts): writes the events due by the tenant's clock before a log read. */
  grow?: () => void;
  /** Set by the growing log: called before a checkpoint-paging read (`from`), the reads a watch makes. */
  onTailRead?: () => void;
  private growing = false;

  private growLog(): void {
    if (this.grow !== undefined && !this.growing) {
      this.growing = true;
      try {
        this.grow();
      } finally {
        this.growing = false;
      }
    }
  }

  /** The user's log events, oldest first; empty for an unknown user (as Auth0 answers). */
  logsOf(userId: string): readonly LogEvent[] {
    this.growLog();
    const state = this.userStates.get(userId);
    if (state === undefined) {
      return [];
    }
    const seeded = this.seededLogs(state);
    return state.runtimeLogs.length === 0 ? seeded : [...seeded, ...state.runtimeLogs].sort(compareLogs);
  }

  /** Every user's log events (GET /logs), oldest first. Generates the whole tenant's history once. */
  allLogs(): readonly LogEvent[] {
    this.growLog();
    if (this.tenantLogs === undefined) {
      const all: LogEvent[] = [];
      for (const seeded of this.users) {
        all.push(...this.logsOf(seeded.user.user_id));
      }
      all.push(...this.machineLogs());
      this.tenantLogs = all.sort(compareLogs);
    }
    return this.tenantLogs;
  }

  private ownerOf(owners: Map<string, string>, id: string): string | undefined {
    if (!owners.has(id) && !this.everyoneMaterialised) {
      // An id we have not generated yet can only belong to a user nobody looked at: generate all.
      this.userStates.forEach((state) => this.materialise(state));
      this.everyoneMaterialised = true;
    }
    return owners.get(id);
  }

  private takeToken(tokenId: string): RefreshToken | undefined {
    const owner = this.ownerOf(this.tokenOwners, tokenId);
    if (owner === undefined) {
      return undefined;
    }
    const tokens = this.materialise(this.userStates.get(owner) as UserState).tokens;
    const index = tokens.findIndex((keyed) => keyed.token.id === tokenId);
    if (index === -1) {
      return undefined;
    }
    const [{ token }] = tokens.splice(index, 1);
    this.tokenOwners.delete(tokenId);
    return token;
  }

  private eventContext(user: User): EventContext {
    return {
      user,
      tenantName: this.config.tenantName ?? 'acme-emulated',
      hostname: this.config.hostname ?? 'login.acme.example',
      // Logs keep an application's name after it is deleted; an id no application had has none.
      clientName: (clientId) => this.client(clientId)?.name ?? '',
      connectionId: (connection) => this.connectionId(connection),
      userAgent: logUserAgentWriter(this.config.logUserAgents ?? 'summary', this.config.seed, String(user.user_id)),
    };
  }

  private recordRevocation(token: RefreshToken, caller: Caller): void {
    const owner = token.user_id ?? '';
    const state = this.userStates.get(owner);
    if (state === undefined) {
      return;
    }
    const at = this.currentTime();
    const event = revocationEvent(token, at, caller, this.eventContext(state.seeded.user));
    const logId = logIdFor(at, this.runtimeLogIds);
    state.runtimeLogs.push({ _id: logId, log_id: logId, ...event });
    this.tenantLogs = undefined;
  }

  private recordIssue(state: UserState, token: RefreshToken): void {
    const at = this.currentTime();
    const device = token.device ?? {};
    const activity = activityOf(
      activitySeedOf({ ...token, created_at: new Date(at).toISOString(), last_exchanged_at: undefined }, {
        initial_ip: String(device.initial_ip ?? UNKNOWN_CALLER.ip),
        initial_user_agent: String(device.initial_user_agent ?? UNKNOWN_CALLER.userAgent),
        last_ip: String(device.last_ip ?? UNKNOWN_CALLER.ip),
        last_user_agent: String(device.last_user_agent ?? UNKNOWN_CALLER.userAgent),
      }),
      this.config.seed,
      at,
    );
    for (const event of eventsOf(activity, this.eventContext(state.seeded.user))) {
      const logId = logIdFor(at, this.runtimeLogIds);
      state.runtimeLogs.push({ _id: logId, log_id: logId, ...event });
    }
    this.tenantLogs = undefined;
  }

  /** The M2M application's own events (seccft, sapi): in the tenant's log, no user's. */
  private machineLogs(): readonly LogEvent[] {
    if (this.machineLogCache === undefined) {
      const client = this.clients.find((candidate) => candidate.machineToMachine);
      const horizon = this.config.now - HISTORY_DAYS * DAY_MS;
      const events = client === undefined ? [] : machineEvents(
        { client_id: client.client_id, name: client.name }, Rng.for(this.config.seed, 'machine-logs'), horizon, this.config.now,
        this.config.tenantName ?? 'acme-emulated', this.config.hostname ?? 'login.acme.example',
      );
      this.machineLogCache = assignLogIds(events, Rng.for(this.config.seed, 'machine-log-ids'));
    }
    return this.machineLogCache;
  }

  private seededLogs(state: UserState): LogEvent[] {
    if (state.logs === undefined) {
      this.materialise(state);
      const userId = state.seeded.user.user_id;
      const horizon = this.config.now - HISTORY_DAYS * DAY_MS;
      const activities = [
        ...(state.activitySeeds ?? []).map((seed) => activityOf(seed, this.config.seed, horizon)),
        ...(state.scenarioActivities ?? []),
      ];
      const context = this.eventContext(state.seeded.user);
      const events = [
        ...activities.flatMap((activity) => eventsOf(activity, context)),
        ...accountEvents(state.seeded.user, context, horizon, this.config.now),
      ];
      if (this.config.hostile) {
        const decorate = new HostileDecorator(Rng.for(this.config.seed, `hostile:logs:${userId}`));
        events.forEach((event, index) => index % 2 === 0 && decorate.logEvent(event));
      }
      state.logs = assignLogIds(events, Rng.for(this.config.seed, `log-ids:${userId}`));
    }
    return state.logs;
  }

  private materialise(state: UserState): Required<Pick<UserState, 'tokens' | 'sessions'>> {
    if (state.tokens === undefined || state.sessions === undefined) {
      const userId = state.seeded.user.user_id;
      let tokens: RefreshToken[];
      let sessions: Session[];
      if (state.seeded.scenario !== undefined) {
        const scenario = buildScenario(state.seeded.scenario, {
          rng: Rng.for(this.config.seed, `scenario:${state.seeded.scenario}`),
          userId,
          now: this.config.now,
          client: (key) => this.clientByKey(key),
        });
        tokens = scenario.tokens;
        sessions = scenario.sessions;
        state.scenarioActivities = scenario.activities;
        state.activitySeeds = [];
      } else {
        const seeded = this.seedTokensAndSessions(state);
        tokens = seeded.tokens.map(({ token }) => token);
        sessions = seeded.sessions;
        state.activitySeeds = seeded.tokens.map(({ token, device }) => activitySeedOf(token, device));
        // Only now, with the histories taken: what a real tenant leaves out of the listing.
        tokens.forEach(recordedShape);
      }
      if (this.config.hostile) {
        const decorate = new HostileDecorator(Rng.for(this.config.seed, `hostile:${userId}`));
        const everything = state.seeded.role !== 'filler' && state.seeded.role !== 'huge';
        tokens.forEach((token, index) => {
          // Every third token of the huge and filler users keeps the listing big but still mixed.
          if (everything || index % 3 === 0) {
            decorate.token(token);
          }
        });
        sessions.forEach((session) => decorate.session(session));
      }
      state.tokens = tokens.map((token) => ({ key: state.nextTokenKey++, token }));
      state.sessions = sessions.map((session) => ({ key: state.nextSessionKey++, session }));
      tokens.forEach((token) => this.tokenOwners.set(token.id, userId));
      sessions.forEach((session) => this.sessionOwners.set(session.id, userId));
    }
    return { tokens: state.tokens, sessions: state.sessions };
  }

  /** A generic user's tokens and then sessions, both from the user's own PRNG stream. */
  private seedTokensAndSessions(state: UserState): { tokens: SeededToken[]; sessions: Session[] } {
    const userId = state.seeded.user.user_id;
    const rng = Rng.for(this.config.seed, `tokens:${userId}`);
    const tokens: SeededToken[] = [];
    const standIn = state.seeded.role === 'many' && this.config.standInTokens !== undefined;
    for (let i = 0; i < state.seeded.plannedTokenCount; i++) {
      const status = state.seeded.role === 'seven' ? SEVEN_STATUSES[i] : state.seeded.role === 'one' ? 'active' : standIn ? standInStatus(rng) : randomStatus(rng);
      tokens.push(generateToken(rng, userId, status, this.tokenContext));
    }
    if (standIn) {
      // Rotation families and re-logins in one browser: about three tokens to a session.
      const pool = tokens.map(({ token }) => token.session_id).filter((id): id is string => typeof id === 'string');
      const shared = pool.slice(0, Math.max(1, Math.ceil(pool.length / 3)));
      for (const { token } of tokens) {
        if (typeof token.session_id === 'string') {
          token.session_id = rng.pick(shared);
        }
      }
    }
    // Listing order is issue order, so that keys (and cursors) follow creation time.
    tokens.sort((a, b) => String(a.token.created_at).localeCompare(String(b.token.created_at)));
    const sessions = sessionsFor(rng, userId, tokens, this.tokenContext);
    const seen = new Set<string>();
    return { tokens, sessions: sessions.filter((session) => !seen.has(session.id) && seen.add(session.id) !== undefined) };
  }

  private clientByKey(key: string): ClientRecord {
    const client = this.clients.find((candidate) => candidate.key === key);
    if (client === undefined) {
      throw new Error(`no seeded application ${key}`);
    }
    return client;
  }
}

/** The stand-in user's tokens: most idle-expired for months, as on issue 18's tenant. */
function standInStatus(rng: Rng): TokenStatus {
  return rng.weighted([
    ['active', 12],
    ['expired', 8],
    ['idle-expired', 75],
    ['non-expiring', 5],
  ]);
}
