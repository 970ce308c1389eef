import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { fetchAgain } from '../../src/http/fetch-again';

/** A server that closes the connection under the first `drops` requests it receives (no answer), then answers. */
async function droppingServer(drops: number): Promise<{ server: Server; url: string; received: () => number }> {
  let received = 0;
  const server = createServer((request, response) => {
    received += 1;
    if (received <= drops) return void request.socket.destroy();
    response.setHeader('content-type', 'application/json');
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, received: () => received };
}

test.describe('fetchAgain: the preflight over a connection the server closes', () => {
  for (const method of ['HEAD', 'POST', 'GET']) {
    test(`a ${method} whose connection is closed under it twice is sent again and answered`, async () => {
      const { server, url, received } = await droppingServer(2);
      try {
        const response = await fetchAgain(url, { method, ...(method === 'POST' ? { body: '{}' } : {}) });

        expect(response.status).toBe(200);
        expect(received()).toBe(3);
      } finally {
        server.close();
      }
    });
  }

  test('a server that keeps closing still fails, after three attempts, with its cause', async () => {
    const { server, url, received } = await droppingServer(Infinity);
    try {
      const error = await fetchAgain(url, { method: 'HEAD' }).then(
        () => undefined,
        (e: unknown) => e as Error & { cause?: { code?: string } },
      );

      expect(error).toBeInstanceOf(Error);
      expect(error?.cause?.code).toMatch(/UND_ERR_SOCKET|ECONNRESET/);
      expect(received()).toBe(3);
    } finally {
      server.close();
    }
  });
});
