// Refresh-token metadata checked against Auth0's limits before `PATCH /api/v2/refresh-tokens/{id}`
// sends it (management-api-v2 RefreshTokenMetadata; Auth0's refresh token metadata docs): at most
// 25 keys; keys of letters, digits, "_" and "-", at most 255 characters; values strings of at
// most 255 characters. PATCH replaces the whole object; `{}` or `null` clears it. Each problem
// gets its own message, so a person can fix them all at once instead of one per round trip.

import { codePointLength, safeLabel } from './plainText';

export const METADATA_MAX_KEYS = 25;
/** For keys and values alike; counted in code points, as JSON Schema's maxLength counts. */
export const METADATA_MAX_LENGTH = 255;

const KEY_CHARACTERS = /^[A-Za-z0-9_-]+$/;
const KEY_CHARACTER = /[A-Za-z0-9_-]/;

export type MetadataProblemCode =
  | 'not-an-object'
  | 'too-many-keys'
  | 'empty-key'
  | 'key-too-long'
  | 'key-characters'
  | 'value-not-string'
  | 'value-too-long';

export interface MetadataProblem {
  code: MetadataProblemCode;
  /** The key concerned, exactly as given; absent for problems of the whole object. */
  key?: string;
  /** One sentence for a person; keys and characters in it are cut to one safe line. */
  message: string;
}

function keyText(key: string): string {
  return `"${safeLabel(key, 40)}"`;
}

function typeName(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/** " " as "a space", invisible or control characters as "U+202E", anything else quoted. */
function characterText(character: string): string {
  if (character === ' ') {
    return 'a space';
  }
  if (/[\s\p{C}]/u.test(character) || safeLabel(character, 2) !== character) {
    return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `"${character}"`;
}

/** The characters a key may not hold, each once, in order, at most five named. */
function badCharacters(key: string): string {
  const bad = [...new Set(Array.from(key).filter((character) => !KEY_CHARACTER.test(character)))];
  const named = bad.slice(0, 5).map(characterText).join(', ');
  return bad.length > 5 ? `${named} and ${bad.length - 5} more` : named;
}

function keyProblems(key: string): MetadataProblem[] {
  if (key === '') {
    return [{ code: 'empty-key', key, message: 'A key is empty; keys need at least one character.' }];
  }
  const problems: MetadataProblem[] = [];
  const length = codePointLength(key);
  if (length > METADATA_MAX_LENGTH) {
    problems.push({ code: 'key-too-long', key, message: `Key ${keyText(key)} is ${length} characters long; Auth0 allows at most ${METADATA_MAX_LENGTH}.` });
  }
  if (!KEY_CHARACTERS.test(key)) {
    problems.push({ code: 'key-characters', key, message: `Key ${keyText(key)} may use only letters, digits, "_" and "-"; it contains ${badCharacters(key)}.` });
  }
  return problems;
}

function valueProblems(key: string, value: unknown): MetadataProblem[] {
  if (typeof value !== 'string') {
    return [{ code: 'value-not-string', key, message: `The value of ${keyText(key)} is ${typeName(value)}; Auth0 accepts only strings.` }];
  }
  const length = codePointLength(value);
  return length > METADATA_MAX_LENGTH
    ? [{ code: 'value-too-long', key, message: `The value of ${keyText(key)} is ${length} characters long; Auth0 allows at most ${METADATA_MAX_LENGTH}.` }]
    : [];
}

/**
 * Every way `metadata` breaks Auth0's limits for `refresh_token_metadata`, in key order; `[]`
 * when it may be sent. `null` and `{}` are valid (they clear the metadata). Never throws.
 */
export function validateRefreshTokenMetadata(metadata: unknown): MetadataProblem[] {
  if (metadata === null) {
    return [];
  }
  if (typeof metadata !== 'object' || Array.isArray(metadata)) {
    return [{ code: 'not-an-object', message: `Metadata must be an object of string values (or null to clear it), not ${typeName(metadata)}.` }];
  }
  const entries = Object.entries(metadata as Record<string, unknown>);
  const problems: MetadataProblem[] = [];
  if (entries.length > METADATA_MAX_KEYS) {
    problems.push({ code: 'too-many-keys', message: `Metadata has ${entries.length} keys; Auth0 allows at most ${METADATA_MAX_KEYS}.` });
  }
  for (const [key, value] of entries) {
    problems.push(...keyProblems(key), ...valueProblems(key, value));
  }
  return problems;
}

export type MetadataParseResult =
  | { ok: true; metadata: Record<string, string> | null }
  | { ok: false; problems: MetadataProblem[] };

/**
 * Metadata typed as JSON (an input box, a file): parsed, then checked. A JSON syntax error is one
 * `not-an-object` problem. Duplicate keys keep the last value, as `JSON.parse` does and as Auth0
 * would receive it. Never throws.
 */
export function parseRefreshTokenMetadata(text: string): MetadataParseResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ code: 'not-an-object', message: 'Metadata is not valid JSON: write an object such as {"purpose": "mobile"}, or null to clear it.' }] };
  }
  const problems = validateRefreshTokenMetadata(parsed);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, metadata: parsed as Record<string, string> | null };
}
