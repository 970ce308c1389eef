import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { answerOf } from '../../src/checks/answer';
import { expectInput, expectOk, expectRule } from '../../src/checks/expectations';
import { checkExchange } from '../../src/checks/index';
import { loadContracts } from '../../src/contract';
import { familyCells } from '../../src/families/negative-families';
import { boundedRequest } from '../../src/http/bounded-client';
import type { Exchange } from '../../src/http/exchange';
import { SpecError } from '../../src/spec/load-spec';
import { specCopy } from '../support/spec-copy';

/**
 * What a correct deployment may answer beside the service (openapi/schedule-task.yaml: `transport` and
 * `answered-as` of the cases that decide a request): a layer's own refusal judged by its status, an
 * answer to OPTIONS judged as one, an answer to HEAD without content. Tried on hand-built exchanges.
 */
const contracts = loadContracts();
const contract = contracts.all[0]!;
const { operation } = contract;
const cell = (cls: string) => familyCells(operation).find((c) => c.class === cls)!;

function exchange(method: string, status: number, headers: Record<string, string> = {}, text = ''): Exchange {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    operationId: operation.operationId,
    pathTemplate: operation.pathTemplate,
    request: { method, url: 'http://127.0.0.1:1/v1/p/schedule-task/e/execute-detail', headers: {}, pathParams: { project_id: 'p', execute_history_id: 'e' } },
    response: { status, statusText: '', headers, text, json, ...(text && json === undefined ? { jsonError: 'not JSON' } : {}) },
    durationMs: 1,
    attempts: 1,
  };
}

const serviceError = (status: number, extra: Record<string, string> = {}) =>
  exchange('GET', status, { 'content-type': 'application/json', 'x-request-id': 'abc', ...extra }, '{"error_code":"WKS.0001","error_msg":"no"}');
const checksOf = (found: ReturnType<typeof checkExchange>) => found.map((v) => v.check);

