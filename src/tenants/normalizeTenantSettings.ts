// The `auth0TokenInspector.tenants` setting as a person may have written it in settings.json.
// The contribution schema only warns in the editor; VS Code hands over whatever is there. This
// turns it into one entry per tenant (VS Code refuses a tree whose item ids repeat) and says
// what it ignored and why, so the log and the tenant's row can tell the person (issue #10).
// No vscode import: it is unit-tested in plain Node.
import { parseTenantDomain } from '../auth0/tenantDomain';
import { revealHiddenCharacters } from '../presentation/hiddenCharacters';

export interface TenantSetting {
  domain: string;
  label?: string;
}

export type IgnoredSettingReason =
  /** The setting is not a list. */
  | 'not-a-list'
  /** An entry that is not an object ({"domain": …}). */
  | 'not-an-object'
  /** An entry without a usable domain (missing, not a string, empty). */
  | 'no-domain'
  /** The same tenant as an earlier entry, after normalising the domain. */
  | 'duplicate'
  /** A label that is not a non-empty string: the domain is shown instead. */
  | 'label'
  /** Keys other than domain and label. */
  | 'unknown-key'
  /** A domain written as a URL or with a trailing dot: only its host is used. */
  | 'domain-form';

export interface IgnoredTenantSetting {
  reason: IgnoredSettingReason;
  /** 1-based position of the entry in the list, as a person counts; absent for 'not-a-list'. */
  entry?: number;
  /** The kept tenant's domain when the note is about it (shown on its row); absent otherwise. */
  domain?: string;
  /** One line for the log and the tooltip; what was written is quoted, escaped and shortened. */
  message: string;
}

export interface NormalizedTenantSettings {
  /** One per tenant, first written first; domains are bare hosts where they parse. */
  tenants: TenantSetting[];
  ignored: IgnoredTenantSetting[];
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(['domain', 'label']);
const QUOTED_LENGTH = 60;

/**
 * Normalises the raw value of `auth0TokenInspector.tenants` (anything JSON can hold). Domains
 * are trimmed and, when parseTenantDomain accepts them, replaced by the bare host it returns
 * ("https://ACME.eu.auth0.com/" → "acme.eu.auth0.com"); a domain it refuses is kept as written
 * so the tenant's row can say why it is unusable. Two entries naming the same host (or the same
 * unusable text, ignoring case) are one tenant: the first is kept. Labels are trimmed; a label
 * that is not a non-empty string is dropped. Never throws.
 */
export function normalizeTenantSettings(raw: unknown): NormalizedTenantSettings {
  const tenants: TenantSetting[] = [];
  const ignored: IgnoredTenantSetting[] = [];
  if (raw === undefined || raw === null) {
    return { tenants, ignored };
  }
  if (!Array.isArray(raw)) {
    ignored.push({ reason: 'not-a-list', message: `The tenants setting is ${kindOf(raw)}, not a list of {"domain": …} entries; ignored.` });
    return { tenants, ignored };
  }
  const firstEntryOf = new Map<string, { entry: number; domain: string; shown: string }>();
  raw.forEach((value: unknown, index) => {
    const entry = index + 1;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const hint = typeof value === 'string' ? `; write {"domain": ${quote(value.trim())}}` : '';
      ignored.push({ reason: 'not-an-object', entry, message: `Entry ${entry} is ${kindOf(value)}, not {"domain": …}${hint}; ignored.` });
      return;
    }
    const record = value as Record<string, unknown>;
    const written = record.domain;
    if (typeof written !== 'string' || written.trim() === '') {
      const problem = written === undefined ? 'has no "domain"' : typeof written === 'string' ? 'has an empty "domain"' : `has a "domain" that is ${kindOf(written)}, not text`;
      ignored.push({ reason: 'no-domain', entry, message: `Entry ${entry} ${problem}; ignored.` });
      return;
    }
    const trimmed = written.trim();
    const host = hostOf(trimmed);
    const domain = host ?? trimmed;
    const key = host ?? unusableKey(trimmed);
    const label = typeof record.label === 'string' && record.label.trim() !== '' ? record.label.trim() : undefined;

    const first = firstEntryOf.get(key);
    if (first !== undefined) {
      const labelText = label === undefined ? '' : `, label ${quote(label)}`;
      ignored.push({
        reason: 'duplicate',
        entry,
        domain: first.domain,
        message: `Entry ${entry} (${quote(trimmed)}${labelText}) repeats ${first.shown} (entry ${first.entry}); ignored.`,
      });
      return;
    }
    firstEntryOf.set(key, { entry, domain, shown: host ?? quote(trimmed) });
    tenants.push(label === undefined ? { domain } : { domain, label });

    if (host !== undefined && host !== trimmed.toLowerCase()) {
      ignored.push({ reason: 'domain-form', entry, domain, message: `Entry ${entry}: domain ${quote(trimmed)} is used as ${host}.` });
    }
    if (record.label !== undefined && label === undefined) {
      const problem = typeof record.label === 'string' ? 'is empty' : 'is not text';
      ignored.push({ reason: 'label', entry, domain, message: `Entry ${entry}: label ${describeValue(record.label)} ${problem}; the domain is shown instead.` });
    }
    const unknown = Object.keys(record).filter((name) => !KNOWN_KEYS.has(name));
    if (unknown.length > 0) {
      const names = unknown.map((name) => quote(name)).join(', ');
      ignored.push({ reason: 'unknown-key', entry, domain, message: `Entry ${entry}: unknown key${unknown.length > 1 ? 's' : ''} ${names} ignored.` });
    }
  });
  return { tenants, ignored };
}

function hostOf(domain: string): string | undefined {
  try {
    return parseTenantDomain(domain).domain;
  } catch {
    return undefined;
  }
}

/** A domain the tree cannot use still names one row; case and a trailing dot do not make another. */
function unusableKey(domain: string): string {
  return `unusable:${domain.toLowerCase().replace(/\.$/, '')}`;
}

function kindOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** A value for a message: JSON-quoted, hidden characters named, at most 60 characters. */
function quote(text: string): string {
  const characters = [...revealHiddenCharacters(text)];
  const shown = characters.length > QUOTED_LENGTH ? `${characters.slice(0, QUOTED_LENGTH - 1).join('')}…` : characters.join('');
  return JSON.stringify(shown);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return quote(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  return Array.isArray(value) ? 'a list' : 'an object';
}
