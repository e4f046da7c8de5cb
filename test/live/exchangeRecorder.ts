// Watches the HTTP exchanges the extension's own client makes, so the live suite validates the
// raw answers of exactly the calls the extension sends. It wraps the platform fetch and reads a
// clone of each response: the request still goes out and the client still reads the real
// response (nothing is stubbed or answered here). Request headers (the Authorization) are not
// recorded; response bodies stay in memory for validation and are never printed.

export interface RawExchange {
  method: string;
  url: URL;
  status: number;
  /** Response headers, lower-cased names. */
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON, or undefined for an empty or unparsable body. */
  body: unknown;
}

export interface ExchangeRecorder {
  readonly exchanges: RawExchange[];
  /** Puts the platform fetch back. */
  stop(): void;
}

export function recordExchanges(): ExchangeRecorder {
  const original = globalThis.fetch;
  const exchanges: RawExchange[] = [];
  const watching: typeof fetch = async (input, init) => {
    const response = await original(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const text = await response.clone().text();
    let body: unknown;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = undefined;
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    exchanges.push({ method: (init?.method ?? 'GET').toUpperCase(), url, status: response.status, headers, text, body });
    return response;
  };
  globalThis.fetch = watching;
  return {
    exchanges,
    stop: () => {
      if (globalThis.fetch === watching) {
        globalThis.fetch = original;
      }
    },
  };
}