test.describe('a layer in front of the service refusing a request itself', () => {
  test('every case that names a transport names refusals only, with why', () => {
    const layered = familyCells(operation).filter((c) => c.transport);

    expect(layered.map((c) => c.class)).toEqual(expect.arrayContaining(['method:CONTRACTTEST', 'method:TRACE', 'method:QUERY', 'long:8000', 'characters:obs-text', 'invalid-escape', 'nul', 'reserved', 'semicolon', 'min-1']));
    for (const c of layered) {
      expect(c.transport!.statuses.every((s) => /^4\d\d$/.test(s) || s === '501'), c.class).toBe(true);
      expect(c.transport!.summary.length, c.class).toBeGreaterThan(40);
    }
    // A request a layer has no reason to refuse is the service's to answer, in its documented form.
    expect(familyCells(operation).filter((c) => ['method:POST', 'method:DELETE', 'max+1', 'wrong-type:word', 'repeated'].includes(c.class)).map((c) => c.transport)).toEqual(expect.arrayContaining([undefined]));
    expect(familyCells(operation).filter((c) => ['method:POST', 'max+1', 'repeated'].includes(c.class) && c.transport)).toEqual([]);
  });

  const bare = [
    ["Node's parser: a bare 400 to an extension method", 'method:CONTRACTTEST', exchange('CONTRACTTEST', 400, { connection: 'close' })],
    ['a 501 to an extension method, in plain text', 'method:CONTRACTTEST', exchange('CONTRACTTEST', 501, { 'content-type': 'text/plain' }, 'Not Implemented')],
    ["nginx's own 405 page to TRACE, no Allow, no X-Request-Id", 'method:TRACE', exchange('TRACE', 405, { 'content-type': 'text/html' }, '<html><h1>405 Not Allowed</h1></html>')],
    ["a gateway's 431 to a field of 8,000 characters", 'long:8000', exchange('GET', 431, { 'content-type': 'text/html' }, '<html>431</html>')],
    ["Huawei's gateway's 494 to a field of 8,000 characters", 'long:8000', exchange('GET', 494, { 'content-type': 'application/json' }, '{"error_code":"APIGW.0201","error_msg":"Request headers too large"}')],
    ['a 400 page to a malformed escape', 'invalid-escape', exchange('GET', 400, { 'content-type': 'text/html' }, '<html>400</html>')],
    ["Apache's 404 page to an encoded slash in a path", 'reserved', exchange('GET', 404, { 'content-type': 'text/html' }, '<html>404</html>')],
  ] as const;
  for (const [what, cls, answer] of bare) {
    test(`is judged by its status alone: ${what}`, () => {
      const expectation = expectInput(cell(cls));

      expect(answerOf(contract, answer, expectation).kind).toBe('transport');
      expect(checkExchange(contract, answer, expectation)).toEqual([]);
    });
  }

  test("the service's own answer where a layer might have answered is judged as written (its media type and X-Request-Id are its marks)", () => {
    const expectation = expectInput(cell('method:CONTRACTTEST'));
    const written = serviceError(405);

    expect(answerOf(contract, written, expectation).kind).toBe('documented');
    // The service's 405 must name the methods: without Allow it breaks the rule it always did.
    expect(checksOf(checkExchange(contract, written, expectation))).toEqual(['response-headers-conformance']);
    expect(checkExchange(contract, serviceError(405, { allow: 'GET, HEAD' }), expectation)).toEqual([]);
  });

  const refusedStill = [
    ['a 2xx to TRACE', 'method:TRACE', exchange('TRACE', 200, { 'content-type': 'message/http' }, 'TRACE / HTTP/1.1'), ['expected-status']],
    ['a 5xx other than 501 to an unrecognised method', 'method:CONTRACTTEST', exchange('CONTRACTTEST', 503, { 'content-type': 'text/plain' }, 'down'), ['expected-status']],
    ['a 502 to a field too large', 'long:8000', exchange('GET', 502, { 'content-type': 'text/html' }, '<html>502</html>'), ['status-code-conformance', 'expected-status']],
    ['a page of data where a refusal is due', 'invalid-escape', exchange('GET', 200, { 'content-type': 'application/json', 'x-request-id': 'a' }, '{"count":0,"items":[]}'), ['expected-status']],
    ['a bare 400 to a parameter no layer refuses (limit above its maximum)', 'max+1', exchange('GET', 400), ['content-type-conformance', 'response-headers-conformance', 'response-schema-conformance']],
  ] as const;
  for (const [what, cls, answer, checks] of refusedStill) {
    test(`still fails: ${what}`, () => {
      const chosen = familyCells(operation).find((c) => c.class === cls && (cls !== 'max+1' || c.parameter === 'limit'))!;

      // The rule of its request fails (and, where the status is documented, its form is judged as the service's).
      expect(checksOf(checkExchange(contract, answer, expectInput(chosen)))).toEqual(expect.arrayContaining([...checks]));
    });
  }

  test('a 501 to GET is undocumented, whatever its form', () => {
    expect(checksOf(checkExchange(contract, exchange('GET', 501, { 'content-type': 'text/plain' }, 'Not Implemented'), expectOk(contract)))).toEqual(['status-code-conformance', 'expected-status']);
  });
});

