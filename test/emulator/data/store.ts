// The emulated tenant's state. Users are created up front; a user's refresh tokens and
// sessions are generated the first time anything looks at that user (5,000 tokens for one user
// cost nothing until a test pages through them), from the user's own PRNG stream, so the data
// is the same whatever order users are looked at in.
import type { RefreshToken, Session, User } from '../../../src/auth0/types';
import type { Keyed } from '../cursor';
import { Rng } from '../prng';
import { seedClients, type ClientRecord } from './clients';
import { HOSTILE_USER_IDS, HostileDecorator } from './hostile';
import { generateToken, freshToken, randomStatus, sessionFor, sessionsFor, type SeededToken, type TokenSeedContext, type TokenStatus } from './tokens';
import { seedUsers, type SeededUser, type SeededUsers } from './users';
import { deviceFor } from './devices';

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
  /** Sort keys only grow, so a token issued later always lists after every existing one. */
  nextTokenKey: number;
  nextSessionKey: number;
}

export interface StoreConfig {
  seed: number;
  now: number;
  userCount: number;
  hostile: boolean;
}

/** users.seven shows every status a token can have. */
const SEVEN_STATUSES: readonly TokenStatus[] = ['active', 'active', 'expired', 'idle-expired', 'non-expiring', 'active', 'idle-expired'];

export class TenantStore {
  readonly users: readonly SeededUser[];
  readonly named: SeededUsers['named'];
  readonly fanOutUsers: readonly string[];
  readonly specialUsers: readonly string[];
  readonly clients: readonly ClientRecord[];
  private readonly userStates = new Map<string, UserState>();
  private readonly tokenOwners = new Map<string, string>();
  private readonly clientsById: Map<string, ClientRecord>;
  private readonly tokenContext: TokenSeedContext;
  private readonly runtimeRng: Rng;
  private everyoneMaterialised = false;

  constructor(private readonly config: StoreConfig) {
    const seeded = seedUsers(config.seed, config.userCount, config.now, config.hostile ? HOSTILE_USER_IDS : []);
    this.users = seeded.users;
    this.named = seeded.named;
    this.fanOutUsers = seeded.fanOutUsers;
    this.specialUsers = seeded.specialUsers;
    const clients = seedClients(config.seed);
    if (config.hostile) {
      const decorate = new HostileDecorator(Rng.for(config.seed, 'hostile:users'));
      seeded.users.forEach((seededUser, index) => {
        if (index % 2 === 0 || seededUser.role !== 'filler') {
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
    this.clients = clients;
    this.clientsById = new Map(clients.map((client) => [client.client_id, client]));
    this.tokenContext = { now: config.now, issuingClients: clients.filter((client) => !client.machineToMachine) };
    this.runtimeRng = Rng.for(config.seed, 'runtime');
    for (const seededUser of seeded.users) {
      this.userStates.set(seededUser.user.user_id, { seeded: seededUser, nextTokenKey: 1, nextSessionKey: 1 });
    }
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
    let owner = this.tokenOwners.get(tokenId);
    if (owner === undefined && !this.everyoneMaterialised) {
      // An id we have not generated yet can only belong to a user nobody looked at: generate all.
      this.userStates.forEach((state) => this.materialise(state));
      this.everyoneMaterialised = true;
      owner = this.tokenOwners.get(tokenId);
    }
    if (owner === undefined) {
      return undefined;
    }
    return this.tokensOf(owner)?.find((keyed) => keyed.token.id === tokenId)?.token;
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
    }
    return token;
  }

  /** Removes at once; returns whether the token existed. */
  removeToken(tokenId: string): boolean {
    if (this.findToken(tokenId) === undefined) {
      return false;
    }
    const owner = this.tokenOwners.get(tokenId) as string;
    const tokens = this.materialise(this.userStates.get(owner) as UserState).tokens;
    const index = tokens.findIndex((keyed) => keyed.token.id === tokenId);
    tokens.splice(index, 1);
    this.tokenOwners.delete(tokenId);
    return true;
  }

  client(clientId: string): ClientRecord | undefined {
    return this.clientsById.get(clientId);
  }

  private materialise(state: UserState): Required<Pick<UserState, 'tokens' | 'sessions'>> {
    if (state.tokens === undefined || state.sessions === undefined) {
      const userId = state.seeded.user.user_id;
      const rng = Rng.for(this.config.seed, `tokens:${userId}`);
      const seededTokens: SeededToken[] = [];
      for (let i = 0; i < state.seeded.plannedTokenCount; i++) {
        const status = state.seeded.role === 'seven' ? SEVEN_STATUSES[i] : state.seeded.role === 'one' ? 'active' : randomStatus(rng);
        seededTokens.push(generateToken(rng, userId, status, this.tokenContext));
      }
      // Listing order is issue order, so that keys (and cursors) follow creation time.
      seededTokens.sort((a, b) => String(a.token.created_at).localeCompare(String(b.token.created_at)));
      const sessions = sessionsFor(rng, userId, seededTokens, this.tokenContext);
      if (this.config.hostile) {
        const decorate = new HostileDecorator(Rng.for(this.config.seed, `hostile:${userId}`));
        const everything = state.seeded.role !== 'filler' && state.seeded.role !== 'huge';
        seededTokens.forEach(({ token }, index) => {
          // Every third token of the huge and filler users keeps the listing big but still mixed.
          if (everything || index % 3 === 0) {
            decorate.token(token);
          }
        });
        sessions.forEach((session) => decorate.session(session));
      }
      state.tokens = seededTokens.map(({ token }) => ({ key: state.nextTokenKey++, token }));
      state.sessions = sessions.map((session) => ({ key: state.nextSessionKey++, session }));
      for (const { token } of seededTokens) {
        this.tokenOwners.set(token.id, userId);
      }
    }
    return { tokens: state.tokens, sessions: state.sessions };
  }
}
