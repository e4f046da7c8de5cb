// Builds Management API paths from ids that may contain anything: Auth0 user ids hold "|" and
// can hold "/", "?", "#", "%", spaces and non-ASCII ("samlp|acme/corp|jane"). Each id must
// reach Auth0 as exactly one path segment, or a request meant for one user would reach another
// resource (or another user).

export class UnaddressableIdError extends Error {
  override readonly name = 'UnaddressableIdError';
}

/**
 * Percent-encodes `value` as one path segment.
 *
 * A segment that is exactly "." or ".." cannot be sent at all through `fetch`: the WHATWG URL
 * parser treats "%2E" like "." and removes dot segments, so `/users/%2E%2E/refresh-tokens`
 * becomes `/refresh-tokens` before it leaves the process. Such an id is refused rather than
 * letting the request reach a different resource (a DELETE included).
 */
export function encodePathSegment(value: string, what = 'id'): string {
  if (value.length === 0) {
    throw new UnaddressableIdError(`The ${what} is empty.`);
  }
  if (value === '.' || value === '..') {
    throw new UnaddressableIdError(
      `The ${what} "${value}" cannot be requested: URL rules turn a "." or ".." path segment into a reference to another resource.`,
    );
  }
  // encodeURIComponent leaves only A-Z a-z 0-9 - _ . ! ~ * ' ( ) unencoded: none of them
  // splits a segment, and "!*'()" are sub-delimiters a server takes literally.
  return encodeURIComponent(value);
}
