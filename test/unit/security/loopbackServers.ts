// Small HTTP servers on loopback addresses for the security suites: each records every request
// (headers and body) and every TCP connection, so a test can prove that nothing reached it.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RecordingServer {
  /** "127.0.0.2:40123", what a person would type as the tenant domain. */
  domain: string;
  origin: string;
  port: number;
  requests: SeenRequest[];
  /** TCP connections accepted, whether or not a request followed. */
  connections: number;
  close(): Promise<void>;
}

export type Responder = (request: SeenRequest, response: ServerResponse) => void;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Starts a server on `host` (a loopback address) that records, then lets `respond` answer. */
export async function startRecordingServer(host: string, respond: Responder): Promise<RecordingServer> {
  const requests: SeenRequest[] = [];
  const state = { connections: 0 };
  const server = http.createServer((request, response) => {
    void readBody(request).then((body) => {
      const seen: SeenRequest = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      requests.push(seen);
      respond(seen, response);
    });
  });
  server.on('connection', () => {
    state.connections += 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    domain: `${host}:${port}`,
    origin: `http://${host}:${port}`,
    port,
    requests,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function json(response: ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** Counts occurrences of `needle` in `haystack` (0 for an empty needle). */
export function countOccurrences(haystack: string, needle: string): number {
  if (needle === '') {
    return 0;
  }
  let count = 0;
  for (let index = haystack.indexOf(needle); index !== -1; index = haystack.indexOf(needle, index + needle.length)) {
    count += 1;
  }
  return count;
}
