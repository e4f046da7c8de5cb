// Query-string validation with Auth0's 400 bodies ("Query validation error: ... on property take").
import { errors, type EmulatorResponse } from './errors';

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: EmulatorResponse };

export function integerParam(
  query: Record<string, string>,
  name: string,
  limits: { min: number; max?: number; defaultValue: number },
): Parsed<number> {
  const raw = query[name];
  if (raw === undefined || raw === '') {
    return { ok: true, value: limits.defaultValue };
  }
  if (!/^-?\d+$/.test(raw)) {
    return { ok: false, response: errors.queryValidation(name, 'Expected type integer but found type string') };
  }
  const value = Number(raw);
  if (value < limits.min) {
    return { ok: false, response: errors.queryValidation(name, `Value ${value} is less than minimum ${limits.min}`) };
  }
  if (limits.max !== undefined && value > limits.max) {
    return { ok: false, response: errors.queryValidation(name, `Value ${value} is greater than maximum ${limits.max}`) };
  }
  return { ok: true, value };
}

export function booleanParam(query: Record<string, string>, name: string, defaultValue: boolean): Parsed<boolean> {
  const raw = query[name];
  if (raw === undefined || raw === '') {
    return { ok: true, value: defaultValue };
  }
  if (raw === 'true' || raw === 'false') {
    return { ok: true, value: raw === 'true' };
  }
  return { ok: false, response: errors.queryValidation(name, 'Expected type boolean but found type string') };
}

/** `fields=a,b&include_fields=true|false`: Auth0 keeps (or drops) exactly the listed top-level fields. */
export function projectFields<T extends object>(item: T, query: Record<string, string>): Parsed<Partial<T>> {
  const include = booleanParam(query, 'include_fields', true);
  if (!include.ok) {
    return include;
  }
  const fields = (query.fields ?? '')
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
  if (fields.length === 0) {
    return { ok: true, value: item };
  }
  const wanted = new Set(fields);
  // Object.fromEntries defines own properties, so even a '__proto__' field is copied as data.
  const projected = Object.fromEntries(Object.entries(item).filter(([key]) => wanted.has(key) === include.value));
  return { ok: true, value: projected as Partial<T> };
}
