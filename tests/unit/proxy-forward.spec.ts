import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../src/contract';
import type { RecordedExchange } from '../../src/http/recording';
import { judgedBodyBytes, startProxy } from '../../src/proxy/forward';

const contracts = loadContracts();
const pagePath = '/v1/0123456789abcdef0123456789abcdef/schedule-task/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/execute-detail';
const historyPath = '/v1/0123456789abcdef0123456789abcdef/schedule-task/3e5a7c9b-1d2f-4a6b-8c0d-2e4f6a8b0c1d/execute-history';

/** An upstream answering a gzip page in chunks, slowly, or a body larger than the proxy keeps. */
async function startUpstream(): Promise<{ url: URL; gzipped: Buffer; large: Buffer; close(): void }> {
  const page = JSON.stringify({ count: 1, items: [{ id: 'a' }] });
  const gzipped = gzipSync(page);
  const large = Buffer.alloc(judgedBodyBytes(contracts) * 2, 'x');
  const server = http.createServer((request, response) => {
    if (request.url!.includes('large')) {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(large);
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-request-id': 'r1', 'X-Odd-Case': 'kept' });
    response.write(gzipped.subarray(0, 5));
    setTimeout(() => response.end(gzipped.subarray(5)), 300);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), gzipped, large, close: () => server.close() };
}

/** The answer's raw bytes and headers, undecoded. */
function get(url: string, agent: http.Agent): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent, headers: { 'x-auth-token': 'a-token-of-the-test' } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode!, headers: answer.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('forwards a slow, chunked, gzip answer byte for byte over one kept-alive connection, and judges its decoded copy', async () => {
  const upstream = await startUpstream();
  const recorded: RecordedExchange[] = [];
  const proxy = await startProxy({ contracts, upstream: upstream.url, record: (exchange) => recorded.push(exchange) });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await get(`${proxy.url}${pagePath}?limit=10`, agent);
    const second = await get(`${proxy.url}${pagePath}?limit=10`, agent);
    const large = await get(`${proxy.url}/large`, agent);
    const executions = await get(`${proxy.url}${historyPath}?limit=10`, agent);

    expect(first.body.equals(upstream.gzipped)).toBe(true);
    expect(second.body.equals(upstream.gzipped)).toBe(true);
    expect(first.headers).toMatchObject({ 'content-encoding': 'gzip', 'transfer-encoding': 'chunked', 'x-odd-case': 'kept' });
    expect(large.body.equals(upstream.large)).toBe(true);
    expect(recorded[0]!.response.json).toEqual({ count: 1, items: [{ id: 'a' }] });
    expect(recorded[0]!.request.pathParams).toMatchObject({ execute_history_id: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' });
    expect(recorded[0]!.request.headers['x-auth-token']).toBe('[REDACTED]');
    expect(recorded[2]!.bodyCut).toBe(true);
    // Each request is routed, and recorded, as the operation its path is.
    expect(executions.body.equals(upstream.gzipped)).toBe(true);
    expect(recorded.map((exchange) => [exchange.decision.route, exchange.operationId])).toEqual([['operation', 'ListTaskExecuteDetail'], ['operation', 'ListTaskExecuteDetail'], ['unknown', 'ListTaskExecuteDetail'], ['operation', 'ListTaskExecuteHistory']]);
    expect(recorded[3]!.request.pathParams).toMatchObject({ task_id: '3e5a7c9b-1d2f-4a6b-8c0d-2e4f6a8b0c1d' });
    expect(recorded[2]!.response.text.length).toBeLessThanOrEqual(judgedBodyBytes(contracts));
  } finally {
    agent.destroy();
    await proxy.close();
    upstream.close();
  }
});

test('holds its ground against either side: a gzip bomb from the upstream is forwarded but decoded no further than the kept copy, an endless client body is answered 413', async () => {
  // 8 MiB of zeros compress to a few KiB, well inside the kept copy, and decode to far past it.
  const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
  expect(bomb.length).toBeLessThan(judgedBodyBytes(contracts));
  const upstream = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    response.end(bomb);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const recorded: RecordedExchange[] = [];
  const proxy = await startProxy({ contracts, upstream: new URL(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`), record: (exchange) => recorded.push(exchange) });
  const agent = new http.Agent({ keepAlive: false });
  try {
    const answer = await get(`${proxy.url}${pagePath}`, agent);
    expect(answer.body.equals(bomb), 'the bomb reaches the client as the upstream sent it').toBe(true);
    expect(recorded[0]!.bodyCut, 'its decoded copy stopped at the bound, unjudged').toBe(true);

    // A body that never ends: the proxy stops reading it at the bound and answers as the gateway does.
    const refused = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${proxy.url}${pagePath}`, { method: 'POST', agent, headers: { 'transfer-encoding': 'chunked' } }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      request.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (!request.destroyed && request.write(chunk));
        if (!request.destroyed) request.once('drain', pump);
      };
      pump();
    });
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({ error_code: 'APIGW.0201' });
  } finally {
    agent.destroy();
    await proxy.close();
    upstream.close();
  }
});
