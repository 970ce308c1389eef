import type { Operation } from '../spec/operation';
import { toCurl } from './curl';
import { decodeBody } from './utf8';
import { RESET_RETRIES } from './fetch-again';
import { redactText, redactUrl } from '../secrets';
import type { Exchange, SignableRequest } from './exchange';
import { boundedRequest, ConnectionError, type BoundedResponse, type ExchangeBounds } from './bounded-client';

export interface SendOptions {
  readonly method?: string;
  /** Values of the path parameters, by name; encoded here. */
  readonly path: Readonly<Record<string, string>>;
  /** Path parameters sent as written, not encoded here (for spellings such as full percent-encoding). */
  readonly rawPath?: Readonly<Record<string, string>>;
  /** Written after the path as is (a trailing slash). */
  readonly pathSuffix?: string;
  /** Query parameters, or a raw query string sent as is (for values a URL builder would normalise). */
  readonly query?: Readonly<Record<string, string | number | readonly (string | number)[]>> | string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Headers that authenticate the request as it will be sent (a signature is made anew for every try). */
  readonly authenticate?: (request: SignableRequest) => Record<string, string>;
}

export interface TransportOptions {
  readonly baseURL: string;
  /** The deadlines of the headers and the body, and the most bytes of body kept (src/http/response-bounds.ts). */
  readonly bounds: ExchangeBounds;
  /** Statuses a request is sent again for (429 from a throttling gateway; 503 on a live service). */
  readonly retryStatuses: readonly number[];
  /** How often such a request is sent again, honouring Retry-After. */
  readonly maxRetries: number;
  readonly maxRetryDelayMs: number;
}

/** The target kept answering a retryable status after every retry: the run cannot go on gently. */
export class ThrottledError extends Error {
  override name = 'ThrottledError';
}

/** The target could not be talked to at all: no HTTP response to judge. */
export class TransportError extends Error {
  override name = 'TransportError';
}

export function buildUrl(baseURL: string, operation: Operation, options: SendOptions): string {
  const path = operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const raw = options.rawPath?.[name];
    if (raw !== undefined) return raw;
    const value = options.path[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const query = typeof options.query === 'string' ? options.query : serialiseQuery(options.query ?? {});
  return `${baseURL.replace(/\/+$/, '')}${path}${options.pathSuffix ?? ''}${query ? `?${query}` : ''}`;
}

function serialiseQuery(query: Readonly<Record<string, string | number | readonly (string | number)[]>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) params.append(name, String(one));
  }
  return params.toString();
}

/** Connection failures a GET (or HEAD) is sent again for: it met a connection closing under it. */
const CONNECTION_CLOSED = new Set(['ECONNRESET', 'EPIPE']);

/**
 * Sends one request of the operation (src/http/bounded-client.ts: bounded in time and size, redirects
 * never followed) and records the exchange; never throws for an HTTP status nor for an answer that did
 * not arrive whole (the exchange says so in `response.incomplete`, judged by the complete-response check).
 */
export async function send(
  operation: Operation,
  transport: TransportOptions,
  options: SendOptions,
): Promise<Exchange> {
  const url = buildUrl(transport.baseURL, operation, options);
  const method = options.method ?? operation.method;
  let attempts = 0;
  let waitedMs = 0;
  for (;;) {
    attempts += 1;
    const unsigned = { ...options.headers };
    const headers = { ...unsigned, ...options.authenticate?.({ method, url, headers: unsigned, ...(options.body === undefined ? {} : { body: options.body }) }) };
    const reproduce = () => toCurl({ method, url, headers, pathParams: {}, ...(options.body === undefined ? {} : { body: options.body }) });
    const started = performance.now();
    let response: BoundedResponse | undefined;
    for (let resend = 0; !response; resend += 1) {
      try {
        response = await boundedRequest({ method, url, headers, ...(options.body === undefined ? {} : { body: options.body }) }, transport.bounds);
      } catch (error) {
        // A server (or a gateway) may close an idle keep-alive connection just as a request is written
        // on it; the request then meets a reset without having been served. A GET is safe to send again.
        const code = (error as ConnectionError).code;
        if ((method === 'GET' || method === 'HEAD') && resend < RESET_RETRIES && code !== undefined && CONNECTION_CLOSED.has(code)) continue;
        const tries = method === 'GET' || method === 'HEAD' ? ` after ${resend + 1} tries` : '';
        throw new TransportError(redactText(`${method} ${redactUrl(url)} got no HTTP response${tries}: ${(error as Error).message}\nReproduce\n   ${reproduce()}`));
      }
    }
    const { text, problem: notUtf8 } = decodeBody(response.body);
    const durationMs = performance.now() - started;
    const responseHeaders = response.headers;
    const status = response.status ?? 0;
    if (!response.incomplete && transport.retryStatuses.includes(status)) {
      if (attempts <= transport.maxRetries) {
        const delay = retryDelay(responseHeaders['retry-after'], attempts, transport.maxRetryDelayMs);
        waitedMs += delay;
        await sleep(delay);
        continue;
      }
      if (transport.maxRetries > 0) {
        throw new ThrottledError(
          `${method} ${redactUrl(url)} was answered ${status} ${response.statusText} ${attempts} times over ${Math.round(waitedMs / 1000)} s of backoff (Retry-After honoured); the target is throttling this run, so it stops here. Run again later, with fewer workers, or raise CONTRACT_MAX_RETRIES.\nReproduce\n   ${reproduce()}`,
        );
      }
    }
    let json: unknown;
    let jsonError: string | undefined;
    if (text !== '' && !response.incomplete) {
      try {
        json = JSON.parse(text);
      } catch (error) {
        jsonError = (error as Error).message;
      }
    }
    return {
      operationId: operation.operationId,
      pathTemplate: operation.pathTemplate,
      request: { method, url, headers, pathParams: { ...options.path }, ...(options.body === undefined ? {} : { body: options.body }) },
      response: {
        status,
        statusText: response.statusText,
        headers: responseHeaders,
        text,
        json,
        ...(jsonError === undefined ? {} : { jsonError }),
        ...(notUtf8 ? { notUtf8 } : {}),
        ...(response.incomplete ? { incomplete: response.incomplete } : {}),
      },
      durationMs,
      attempts,
    };
  }
}

/** Retry-After in seconds (or an HTTP date), else exponential backoff; capped either way. */
export function retryDelay(retryAfter: string | undefined, attempt: number, maxMs: number): number {
  let ms = 500 * 2 ** (attempt - 1);
  if (retryAfter && /^\d+$/.test(retryAfter.trim())) ms = Number(retryAfter) * 1000;
  else if (retryAfter && !Number.isNaN(Date.parse(retryAfter))) ms = Date.parse(retryAfter) - Date.now();
  return Math.max(0, Math.min(ms, maxMs));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
