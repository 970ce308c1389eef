import { connect } from 'node:net';
import { test as base, expect } from '@playwright/test';
import { loadContracts } from '../../src/contract';
import { pathValues } from '../../src/mock/dataset';
import { startMockServer, type MockServer } from '../../src/mock/server';

const contracts = loadContracts();
// The error body every operation documents for a 400 (one schema, ErrorResp).
const errorBody = contracts.validators.at(contracts.all[0]!.operation.responses.get('400')!.mediaTypes[0]!.schemaPointer);

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Sends bytes as they are, reads until the server closes or stays quiet, and parses every response. */
function raw(port: number, data: string | Buffer | ((write: (chunk: string) => void) => void), quietMs = 400): Promise<RawResponse[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponses(Buffer.concat(chunks).toString('latin1')));
    };
    const quiet = () => {
      clearTimeout(timer);
      timer = setTimeout(finish, quietMs);
    };
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      quiet();
    });
    socket.on('end', finish);
    socket.on('error', (error) => (chunks.length ? finish() : reject(error)));
    socket.on('connect', () => {
      if (typeof data === 'function') data((chunk) => socket.write(chunk));
      else socket.write(data);
      quiet();
    });
  });
}

function parseResponses(text: string): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/')) {
    const end = rest.indexOf('\r\n\r\n');
    const [statusLine = '', ...lines] = rest.slice(0, end).split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    responses.push({ status: Number(statusLine.split(' ')[1]), headers, body: rest.slice(end + 4, end + 4 + length) });
    rest = rest.slice(end + 4 + length);
  }
  return responses;
}

const test = base.extend<{ mock: MockServer; port: number; path: string; paths: string[]; token: string }>({
  mock: async ({}, use) => {
    const server = await startMockServer({ contracts, seed: 8, timeouts: { headersMs: 500, requestMs: 800 } });
    await use(server);
    await server.close();
  },
  port: async ({ mock }, use) => use(Number(new URL(mock.url).port)),
  // The path of every list operation, its parameters the dataset's values; `path` is the first.
  paths: async ({ mock }, use) => {
    const values = pathValues(mock.dataset.facts).value;
    await use(contracts.all.map(({ operation }) => operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => values[name]!)));
  },
  path: async ({ paths }, use) => use(paths[0]!),
  token: async ({ mock }, use) => use(mock.dataset.facts.token),
});

/** Never a crash, never a 5xx; an error is a JSON error body; and the mock still serves a normal request after it. */
async function expectHandled(port: number, path: string, token: string, responses: RawResponse[], statuses: number[]) {
  expect(responses.length, 'an answer').toBeGreaterThan(0);
  for (const response of responses) {
    expect(statuses, `status ${response.status}: ${response.body.slice(0, 200)}`).toContain(response.status);
    if (response.status >= 400) {
      expect(response.headers['content-type']).toBe('application/json');
      expect(errorBody(JSON.parse(response.body)), response.body).toBe(true);
    }
  }
  const [after] = await raw(port, `GET ${path} HTTP/1.1\r\nHost: mock\r\nX-Auth-Token: ${token}\r\nConnection: close\r\n\r\n`);
  expect(after?.status, 'the mock still serves').toBe(200);
}

