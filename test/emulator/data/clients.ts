// The tenant's applications. Refresh tokens name their application only by client_id, so the
// extension resolves names with GET /clients/{id}; one application that issued tokens has since
// been deleted, and looking it up answers 404 like it does on a real tenant.
import { Rng } from '../prng';
import type { Platform } from './devices';

export interface ClientRecord {
  client_id: string;
  /** Stable across profiles (the hostile profile renames applications): how scenarios find one. */
  key: string;
  name: string;
  app_type: 'spa' | 'native' | 'regular_web' | 'non_interactive';
  description: string;
  /** Which devices its tokens come from. */
  platforms: readonly Platform[];
  /** How likely a token of a typical user belongs to it. */
  weight: number;
  /** True for the application deleted after it issued tokens: GET /clients/{id} answers 404. */
  deleted?: boolean;
  /** The emulator's own machine-to-machine application: holds the client secret, issues no refresh tokens. */
  machineToMachine?: boolean;
  rotating: boolean;
}

type ClientTemplate = Omit<ClientRecord, 'client_id'>;

const TEMPLATES: readonly ClientTemplate[] = [
  { key: 'acme-web', name: 'Acme Web', app_type: 'spa', description: 'Customer web app', platforms: ['desktop-browser', 'mobile-browser'], weight: 5, rotating: true },
  { key: 'acme-ios', name: 'Acme iOS', app_type: 'native', description: 'iPhone and iPad app', platforms: ['ios-app'], weight: 3, rotating: true },
  { key: 'acme-android', name: 'Acme Android', app_type: 'native', description: 'Android app', platforms: ['android-app'], weight: 3, rotating: true },
  { key: 'support-console', name: 'Support Console', app_type: 'regular_web', description: 'Internal support tooling', platforms: ['desktop-browser'], weight: 1, rotating: false },
  { key: 'partner-portal', name: 'Partner Portal', app_type: 'regular_web', description: 'B2B partner access', platforms: ['desktop-browser'], weight: 1, rotating: false },
  { key: 'acme-cli', name: 'Acme CLI', app_type: 'native', description: 'Command line tool (device flow)', platforms: ['cli'], weight: 0.5, rotating: false },
  {
    key: 'legacy-kiosk',
    name: 'Legacy Kiosk',
    app_type: 'native',
    description: 'Deleted in 2024; its tokens outlived it',
    platforms: ['mobile-browser', 'android-app'],
    weight: 0.7,
    rotating: false,
    deleted: true,
  },
  {
    key: 'm2m',
    name: 'Token Inspector (M2M)',
    app_type: 'non_interactive',
    description: 'Machine-to-machine application for the Management API',
    platforms: [],
    weight: 0,
    rotating: false,
    machineToMachine: true,
  },
];

export function seedClients(seed: number): ClientRecord[] {
  const rng = Rng.for(seed, 'clients');
  return TEMPLATES.map((template) => ({ ...template, client_id: rng.string(32) }));
}

/**
 * `count` more applications after the seeded ones (EmulatorOptions.extraApplications), so that the
 * application list (GET /clients) takes more than one page of 100. They issued no refresh tokens,
 * and drawing them from their own stream leaves every other seeded value as it was.
 */
export function extraClients(seed: number, count: number): ClientRecord[] {
  const rng = Rng.for(seed, 'clients:extra');
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(3, '0');
    return { key: `extra-${number}`, name: `Partner App ${number}`, app_type: 'regular_web', description: 'A partner integration', platforms: [], weight: 0, rotating: false, client_id: rng.string(32) };
  });
}

/** The body of GET /api/v2/clients/{id}, shaped like Auth0's (GetClientResponseContent). */
export function clientResponse(client: ClientRecord, tenant: string): Record<string, unknown> {
  const isBrowserApp = client.app_type === 'spa' || client.app_type === 'regular_web';
  return {
    tenant,
    global: false,
    is_token_endpoint_ip_header_trusted: false,
    name: client.name,
    description: client.description,
    client_id: client.client_id,
    app_type: client.app_type,
    is_first_party: true,
    oidc_conformant: true,
    sso_disabled: false,
    cross_origin_authentication: false,
    callbacks: isBrowserApp ? [`https://${slug(client.name)}.acme.example/callback`] : [],
    allowed_origins: [],
    web_origins: isBrowserApp ? [`https://${slug(client.name)}.acme.example`] : [],
    allowed_logout_urls: [],
    grant_types: client.machineToMachine ? ['client_credentials'] : ['authorization_code', 'implicit', 'refresh_token'],
    token_endpoint_auth_method: client.app_type === 'spa' || client.app_type === 'native' ? 'none' : 'client_secret_post',
    jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 36000, secret_encoded: false },
    refresh_token: {
      rotation_type: client.rotating ? 'rotating' : 'non-rotating',
      expiration_type: client.rotating ? 'expiring' : 'non-expiring',
      leeway: 0,
      token_lifetime: client.rotating ? 2592000 : 31557600,
      infinite_token_lifetime: !client.rotating,
      idle_token_lifetime: 1296000,
      infinite_idle_token_lifetime: !client.rotating,
    },
    client_metadata: {},
    custom_login_page_on: true,
  };
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'app';
}
