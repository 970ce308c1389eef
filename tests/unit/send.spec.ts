import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { expect, test } from '@playwright/test';
import { loadContract } from '../../src/contract';
import { send, TransportError, type TransportOptions } from '../../src/http/send';

const { operation } = loadContract('ListTaskExecuteDetail');

/** A server that drops a kept-alive connection when a request comes on it (`every`: each request, not only reused ones). */
async function resettingServer(every = false): Promise<{ server: Server; transport: TransportOptions; answered: () => number }> {
  const served = new WeakSet<Socket>();
  let answered = 0;
  const server = createServer((request, response) => {
    if (every || served.has(request.socket)) return void request.socket.destroy();
    served.add(request.socket);
    answered += 1;
    response.setHeader('content-type', 'application/json');
    response.end('{"count":0,"items":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    transport: { baseURL: `http://127.0.0.1:${port}`, bounds: { headersTimeoutMs: 5_000, timeoutMs: 5_000, maxBytes: 1 << 20 }, retryStatuses: [], maxRetries: 0, maxRetryDelayMs: 0 },
    answered: () => answered,
  };
}

const path = { project_id: 'p', execute_history_id: 'e' };

test.describe('send() on a connection the server has just closed', () => {
  test('sends a GET that met a reset on a reused connection again, so no request of a correct target fails', async () => {
    const { server, transport, answered } = await resettingServer();
    try {
      const statuses: number[] = [];
      for (let n = 0; n < 20; n += 1) statuses.push((await send(operation, transport, { path })).response.status);

      expect(statuses).toEqual(Array(20).fill(200));
      expect(answered()).toBe(20);
    } finally {
      server.close();
    }
  });

  test('stops with one message naming the request when every try meets a reset', async () => {
    const { server, transport } = await resettingServer(true);
    try {
      const failure = await send(operation, transport, { path }).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(TransportError);
      expect((failure as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/v1\/p\/schedule-task\/e\/execute-detail got no HTTP response after 3 tries: socket hang up \(ECONNRESET\)\nReproduce\n   curl -X GET /);
    } finally {
      server.close();
    }
  });
});