test.describe('an answer to OPTIONS and to HEAD', () => {
  const options = () => expectRule(contract, 'method-not-allowed', 'options');

  test("a CORS plug-in's 200 without Allow, body or X-Request-Id is an answer to OPTIONS, not the operation's page", () => {
    const cors = exchange('OPTIONS', 200, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD, OPTIONS' });

    expect(checkExchange(contract, cors, options())).toEqual([]);
  });

  test('an Allow sent with it names GET', () => {
    const found = checkExchange(contract, exchange('OPTIONS', 204, { allow: 'POST', 'x-request-id': 'a' }), options());

    expect(found.map((v) => [v.check, v.at])).toEqual([['response-headers-conformance', 'header Allow']]);
  });

  test('a CORS-shaped 200 to a GET that asks for the page is a page missing', () => {
    const cors = exchange('GET', 200, { 'access-control-allow-origin': '*' });

    expect(checksOf(checkExchange(contract, cors, expectOk(contract)))).toEqual(['content-type-conformance', 'response-headers-conformance', 'response-schema-conformance']);
  });

  test("judged alike without a test's expectation, as the proxy judges a client's traffic: by the method's case", () => {
    const cors = exchange('OPTIONS', 200, { 'access-control-allow-origin': '*' });
    const nginxTrace = exchange('TRACE', 405, { 'content-type': 'text/html' }, '<html>405</html>');

    expect(checkExchange(contract, cors)).toEqual([]);
    expect(checkExchange(contract, nginxTrace)).toEqual([]);
    expect(checksOf(checkExchange(contract, exchange('TRACE', 200, { 'content-type': 'message/http' }, 'TRACE / HTTP/1.1')))).toContain('expected-status');
    expect(checksOf(checkExchange(contract, exchange('POST', 200, { 'content-type': 'application/json', 'x-request-id': 'a' }, '{"count":0,"items":[]}')))).toEqual(['expected-status']);
  });

  test('an answer to HEAD may leave out its Content-Type; a GET may not', () => {
    const head = expectRule(contract, 'method-not-allowed', 'head');

    expect(checkExchange(contract, exchange('HEAD', 200, { 'x-request-id': 'a', 'content-length': '120', 'content-encoding': 'gzip' }), head)).toEqual([]);
    expect(checksOf(checkExchange(contract, exchange('GET', 200, { 'x-request-id': 'a' }, '{"count":0,"items":[]}'), expectOk(contract)))).toEqual(['content-type-conformance']);
  });

  test("the bounded client decodes no content of an answer to HEAD, whatever its Content-Encoding and Content-Length say; a GET's empty gzip body is malformed", async () => {
    const page = gzipSync('{"count":0,"items":[]}');
    const server = createServer((request, response) => {
      response.writeHead(request.method === 'HEAD' ? 405 : 200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': request.method === 'HEAD' ? page.length : 0 });
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const bounds = { headersTimeoutMs: 2_000, timeoutMs: 2_000, maxBytes: 1 << 20 };
    try {
      const head = await boundedRequest({ method: 'HEAD', url, headers: {} }, bounds);
      const get = await boundedRequest({ method: 'GET', url, headers: {} }, bounds);

      expect([head.status, head.incomplete, head.body.length]).toEqual([405, undefined, 0]);
      expect(get.incomplete?.case).toBe('malformed-framing');
    } finally {
      server.close();
    }
  });
});

test.describe('the spec decides who may answer, and a transport it cannot use is refused before a run', () => {
  const refused = [
    ['a success status', (text: string) => text.replace("      status: ['400', '431', '494']", "      status: ['200', '431']"), /names status 200; a layer's own answer to a request it refuses is a 4xx, or 501/],
    ['a server error other than 501', (text: string) => text.replace("            status: ['405', '501']", "            status: ['405', '503']"), /names status 503/],
    ['no why', (text: string) => text.replace(/(    malformed-escape:\n      status: \['400'\]\n)      summary: [^\n]+\n/, '$1'), /has no summary \(who answers so, and the source\)/],
    ['an answered-as that is no response', (text: string) => text.replace("answered-as: '#/components/responses/OptionsAnswered'", "answered-as: '#/components/schemas/ErrorResp'"), /answered-as "#\/components\/schemas\/ErrorResp"; it names a response of #\/components\/responses/],
  ] as const;
  for (const [what, edit, message] of refused) {
    test(`one SpecError naming the place: ${what}`, () => {
      const file = specCopy(edit);

      expect(() => loadContracts(file)).toThrow(SpecError);
      expect(() => loadContracts(file)).toThrow(message);
    });
  }
});
