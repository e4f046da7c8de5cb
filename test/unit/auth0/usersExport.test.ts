// Reading a users export: NDJSON split across arbitrary chunks, bounded memory, and the typed
// errors of a download from a storage host that misbehaves (a local server stands in for it).
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { isManagementApiError } from '../../../src/auth0/errors';
import { exportLocation, parseNdjson, readUsersExport } from '../../../src/auth0/usersExport.lazy';
import { rejectionOf } from './support';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
  }
  return items;
}

async function* chunksOf(...parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  for (const part of parts) {
    yield part;
  }
}

/** A storage host answering every request with `handler`; records the Authorization headers it saw. */
async function storageHost(handler: http.RequestListener): Promise<{ url: string; authorizations: (string | undefined)[]; close(): Promise<void> }> {
  const authorizations: (string | undefined)[] = [];
  const server = http.createServer((request, response) => {
    authorizations.push(request.headers.authorization);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('users export reading', () => {
  describe('parseNdjson', () => {
    it('yields one value per line whatever the chunk boundaries: split lines, CRLF, blank lines, a last line without newline', async () => {
      const text = '{"user_id":"auth0|1","name":"Zoë"}\r\n\n{"user_id":"auth0|2","name":"日本語"}\n{"user_id":"auth0|3"}';
      const bytes = Buffer.from(text, 'utf8');
      const expected = [
        { user_id: 'auth0|1', name: 'Zoë' },
        { user_id: 'auth0|2', name: '日本語' },
        { user_id: 'auth0|3' },
      ];
      for (const size of [1, 2, 3, 7, bytes.length]) {
        // Byte chunks cut multi-byte characters in half at some sizes: they must be reassembled.
        const chunks: Uint8Array[] = [];
        for (let i = 0; i < bytes.length; i += size) {
          chunks.push(bytes.subarray(i, i + size));
        }
        assert.deepEqual(await collect(parseNdjson(chunksOf(...chunks))), expected, `chunks of ${size}`);
      }
    });

    it('names the line that is not JSON', async () => {
      const error = await rejectionOf(collect(parseNdjson(chunksOf('{"a":1}\n{"a":2}\n<html>\n'))));
      assert.ok(isManagementApiError(error, 'invalid-json'), String(error));
      assert.match(error.message, /Line 3 /);
    });

    it('refuses a line longer than the limit without reading the rest of the stream', async () => {
      let produced = 0;
      async function* endless(): AsyncGenerator<string> {
        for (;;) {
          produced++;
          yield 'x'.repeat(1024);
        }
      }
      const error = await rejectionOf(collect(parseNdjson(endless(), 64 * 1024)));
      assert.ok(isManagementApiError(error, 'invalid-json'), String(error));
      assert.match(error.message, /longer than 65536 bytes/);
      assert.ok(produced <= 65, `stopped after ${produced} chunks`);
    });
  });

  describe('readUsersExport', () => {
    it('refuses a location that is not https (loopback http aside) before any request', () => {
      for (const location of ['http://exports.example/file.json.gz?sig=1', 'ftp://127.0.0.1/x', 'not a url', 'file:///etc/passwd']) {
        assert.throws(() => exportLocation(location), (error: unknown) => isManagementApiError(error, 'bad-request'), location);
      }
      assert.equal(exportLocation('https://s3.example/a.json.gz?X-Amz-Signature=1').host, 's3.example');
      assert.equal(exportLocation('http://127.0.0.1:9/a').port, '9');
    });

    it('streams gzipped NDJSON and sends no Authorization header', async () => {
      const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ user_id: `auth0|${i}` })).join('\n') + '\n';
      const host = await storageHost((_request, response) => response.writeHead(200, { 'content-type': 'application/gzip' }).end(gzipSync(lines)));
      try {
        const users = await collect(readUsersExport(`${host.url}/export.json.gz?X-Amz-Signature=abc`));
        assert.equal(users.length, 2000);
        assert.equal(users[1999].user_id, 'auth0|1999');
        assert.deepEqual(host.authorizations, [undefined]);
      } finally {
        await host.close();
      }
    });

    it('maps what a storage host answers to typed errors: 403, 404, 500, a redirect (not followed), a file that is not gzip', async () => {
      const answers: Record<string, (response: http.ServerResponse) => void> = {
        '/expired': (response) => response.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>'),
        '/gone': (response) => response.writeHead(404).end(),
        '/broken': (response) => response.writeHead(500).end(),
        '/moved': (response) => response.writeHead(302, { location: '/elsewhere' }).end(),
        '/plain': (response) => response.writeHead(200).end('{"user_id":"auth0|1"}\n'),
      };
      const host = await storageHost((request, response) => (answers[String(request.url)] ?? ((r: http.ServerResponse) => r.writeHead(200).end('{}')))(response));
      try {
        const expectations: [string, string][] = [
          ['/expired', 'forbidden'],
          ['/gone', 'not-found'],
          ['/broken', 'server-error'],
          ['/moved', 'redirect'],
          ['/plain', 'invalid-json'],
        ];
        for (const [path, kind] of expectations) {
          const error = await rejectionOf(collect(readUsersExport(`${host.url}${path}`)));
          assert.ok(isManagementApiError(error) && error.kind === kind, `${path}: ${String(error)}`);
        }
        assert.ok(!host.authorizations.some(Boolean));
        assert.equal(host.authorizations.length, expectations.length, 'the redirect was not followed');
      } finally {
        await host.close();
      }
    });

    it("is 'cancelled' when the caller's signal aborts mid-stream, and 'timeout' when the host never answers", async () => {
      const first = gzipSync(Buffer.from('{"user_id":"auth0|1"}\n'));
      let hanging: http.ServerResponse | undefined;
      const host = await storageHost((request, response) => {
        if (request.url === '/silent') {
          hanging = response; // never answers
          return;
        }
        response.writeHead(200);
        response.write(first.subarray(0, first.length - 8)); // the body stops short of its end
        hanging = response;
      });
      try {
        const controller = new AbortController();
        const seen: string[] = [];
        const cancelled = await rejectionOf(
          (async () => {
            for await (const user of readUsersExport(`${host.url}/slow`, { signal: controller.signal })) {
              seen.push(user.user_id);
              controller.abort(); // the rest of the body never comes: only the abort ends the wait
            }
          })(),
        );
        assert.deepEqual(seen, ['auth0|1']);
        assert.ok(isManagementApiError(cancelled, 'cancelled'), String(cancelled));
        const timedOut = await rejectionOf(collect(readUsersExport(`${host.url}/silent`, { timeoutMs: 50 })));
        assert.ok(isManagementApiError(timedOut, 'timeout'), String(timedOut));
      } finally {
        hanging?.destroy();
        await host.close();
      }
    });
  });
});
