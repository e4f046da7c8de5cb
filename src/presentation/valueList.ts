// Values a person reads on one line: an alert's evidence (the places, addresses, networks and
// devices known for a rotation family) and where an event came from. A place is itself
// "City, Country", so a list joins with " · ": with ", " two places read as four.

/** Values shown before "and N more". */
export const LISTED_VALUES = 5;

/**
 * `values` (in their order; empty strings and repeats skipped) joined with " · ", the first
 * `limit` then "and N more"; undefined when there is none. Never throws.
 */
export function joinValues(values: Iterable<string>, limit = LISTED_VALUES): string | undefined {
  const all = [...new Set([...values].filter((value) => value !== ''))];
  if (all.length === 0) {
    return undefined;
  }
  const shown = all.slice(0, limit).join(' · ');
  return all.length > limit ? `${shown} and ${(all.length - limit).toLocaleString('en-US')} more` : shown;
}

/** "203.0.113.200 (Bucharest, Romania)", the address or the place alone, or undefined when neither was recorded. */
export function addressAndPlace(ip: string | undefined, place: string | undefined): string | undefined {
  const address = ip === '' ? undefined : ip;
  const where = place === '' ? undefined : place;
  if (address !== undefined && where !== undefined) {
    return `${address} (${where})`;
  }
  return address ?? where;
}