test.describe('the mock under hostile input', () => {
  test('an oversized URL gets 431 with an error body', async ({ port, path, token }) => {
    const responses = await raw(port, `GET ${path}?limit=1&pad=${'x'.repeat(40_000)} HTTP/1.1\r\nHost: mock\r\n\r\n`);
    await expectHandled(port, path, token, responses, [431]);
  });

  test('oversized headers get 431 with an error body', async ({ port, path, token }) => {
    const responses = await raw(port, `GET ${path} HTTP/1.1\r\nHost: mock\r\nX-Padding: ${'y'.repeat(40_000)}\r\n\r\n`);
    await expectHandled(port, path, token, responses, [431]);
  });

  test('invalid percent-encoding and invalid UTF-8 in the path get 400, on every list', async ({ port, paths, token }) => {
    for (const path of paths) {
      // The path with its last id (the owner of the list) replaced.
      const around = (id: string) => path.replace(/\/[^/]+(\/[^/]+)$/, `/${id}$1`);
      for (const id of ['%E0%A4%A', '%C3%28', '%FF%FE']) {
        const responses = await raw(port, `GET ${around(id)} HTTP/1.1\r\nHost: mock\r\nX-Auth-Token: ${token}\r\nConnection: close\r\n\r\n`);
        await expectHandled(port, path, token, responses, [400]);
      }
      const [before, after] = around('\u0000').split('\u0000') as [string, string];
      const rawBytes = Buffer.concat([Buffer.from(`GET ${before}`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(`${after} HTTP/1.1\r\nHost: mock\r\nX-Auth-Token: ${token}\r\nConnection: close\r\n\r\n`)]);
      await expectHandled(port, path, token, await raw(port, rawBytes), [400, 404]);
    }
  });

  test('path traversal and encoded slashes name no record or task and reach nothing else', async ({ port, paths, token }) => {
    for (const path of paths) {
      const around = (id: string) => path.replace(/\/[^/]+(\/[^/]+)$/, `/${id}$1`);
      for (const target of [around('..%2F..%2F..%2Fetc%2Fpasswd'), '/v1/../../../etc/passwd', around('%2E%2E')]) {
        const responses = await raw(port, `GET ${target} HTTP/1.1\r\nHost: mock\r\nX-Auth-Token: ${token}\r\nConnection: close\r\n\r\n`);
        await expectHandled(port, path, token, responses, [400, 404]);
      }
    }
  });

  test('HEAD is answered like GET without a body; OPTIONS 204 with Allow, as a gateway answers a CORS preflight; TRACE 405 with Allow; an unknown method 400; on every list', async ({ port, paths, token }) => {
    for (const path of paths) {
      const [head] = await raw(port, `HEAD ${path} HTTP/1.1\r\nHost: mock\r\nX-Auth-Token: ${token}\r\nConnection: close\r\n\r\n`);
      expect(head?.status, path).toBe(200);
      const [options] = await raw(port, `OPTIONS ${path} HTTP/1.1\r\nHost: mock\r\nOrigin: https://console.example\r\nConnection: close\r\n\r\n`);
      expect(options?.status, path).toBe(204);
      expect(options!.headers.allow).toMatch(/(^|,)\s*GET\s*(,|$)/);
      const responses = await raw(port, `TRACE ${path} HTTP/1.1\r\nHost: mock\r\nConnection: close\r\n\r\n`);
      await expectHandled(port, path, token, responses, [405]);
      expect(responses[0]!.headers.allow).toBe('GET, HEAD, OPTIONS');
      await expectHandled(port, path, token, await raw(port, `FROB ${path} HTTP/1.1\r\nHost: mock\r\n\r\n`), [400, 405]);
    }
  });

  test('a body on GET is read and ignored', async ({ port, path, token }) => {
    const responses = await raw(port, `GET ${path} HTTP/1.1\r\nHost: mock\r\nX-Auth-Token: ${token}\r\nContent-Type: application/json\r\nContent-Length: 13\r\nConnection: close\r\n\r\n{"limit":500}`);
    await expectHandled(port, path, token, responses, [200]);
  });

  test('HTTP/1.0 and pipelined requests are answered, in order, of one list and of another', async ({ port, paths, token }) => {
    const { list } = contracts.all[0]!.operation;
    const old = await raw(port, `GET ${paths[0]}?${list.limit}=1 HTTP/1.0\r\nX-Auth-Token: ${token}\r\n\r\n`);
    expect(old.map((r) => r.status)).toEqual([200]);
    // Each list in turn on one connection, pages of 1, 2 and 3 items.
    const asked = [1, 2, 3].map((limit, index) => ({ limit, index: index % contracts.all.length }));
    const pipelined = await raw(port, asked.map(({ limit, index }) => `GET ${paths[index]}?${contracts.all[index]!.operation.list.limit}=${limit} HTTP/1.1\r\nHost: mock\r\nX-Auth-Token: ${token}\r\n\r\n`).join(''));
    expect(pipelined.map((r, n) => [r.status, (JSON.parse(r.body) as Record<string, unknown[]>)[contracts.all[asked[n]!.index]!.operation.list.items]!.length])).toEqual([[200, 1], [200, 2], [200, 3]]);
  });

  test('an endless request body is cut off at 1 MiB: 413 with an error body, the connection closed, memory flat', async ({ port, path, token }) => {
    const rss = process.memoryUsage().rss;
    let written = 0;
    const started = performance.now();
    const responses = await raw(port, (write) => {
      write(`POST ${path} HTTP/1.1\r\nHost: mock\r\nX-Auth-Token: ${token}\r\nTransfer-Encoding: chunked\r\n\r\n`);
      const chunk = `10000\r\n${'z'.repeat(0x10000)}\r\n`;
      const timer = setInterval(() => {
        // 64 MiB at most, far past the cap; the answer comes long before.
        if (written > 64 * 1024 * 1024) return clearInterval(timer);
        for (let n = 0; n < 16; n += 1) write(chunk);
        written += 16 * 0x10000;
      }, 1);
      setTimeout(() => clearInterval(timer), 5_000);
    });

    expect(responses.map((r) => r.status)).toEqual([413]);
    expect(responses[0]!.headers.connection).toBe('close');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect((process.memoryUsage().rss - rss) / 1024 / 1024).toBeLessThan(64);
    await expectHandled(port, path, token, responses, [413]);
  });

  test('a client too slow to send its headers gets 408 with an error body, and the connection is closed', async ({ port, path, token }) => {
    const responses = await raw(port, (write) => write(`GET ${path} HTTP/1.1\r\nHost: mock\r\n`), 3_000);
    await expectHandled(port, path, token, responses, [408]);
  });

  test('a client too slow to send the body it announced gets 408 with an error body', async ({ port, path, token }) => {
    const responses = await raw(port, (write) => write(`GET ${path} HTTP/1.1\r\nHost: mock\r\nX-Auth-Token: ${token}\r\nContent-Length: 100\r\n\r\n{"a":`), 3_000);
    await expectHandled(port, path, token, responses, [408]);
  });
});
