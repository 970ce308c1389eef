import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { expect, test } from '@playwright/test';
import type { ConformanceReport } from '../../src/report/conformance-model';
import { runSuite } from '../support/run-suite';

const TOKEN = 'MIIrobustness-token-0123456789';

/** A live target that answers HEAD (the reachability probe) normally and GET as `answer` says. */
async function brokenTarget(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<Server> {
  const server = createHttpServer((request, response) => {
    if (request.method === 'HEAD') return response.writeHead(404).end();
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server as unknown as Server;
}

function envFor(server: Server): Record<string, string> {
  const { port } = server.address() as AddressInfo;
  return {
    CONTRACT_TARGET: 'live',
    CONTRACT_BASE_URL: `http://127.0.0.1:${port}`,
    CONTRACT_PROJECT_ID: 'p0123456789',
    CONTRACT_EXECUTE_HISTORY_ID: 'e0123456789',
    CONTRACT_AUTH_TOKEN: TOKEN,
    CONTRACT_TIMEOUT_MS: '1500',
  };
}

/** One message naming the problem, exit 2, no test run, no hang, no secret, and the conformance report written. */
async function expectOneClearStop(server: Server, message: RegExp) {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => sockets.add(socket));
  try {
    const run = await runSuite(envFor(server), { jsonReport: false });

    expect(run.exitCode, run.output).toBe(2);
    expect(run.output).toMatch(message);
    expect(run.output.match(/The contract suite cannot start\./g), 'one message').toHaveLength(1);
    expect(run.output).not.toMatch(/^\s+at /m);
    expect(run.output).not.toContain(TOKEN);
    expect(run.durationMs, 'no hang beyond the timeouts').toBeLessThan(20_000);
    const report = run.conformance as ConformanceReport;
    expect(report.verdict).toBe('incomplete');
    expect(report.problems).toEqual([expect.stringMatching(message)]);
    expect(report.rules.every((r) => r.result === 'not-exercised' && r.reason === 'the run stopped before its first test')).toBe(true);
  } finally {
    for (const socket of sockets) socket.destroy();
    server.close();
  }
}

test.describe('the runner against a target that misbehaves at the transport level', () => {
  test('a target that accepts connections but never answers: one message, no hang', async () => {
    const silent = createTcpServer(() => {
      // Accept and say nothing.
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));

    await expectOneClearStop(silent, /The live target http:\/\/127\.0\.0\.1:\d+ \(CONTRACT_BASE_URL\) is unreachable: no answer within 1500 ms/);
  });

  test('a target that closes the connection in the middle of a response', async () => {
    const server = await brokenTarget((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '4000' });
      response.write('{"count": 150, "items": [');
      setTimeout(() => request.socket.destroy(), 50);
    });

    await expectOneClearStop(server, /The live target did not answer a valid request \(GET http:\/\/127\.0\.0\.1:\d+\/v1\/p0123456789\/schedule-task\/e0123456789\/execute-detail\?limit=1\): /);
  });

  test('a target that answers a valid request with a body that never ends: cut off at the limit, one message', async () => {
    const server = await brokenTarget((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = '{"id":"x"},'.repeat(4096);
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    });

    await expectOneClearStop(server, /The live target did not answer a valid request \(GET .*\): 200, then more than \d+ bytes of body; cut off there \(complete-response:body-too-large\)/);
  });

  test('a target that answers a valid request with HTML', async () => {
    const server = await brokenTarget((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Maintenance</body></html>');
    });

    await expectOneClearStop(server, /answered a valid request \(GET .*\) with a body that is not JSON \(200 text\/html, 37 characters\): "<html><body>Maintenance/);
  });

  test('a target that answers a truncated JSON body', async () => {
    const server = await brokenTarget((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"count": 150, "items": [{"id": "a"');
    });

    await expectOneClearStop(server, /with a body that is not JSON \(200 application\/json, 35 characters\): "\{\\"count\\": 150/);
  });

  test('a target that refuses the configured token', async () => {
    const server = await brokenTarget((_, response) => {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: token expires"}');
    });

    await expectOneClearStop(server, /refused the configured credentials for a valid request .*: 401 application\/json: .*token expires/);
  });
});
