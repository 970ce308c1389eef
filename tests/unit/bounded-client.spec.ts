import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { boundedRequest, type ExchangeBounds } from '../../src/http/bounded-client';
import { loadContract } from '../../src/contract';
import { send } from '../../src/http/send';
import { specResponseLimit } from '../../src/http/response-bounds';
import { BOMB_BYTES, DRIP_MS, HUGE_BODY_BYTES, startHostileServer, type Hostility } from '../support/hostile-server';

const { operation } = loadContract('ListTaskExecuteDetail');
const bounds: ExchangeBounds = { headersTimeoutMs: 1_500, timeoutMs: 1_500, maxBytes: specResponseLimit(operation) };
const MiB = 1024 * 1024;

/** One request to a server that behaves as `hostility` says, with the time it took and how much this process grew. */
async function against(hostility: Hostility) {
  const server = await startHostileServer({ hostility: () => hostility });
  try {
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const response = await boundedRequest({ method: 'GET', url: `${server.url}/page`, headers: {} }, bounds);
    return { response, ms: performance.now() - started, grewMiB: (process.memoryUsage().rss - rss) / MiB };
  } finally {
    await server.close();
  }
}

test.describe('the bounded client against a server that breaks HTTP/1.1 framing', () => {
  test('the limit is read from the spec: limit maximum items of 64 KiB, plus 64 KiB', () => {
    const maximum = operation.parameter('limit').schema.maximum as number;

    expect(specResponseLimit(operation)).toBe(maximum * 64 * 1024 + 64 * 1024);
  });

  test(`an endless JSON body is cut off at the limit as it streams, memory flat`, async () => {
    const { response, ms, grewMiB } = await against('endless-json');

    expect(response.status).toBe(200);
    expect(response.incomplete).toEqual({ case: 'body-too-large', detail: `more than ${bounds.maxBytes} bytes of body; cut off there` });
    expect(response.body.length).toBeLessThanOrEqual(bounds.maxBytes);
    expect(ms).toBeLessThan(bounds.timeoutMs + 1_000);
    expect(grewMiB).toBeLessThan(64);
  });

  test(`a ${HUGE_BODY_BYTES / MiB} MiB body with a correct Content-Length is cut off at the limit`, async () => {
    const { response, grewMiB } = await against('huge-body');

    expect(response.incomplete).toEqual({ case: 'body-too-large', detail: `more than ${bounds.maxBytes} bytes of body (Content-Length ${HUGE_BODY_BYTES}); cut off there` });
    expect(grewMiB).toBeLessThan(64);
  });

  test(`a gzip body that decodes to ${BOMB_BYTES / MiB} MiB is cut off once decoded past the limit`, async () => {
    const { response, grewMiB } = await against('gzip-bomb');

    expect(response.incomplete?.case).toBe('body-too-large');
    expect(response.incomplete?.detail).toMatch(new RegExp(`^the body decodes \\(gzip\\) to more than ${bounds.maxBytes} bytes after \\d+ bytes on the wire`));
    expect(grewMiB).toBeLessThan(64);
  });

  test(`a body dripping a byte every ${DRIP_MS} ms ends at the body deadline`, async () => {
    const { response, ms } = await against('drip');

    expect(response.status).toBe(200);
    expect(response.incomplete?.case).toBe('body-not-in-time');
    expect(response.incomplete?.detail).toMatch(/^\d+ bytes of the body \(of \d+ announced\) came in 1\d{3} ms, and it had not ended$/);
    expect(ms).toBeGreaterThanOrEqual(bounds.timeoutMs - 50);
    expect(ms).toBeLessThan(bounds.timeoutMs + 1_000);
  });

  test('no answer at all ends at the headers deadline', async () => {
    const { response, ms } = await against('never-answers');

    expect(response.status).toBeUndefined();
    expect(response.incomplete).toEqual({ case: 'no-answer', detail: `no status line and headers within ${bounds.headersTimeoutMs} ms` });
    expect(ms).toBeLessThan(bounds.headersTimeoutMs + 1_000);
  });

  test('a body shorter than its Content-Length, then a closed connection', async () => {
    const { response } = await against('shorter-than-length');

    expect(response.incomplete).toEqual({ case: 'body-shorter-than-length', detail: '20 of the 4000 bytes Content-Length announced came, then the connection closed' });
  });

  test('a chunked body whose connection closes before the last chunk', async () => {
    const { response } = await against('chunked-cut-short');

    expect(response.incomplete).toEqual({ case: 'body-shorter-than-length', detail: "the connection closed after 20 bytes, before the body's last chunk" });
  });

  test('bytes past the Content-Length', async () => {
    const { response } = await against('longer-than-length');

    expect(response.incomplete?.case).toBe('body-longer-than-length');
    expect(response.body.toString()).toBe('{"count":0,"items":[]}');
  });

  test('a header section larger than 16 KiB', async () => {
    const { response } = await against('huge-header');

    expect(response.status).toBeUndefined();
    expect(response.incomplete).toEqual({ case: 'malformed-framing', detail: 'the header section is larger than 16 KiB (Node\u2019s limit, --max-http-header-size)' });
  });

  test('a status line that is not HTTP/1.1', async () => {
    const { response } = await against('malformed-status-line');

    expect(response.status).toBeUndefined();
    expect(response.incomplete?.case).toBe('malformed-status-line');
  });
});

