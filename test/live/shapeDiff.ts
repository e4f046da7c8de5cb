// The shape of a JSON answer, without its values: every field path with the JSON types seen
// there ("users[].identities[].provider": string). Two answers to the same call (the real
// tenant's and the emulator's) are compared by shape, so the differences can be printed and kept
// without printing a single value of a real tenant's data. Objects whose keys are the tenant's
// own (metadata, log details) are recorded as objects, not walked: their keys are data too.

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/** Field path -> the JSON types seen at it. Array items share the path "name[]". */
export type Shape = Map<string, Set<JsonType>>;

const FREE_FORM_FIELDS = new Set(['app_metadata', 'user_metadata', 'client_metadata', 'refresh_token_metadata', 'details']);

function jsonType(value: unknown): JsonType {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

/** The shape of `value`; the root is the path "" (its type), fields are "a", "a.b", "a[]". */
export function shapeOf(value: unknown): Shape {
  const shape: Shape = new Map();
  const visit = (node: unknown, path: string, field: string | undefined) => {
    const type = jsonType(node);
    const types = shape.get(path) ?? new Set<JsonType>();
    types.add(type);
    shape.set(path, types);
    if (field !== undefined && FREE_FORM_FIELDS.has(field)) {
      return;
    }
    if (type === 'array') {
      (node as unknown[]).forEach((item) => visit(item, `${path}[]`, field));
    } else if (type === 'object') {
      for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
        visit(child, path === '' ? key : `${path}.${key}`, key);
      }
    }
  };
  visit(value, '', undefined);
  return shape;
}

export interface ShapeDifference {
  path: string;
  /** 'no-items-in-*': a list (path "x[]") one side answered empty, whose items' fields were therefore not compared. */
  kind: 'only-in-tenant' | 'only-in-emulator' | 'type' | 'no-items-in-tenant' | 'no-items-in-emulator';
  tenant?: JsonType[];
  emulator?: JsonType[];
  /** Types that cannot both be right (neither side null, no type in common): the emulator is wrong. */
  conflicting: boolean;
}

/** The outermost list ("a[]" of "a[].b[].c") on `path` that `shape` saw only empty, if any. */
function unseenItems(path: string, shape: Shape): string | undefined {
  for (let end = path.indexOf('[]'); end !== -1; end = path.indexOf('[]', end + 2)) {
    const items = path.slice(0, end + 2);
    if (!shape.has(items) && shape.get(path.slice(0, end))?.has('array')) {
      return items;
    }
  }
  return undefined;
}

/**
 * Every path present on one side only, and every path whose types differ, in path order. A list
 * one side answered empty says nothing about its items' fields: those are not compared, and the
 * list is reported once ('no-items-in-…') instead of each field as missing.
 */
export function compareShapes(tenant: Shape, emulator: Shape): ShapeDifference[] {
  const paths = [...new Set([...tenant.keys(), ...emulator.keys()])].sort();
  const differences: ShapeDifference[] = [];
  const reported = new Set<string>();
  for (const path of paths) {
    const ours = tenant.get(path);
    const theirs = emulator.get(path);
    const emptyHere = !ours ? unseenItems(path, tenant) : !theirs ? unseenItems(path, emulator) : undefined;
    if (emptyHere) {
      if (!reported.has(emptyHere)) {
        reported.add(emptyHere);
        differences.push({ path: emptyHere, kind: !ours ? 'no-items-in-tenant' : 'no-items-in-emulator', conflicting: false });
      }
      continue;
    }
    if (!theirs) {
      differences.push({ path, kind: 'only-in-tenant', tenant: [...ours!].sort(), conflicting: false });
    } else if (!ours) {
      differences.push({ path, kind: 'only-in-emulator', emulator: [...theirs].sort(), conflicting: false });
    } else if ([...ours].sort().join() !== [...theirs].sort().join()) {
      const common = [...ours].some((type) => theirs.has(type));
      const nullable = ours.has('null') || theirs.has('null');
      differences.push({ path, kind: 'type', tenant: [...ours].sort(), emulator: [...theirs].sort(), conflicting: !common && !nullable });
    }
  }
  return differences;
}

/** "users[].identities[].isSocial: present in the tenant's answer, not the emulator's". */
export function describeDifference(difference: ShapeDifference): string {
  const where = difference.path === '' ? '(the answer itself)' : difference.path;
  switch (difference.kind) {
    case 'only-in-tenant':
      return `${where}: present in the tenant's answer (${difference.tenant!.join('|')}), not the emulator's`;
    case 'only-in-emulator':
      return `${where}: present in the emulator's answer (${difference.emulator!.join('|')}), not the tenant's`;
    case 'no-items-in-tenant':
      return `${where}: the tenant's answer listed no items, so their fields were not compared`;
    case 'no-items-in-emulator':
      return `${where}: the emulator's answer listed no items, so their fields were not compared`;
    case 'type':
      return `${where}: the tenant sends ${difference.tenant!.join('|')}, the emulator ${difference.emulator!.join('|')}${difference.conflicting ? ' (conflict)' : ''}`;
  }
}

/** The response headers the extension reads, and what the two answers did with them. */
export const COMPARED_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'date', 'content-type'] as const;

/** Header differences: present on one side only, or (x-ratelimit-*) not a whole number on one side. */
export function compareHeaders(tenant: Record<string, string>, emulator: Record<string, string>): string[] {
  const differences: string[] = [];
  for (const name of COMPARED_HEADERS) {
    const ours = tenant[name];
    const theirs = emulator[name];
    if ((ours === undefined) !== (theirs === undefined)) {
      differences.push(`header ${name}: ${ours === undefined ? "absent from the tenant's answer" : "absent from the emulator's answer"}`);
      continue;
    }
    if (ours === undefined || theirs === undefined) {
      continue;
    }
    if (name.startsWith('x-ratelimit-') && /^\d+$/.test(ours) !== /^\d+$/.test(theirs)) {
      differences.push(`header ${name}: a whole number in ${/^\d+$/.test(ours) ? "the tenant's answer only" : "the emulator's answer only"}`);
    }
    if (name === 'content-type' && ours.split(';')[0].trim() !== theirs.split(';')[0].trim()) {
      differences.push(`header content-type: the tenant sends ${ours.split(';')[0].trim()}, the emulator ${theirs.split(';')[0].trim()}`);
    }
  }
  return differences;
}
