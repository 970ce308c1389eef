import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { answerClientError } from '../../src/mock/server';

/**
 * What HTTP/1.1 framing (RFC 9112) lets a server do wrong, one behaviour each: the families the suite's
 * bounds and the complete-response rule are about.
 */
export type Hostility =
  | 'endless-json'
  | 'huge-body'
  | 'drip'
  | 'never-answers'
  | 'redirect-elsewhere'
  | 'shorter-than-length'
  | 'chunked-cut-short'
  | 'longer-than-length'
  | 'malformed-status-line'
  | 'huge-header'
  | 'gzip-bomb';

const MiB = 1024 * 1024;
/** The size of the huge body, announced by a correct Content-Length. */
export const HUGE_BODY_BYTES = 300 * MiB;
/** What the gzip bomb decodes to: 64 members of 16 MiB of spaces each (RFC 1952 lets members follow one another). */
export const BOMB_BYTES = 1024 * MiB;
const BOMB_MEMBER_BYTES = 16 * MiB;
/** How often the drip sends its next byte. */
export const DRIP_MS = 200;

const PAGE_START = '{"count":1,"items":[';
const ITEM = '{"id":"a6f1c2d3-0000-4000-8000-000000000000","execute_id":"e","server_id":"s","server_name":"APS-1","status":"SUCCESS"},';
let bomb: Buffer | undefined;

export interface HostileServer {
  readonly url: string;
  /** Requests the server saw, with the headers they carried. */
  readonly seen: readonly { readonly url: string; readonly headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

/**
 * A loopback server that behaves as `hostility` says for the requests it names, and otherwise forwards
 * to `upstream` (a correct server) or answers a small page. The redirect goes to `redirectTo`.
 */
export async function startHostileServer(options: {
  readonly hostility: (request: IncomingMessage) => Hostility | undefined;
  readonly upstream?: string;
  readonly redirectTo?: string;
}): Promise<HostileServer> {
  const seen: { url: string; headers: IncomingMessage['headers'] }[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    seen.push({ url: request.url ?? '/', headers: request.headers });
    const hostility = options.hostility(request);
    if (hostility) return behave(hostility, request, response, options.redirectTo);
    if (options.upstream) return forward(options.upstream, request, response);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"count":0,"items":[]}');
  });
  // What Node's parser refuses (an extension method it does not know) cannot be forwarded; it is answered
  // as the mock behind would answer it, so a correct front stays correct.
  server.on('clientError', answerClientError);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function behave(hostility: Hostility, request: IncomingMessage, response: ServerResponse, redirectTo: string | undefined): void {
  const json = { 'content-type': 'application/json' };
  switch (hostility) {
    case 'endless-json': {
      response.writeHead(200, json);
      response.write(PAGE_START);
      const chunk = ITEM.repeat(512);
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      return pump();
    }
    case 'huge-body': {
      response.writeHead(200, { ...json, 'content-length': String(HUGE_BODY_BYTES) });
      const chunk = Buffer.alloc(MiB, 0x20);
      let sent = 0;
      const pump = () => {
        while (!response.destroyed && sent < HUGE_BODY_BYTES) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      return pump();
    }
    case 'drip': {
      const page = `${PAGE_START}${ITEM.slice(0, -1)}]}`;
      response.writeHead(200, { ...json, 'content-length': String(page.length) });
      let sent = 0;
      const timer = setInterval(() => {
        if (response.destroyed || sent >= page.length) return void (clearInterval(timer), response.end());
        response.write(page[sent++]!);
      }, DRIP_MS);
      return;
    }
    case 'never-answers':
      return;
    case 'redirect-elsewhere':
      response.writeHead(302, { location: `${redirectTo ?? 'http://127.0.0.1:9'}${request.url ?? '/'}`, 'content-length': '0' }).end();
      return;
    case 'shorter-than-length':
      response.writeHead(200, { ...json, 'content-length': '4000' });
      response.write(PAGE_START, () => request.socket.destroy());
      return;
    case 'chunked-cut-short':
      response.writeHead(200, json);
      response.write(PAGE_START, () => request.socket.destroy());
      return;
    case 'longer-than-length':
      request.socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 22\r\n\r\n{"count":0,"items":[]}  and more`);
      return;
    case 'malformed-status-line':
      request.socket.end('HTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}');
      return;
    case 'huge-header':
      response.writeHead(200, { ...json, 'x-padding': 'p'.repeat(64 * 1024) }).end('{}');
      return;
    case 'gzip-bomb':
      bomb ??= Buffer.concat(Array(BOMB_BYTES / BOMB_MEMBER_BYTES).fill(gzipSync(Buffer.alloc(BOMB_MEMBER_BYTES, 0x20), { level: 9 })));
      response.writeHead(200, { ...json, 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb);
      return;
  }
}

function forward(upstream: string, request: IncomingMessage, response: ServerResponse): void {
  const target = new URL(request.url ?? '/', upstream);
  const outgoing = httpRequest(target, { method: request.method, headers: { ...request.headers, host: target.host } }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  outgoing.on('error', () => response.destroy());
  request.pipe(outgoing);
}
