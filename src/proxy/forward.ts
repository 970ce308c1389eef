import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { AkSk } from '../auth/aksk-signer';
import type { Contracts } from '../contract';
import type { TextProblem } from '../http/exchange';
import type { RecordedExchange } from '../http/recording';
import { decodeBody } from '../http/utf8';
import { lingeringClose, readRequestBody } from '../http/request-body';
import { closingAnswer, ERRORS } from '../mock/errors';
import { decideRequest } from '../requests/decide';
import { recordExchange } from '../requests/record-exchange';
import { routerFor } from '../requests/route';
import { passCredentials, upstreamRefusal } from './credentials';

/** Headers of one hop (RFC 9110 section 7.6.1): the proxy's own connection to each side, never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authorization', 'proxy-authenticate']);

export interface ProxyOptions {
  /** Every operation of the spec: each request is routed to the one whose path it is. */
  readonly contracts: Contracts;
  readonly upstream: URL;
  /** The AK/SK the client signs with, to verify its signatures and sign the forwarded requests afresh. */
  readonly aksk?: AkSk;
  readonly host?: string;
  readonly port?: number;
  /** Every exchange once its answer has gone back to the client, secrets redacted. */
  readonly record: (exchange: RecordedExchange) => void;
  /** A request the upstream did not answer (it went away, it reset the connection). */
  readonly onUpstreamError?: (message: string) => void;
}

export interface ProxyServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * How much of an answer's body is kept for judging: the largest page any operation allows (its x-list
 * limit's maximum) at a generous 2 KiB an item, plus room for the envelope. The answer itself is
 * streamed to the client whole, whatever its size.
 */
export function judgedBodyBytes(contracts: Contracts): number {
  const largestPage = Math.max(...contracts.all.map(({ operation }) => Number(operation.parameter(operation.list.limit).schema.maximum)));
  return largestPage * 2048 + 16 * 1024;
}

/** Forwards each request to the upstream and its answer back unchanged (status, headers, body bytes, streamed), recording both. */
export async function startProxy({ contracts, upstream, aksk, host = '127.0.0.1', port = 0, record, onUpstreamError }: ProxyOptions): Promise<ProxyServer> {
  const route = routerFor(contracts.all);
  const copyLimit = judgedBodyBytes(contracts);
  const agentOptions = { keepAlive: true, maxSockets: 256 };
  const agent = upstream.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const send = upstream.protocol === 'https:' ? https.request : http.request;
  const basePath = upstream.pathname.replace(/\/$/, '');
  let seq = 0;

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const startedAt = performance.timeOrigin + performance.now();
    // The client's body is bounded as the mock bounds it: a larger or endless one is answered as the gateway answers it, never buffered whole.
    const read = await readRequestBody(incoming);
    if ('refused' in read) return lingeringClose(incoming, closingAnswer(read.refused === 'too-large' ? ERRORS.requestBodyTooLarge : ERRORS.requestTimeout, randomBytes(16).toString('hex')));
    const { body } = read;
    const receivedUrl = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? 'proxy.invalid'}`);
    const upstreamUrl = new URL(`${basePath}${receivedUrl.pathname}${receivedUrl.search}`, upstream);
    const method = incoming.method ?? 'GET';

    const routed = route(receivedUrl.pathname);
    const decision = decideRequest(routed, receivedUrl, incoming.headers);

    const forwarded: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) forwarded[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    forwarded.host = upstreamUrl.host;
    const passage = routed.route === 'operation' ? passCredentials({ method, url: receivedUrl, headers: incoming.headers, body: body.toString('utf8') }, forwarded, upstreamUrl, aksk, new Date()) : undefined;

    const upstreamRequest = send(upstreamUrl, { method, headers: passage?.headers ?? forwarded, agent });
    upstreamRequest.on('response', (answer) => {
      const headers: [string, string][] = [];
      for (let i = 0; i < answer.rawHeaders.length; i += 2) {
        const name = answer.rawHeaders[i]!;
        if (!HOP_BY_HOP.has(name.toLowerCase())) headers.push([name, answer.rawHeaders[i + 1]!]);
      }
      outgoing.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
      const copy: Buffer[] = [];
      let copied = 0;
      let cut = false;
      answer.on('data', (chunk: Buffer) => {
        if (copied + chunk.length <= copyLimit) {
          copy.push(chunk);
          copied += chunk.length;
        } else cut = true;
      });
      answer.pipe(outgoing);
      // A side that goes away mid-answer takes the other with it: no upstream socket held for a client gone, no answer cut silently.
      outgoing.on('close', () => {
        if (!answer.complete) answer.destroy();
      });
      answer.on('error', () => outgoing.destroy());
      answer.on('end', () => {
        const status = answer.statusCode ?? 502;
        const text = decodeCopy(Buffer.concat(copy), String(answer.headers['content-encoding'] ?? ''), cut, copyLimit);
        let json: unknown;
        try {
          json = text.text ? JSON.parse(text.text) : undefined;
        } catch {
          json = undefined;
        }
        if (passage) decision.credentials = upstreamRefusal(passage.credentials, status, json);
        const lowered = Object.fromEntries(Object.entries(answer.headers).filter(([, v]) => v !== undefined).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
        seq += 1;
        record(recordExchange(contracts.all, seq, { method, url: incoming.url, headers: incoming.headers }, { status, headers: lowered, text: text.text, cut: text.cut, keepChars: copyLimit, ...(text.notUtf8 ? { notUtf8: text.notUtf8 } : {}) }, decision, startedAt));
      });
    });
    upstreamRequest.on('error', (error: NodeJS.ErrnoException) => {
      onUpstreamError?.(`${method} ${receivedUrl.pathname}: the upstream did not answer (${error.code ?? error.message})`);
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end();
    });
    upstreamRequest.end(body);
  };

  const server = http.createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch(() => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        agent.destroy();
      }),
  };
}

/** The kept copy of a body as text (and how its bytes were no UTF-8 text): decoded when it came compressed and whole; a cut compressed copy cannot be judged. */
function decodeCopy(bytes: Buffer, encoding: string, cut: boolean, limit: number): { text: string; cut: boolean; notUtf8?: TextProblem } {
  const coding = encoding.trim().toLowerCase();
  // A copy cut short may end inside a UTF-8 sequence: only a whole body's bytes are judged.
  const asText = (body: Buffer, whole: boolean) => {
    const { text, problem } = decodeBody(body);
    return { text, ...(problem && whole ? { notUtf8: problem } : {}) };
  };
  if (!coding || coding === 'identity') return { ...asText(bytes, !cut), cut };
  if (cut) return { text: '', cut: true };
  try {
    // Decoded no further than the copy's own bound: a small compressed copy may decode to gigabytes (a zip bomb).
    const options = { maxOutputLength: limit };
    const decoded = coding === 'gzip' || coding === 'x-gzip' ? gunzipSync(bytes, options) : coding === 'deflate' ? inflateSync(bytes, options) : coding === 'br' ? brotliDecompressSync(bytes, options) : undefined;
    return decoded ? { ...asText(decoded, true), cut: false } : { text: '', cut: true };
  } catch {
    return { text: '', cut: true };
  }
}
