// What the live contract suite is pointed at, from the environment:
//   AUTH0_DOMAIN                       the tenant ("acme.eu.auth0.com"), or the emulator's "127.0.0.1:4010"
//   AUTH0_TOKEN                        a Management API token, or else
//   AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET  a machine-to-machine application's credentials
//   AUTH0_LIVE_USER_ID                 optional: the user whose refresh tokens, session and logs to read
//   AUTH0_LIVE_SESSION_ID              optional: the session to read when the token names none
//   AUTH0_LIVE_ALLOW_WRITES=1          allow the write checks, which also need a test application:
//   AUTH0_LIVE_TEST_CLIENT_ID, AUTH0_LIVE_TEST_CLIENT_SECRET  an application with the Password grant
//   AUTH0_LIVE_TEST_USERNAME, AUTH0_LIVE_TEST_PASSWORD        a test user it logs in (offline_access)
//   AUTH0_LIVE_TEST_REALM              optional: the user's database connection (password-realm grant)
// Secrets are read here and handed to token providers only; nothing prints them.

/** The seed of the emulator the tenant is compared with (and of the stand-in that plays the tenant in npm test). */
export const REFERENCE_SEED = 1;

export type LiveCredentials = { kind: 'token'; token: string } | { kind: 'client-credentials'; clientId: string; clientSecret: string };

export interface LiveTestApplication {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  realm?: string;
}

export type LiveEnvironment =
  | {
      ok: true;
      domain: string;
      credentials: LiveCredentials;
      userId?: string;
      sessionId?: string;
      /** Set when AUTH0_LIVE_ALLOW_WRITES=1 and the test application is named; otherwise why writes do not run. */
      writes: { ok: true; application: LiveTestApplication } | { ok: false; reason: string };
      /**
       * What stands in for a tenant in npm test: the emulator, or the recorded tenant (a real
       * tenant's recorded answers, recordedTenant.ts); undefined for a real tenant.
       */
      standIn: 'emulator' | 'recorded' | undefined;
    }
  | { ok: false; reason: string };

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const text = env[name]?.trim();
  return text ? text : undefined;
}

function standInOf(value: string | undefined): 'emulator' | 'recorded' | undefined {
  return value === '1' || value === 'emulator' ? 'emulator' : value === 'recorded' ? 'recorded' : undefined;
}

/** Reads the variables above; `ok: false` says which are missing, in one sentence. */
export function readLiveEnvironment(env: NodeJS.ProcessEnv): LiveEnvironment {
  const domain = value(env, 'AUTH0_DOMAIN');
  const token = value(env, 'AUTH0_TOKEN');
  const clientId = value(env, 'AUTH0_CLIENT_ID');
  const clientSecret = value(env, 'AUTH0_CLIENT_SECRET');
  if (!domain) {
    return { ok: false, reason: 'AUTH0_DOMAIN is not set (with AUTH0_TOKEN, or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET)' };
  }
  let credentials: LiveCredentials;
  if (token) {
    credentials = { kind: 'token', token };
  } else if (clientId && clientSecret) {
    credentials = { kind: 'client-credentials', clientId, clientSecret };
  } else {
    return { ok: false, reason: 'AUTH0_DOMAIN is set but neither AUTH0_TOKEN nor both AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET are' };
  }
  const application = {
    clientId: value(env, 'AUTH0_LIVE_TEST_CLIENT_ID'),
    clientSecret: value(env, 'AUTH0_LIVE_TEST_CLIENT_SECRET'),
    username: value(env, 'AUTH0_LIVE_TEST_USERNAME'),
    password: value(env, 'AUTH0_LIVE_TEST_PASSWORD'),
    realm: value(env, 'AUTH0_LIVE_TEST_REALM'),
  };
  const missing = (['clientId', 'clientSecret', 'username', 'password'] as const).filter((key) => application[key] === undefined);
  const names: Record<string, string> = {
    clientId: 'AUTH0_LIVE_TEST_CLIENT_ID', clientSecret: 'AUTH0_LIVE_TEST_CLIENT_SECRET', username: 'AUTH0_LIVE_TEST_USERNAME', password: 'AUTH0_LIVE_TEST_PASSWORD',
  };
  const writes: Extract<LiveEnvironment, { ok: true }>['writes'] =
    env.AUTH0_LIVE_ALLOW_WRITES !== '1'
      ? { ok: false, reason: 'AUTH0_LIVE_ALLOW_WRITES is not 1' }
      : missing.length > 0
        ? { ok: false, reason: `AUTH0_LIVE_ALLOW_WRITES is 1 but ${missing.map((key) => names[key]).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set` }
        : { ok: true, application: application as LiveTestApplication };
  return { ok: true, domain, credentials, userId: value(env, 'AUTH0_LIVE_USER_ID'), sessionId: value(env, 'AUTH0_LIVE_SESSION_ID'), writes, standIn: standInOf(env.AUTH0_LIVE_STAND_IN) };
}
