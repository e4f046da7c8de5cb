// Splits a request target the way Auth0's router does: the raw path is split on '/' first and
// each segment is percent-decoded on its own, so `samlp|acme%2Fcorp|jane` stays ONE user id.
// Decoding the whole path first (a common client/server bug) would turn it into two segments.

export interface RequestTarget {
  rawPath: string;
  /** Decoded segments, or undefined when a segment is not valid percent-encoding. */
  segments: string[] | undefined;
  /** Decoded segments joined with '/', for logs and assertions. */
  path: string;
  query: Record<string, string>;
}

export function parseRequestTarget(url: string): RequestTarget {
  const queryStart = url.indexOf('?');
  const rawPath = queryStart === -1 ? url : url.slice(0, queryStart);
  const rawQuery = queryStart === -1 ? '' : url.slice(queryStart + 1);
  const rawSegments = rawPath.split('/').slice(1);
  let segments: string[] | undefined = [];
  for (const raw of rawSegments) {
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      segments = undefined;
      break;
    }
  }
  const query: Record<string, string> = {};
  // Like Auth0 (and every form decoder) '+' in a query means a space: clients must send %2B.
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    if (!(name in query)) {
      query[name] = value;
    }
  }
  const path = segments === undefined ? rawPath : '/' + segments.join('/');
  return { rawPath, segments, path, query };
}