test.describe('the bounded client against correct servers', () => {
  const page = JSON.stringify({ count: 2, items: [{ id: 'a' }, { id: 'b' }] });
  const codings: Record<string, (text: string) => Buffer> = { gzip: (t) => gzipSync(t), deflate: (t) => deflateSync(t), br: (t) => brotliCompressSync(t) };

  test('reads chunked, gzip, deflate, br and close-delimited bodies whole, 150 ms late', async () => {
    const server = createServer((request, response) => {
      const coding = new URL(request.url!, 'http://x').searchParams.get('coding')!;
      setTimeout(() => {
        if (coding === 'chunked') return void (response.writeHead(200), response.write(page.slice(0, 10)), setTimeout(() => response.end(page.slice(10)), 150));
        if (coding === 'close') return void request.socket.end(`HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n${page}`);
        response.writeHead(200, { 'content-encoding': coding }).end(codings[coding]!(page));
      }, 150);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const coding of ['chunked', 'close', ...Object.keys(codings)]) {
        const response = await boundedRequest({ method: 'GET', url: `${url}/?coding=${coding}`, headers: {} }, bounds);

        expect(response.incomplete, coding).toBeUndefined();
        expect(response.body.toString(), coding).toBe(page);
      }
    } finally {
      server.close();
    }
  });
});

test.describe('redirects', () => {
  test('a redirect to another origin is never followed: the credential stays home and the 302 is the answer judged', async () => {
    const elsewhere = await startHostileServer({ hostility: () => undefined });
    const server = await startHostileServer({ hostility: () => 'redirect-elsewhere', redirectTo: elsewhere.url });
    try {
      const transport = { baseURL: server.url, bounds, retryStatuses: [], maxRetries: 0, maxRetryDelayMs: 0 };
      const exchange = await send(operation, transport, { path: { project_id: 'p', execute_history_id: 'e' }, headers: { 'X-Auth-Token': 'MIIredirect-secret' } });

      expect(exchange.response.status).toBe(302);
      expect(exchange.response.headers.location).toBe(`${elsewhere.url}/v1/p/schedule-task/e/execute-detail`);
      expect(server.seen.map((r) => r.headers['x-auth-token'])).toEqual(['MIIredirect-secret']);
      expect(elsewhere.seen, 'the other origin saw no request').toEqual([]);
    } finally {
      await Promise.all([server.close(), elsewhere.close()]);
    }
  });
});
