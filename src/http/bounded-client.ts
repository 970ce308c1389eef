import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { parseFailure, readBoundedBody, type BodyBounds, type Incomplete } from './bounded-body';

/** The deadlines and the size one exchange is held to. */
export interface ExchangeBounds extends BodyBounds {
  /** From sending the request to the end of the response's header section. */
  readonly headersTimeoutMs: number;
}

export interface BoundedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A response as far as it came: no status when none came (or none that parses); `incomplete` says what went wrong. */
export interface BoundedResponse {
  readonly status?: number;
  readonly statusText: string;
  /** Lower-cased names; repeated fields joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly incomplete?: Incomplete;
}

/** The request could not be delivered at all: the connection was refused, reset or closed before any answer. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** What a client sends unless a test sets it itself: the codings it decodes (bounded), any media type. */
const DEFAULT_HEADERS: Readonly<Record<string, string>> = { accept: '*/*', 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'list-task-execute-detail-contract' };

// One keep-alive pool per process, as Playwright's request context kept one: connections are reused.
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/**
 * Sends one request on node:http(s) and reads its answer within bounds: the header section within
 * headersTimeoutMs, the whole body within timeoutMs after it and at most maxBytes (src/http/bounded-body.ts).
 * A redirect is an answer like any other: it is never followed, so no credential goes to another origin.
 * Any method token is sent as written (TRACE included). Throws a ConnectionError only when no byte of
 * an answer came and the connection failed; every other failure is a response with `incomplete`.
 */
export function boundedRequest(request: BoundedRequest, bounds: ExchangeBounds): Promise<BoundedResponse> {
  const url = new URL(request.url);
  const send = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : undefined;
  if (!send) return Promise.reject(new ConnectionError(`${url.protocol} is not http or https`, undefined));
  const headers: Record<string, string> = {};
  const given = new Set(Object.keys(request.headers).map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(DEFAULT_HEADERS)) if (!given.has(name)) headers[name] = value;
  Object.assign(headers, request.headers);
  if (request.body !== undefined && !given.has('content-length')) headers['content-length'] = String(Buffer.byteLength(request.body));
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    let client: ClientRequest;
    try {
      client = send(url, { method: request.method, headers, agent: agents[url.protocol as 'http:' | 'https:'] });
    } catch (error) {
      // A header value or method Node refuses to write: nothing was sent.
      return reject(new ConnectionError((error as Error).message, (error as NodeJS.ErrnoException).code));
    }
    const timer = setTimeout(() => {
      settle(() => resolve({ statusText: '', headers: {}, body: Buffer.alloc(0), incomplete: { case: 'no-answer', detail: `no status line and headers within ${bounds.headersTimeoutMs} ms` } }));
      client.destroy();
    }, bounds.headersTimeoutMs);
    client.on('error', (error: NodeJS.ErrnoException) => {
      settle(() => {
        const malformed = parseFailure(error, 'status-line');
        if (malformed) resolve({ statusText: '', headers: {}, body: Buffer.alloc(0), incomplete: malformed });
        else reject(new ConnectionError(`${error.message}${error.code && !error.message.includes(error.code) ? ` (${error.code})` : ''}`, error.code));
      });
    });
    client.on('response', (message: IncomingMessage) => {
      settle(() => {
        // An answer to HEAD, a 204 and a 304 have no content whatever their headers say (RFC 9112 section 6.3):
        // their Content-Encoding describes a representation that was not sent, so there is nothing to decode.
        const content = request.method !== 'HEAD' && message.statusCode !== 204 && message.statusCode !== 304 && message.statusCode! >= 200;
        readBoundedBody(message, bounds, client, { decode: content }).then(({ body, incomplete }) => {
          resolve({
            status: message.statusCode!,
            statusText: message.statusMessage ?? '',
            headers: joinedHeaders(message),
            body,
            ...(incomplete ? { incomplete } : {}),
          });
          if (incomplete) client.destroy();
        });
      });
    });
    client.end(request.body);
  });
}

function joinedHeaders(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}
