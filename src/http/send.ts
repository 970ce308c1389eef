import type { APIRequestContext } from '@playwright/test';
import type { Operation } from '../spec/operation';
import { redactText } from '../report/redact';
import type { Exchange } from './exchange';

export interface SendOptions {
  readonly method?: string;
  /** Values of the path parameters, by name; encoded here. */
  readonly path: Readonly<Record<string, string>>;
  /** Query parameters, or a raw query string sent as is (for values a URL builder would normalise). */
  readonly query?: Readonly<Record<string, string | number | readonly (string | number)[]>> | string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface TransportOptions {
  readonly baseURL: string;
  readonly timeoutMs: number;
  /** How often a throttled (429) request is sent again, honouring Retry-After. */
  readonly maxRetries: number;
  readonly maxRetryDelayMs: number;
}

/** The target could not be talked to at all: no HTTP response to judge. */
export class TransportError extends Error {
  override name = 'TransportError';
}

export function buildUrl(baseURL: string, operation: Operation, options: SendOptions): string {
  const path = operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = options.path[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const query = typeof options.query === 'string' ? options.query : serialiseQuery(options.query ?? {});
  return `${baseURL.replace(/\/+$/, '')}${path}${query ? `?${query}` : ''}`;
}

function serialiseQuery(query: Readonly<Record<string, string | number | readonly (string | number)[]>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) params.append(name, String(one));
  }
  return params.toString();
}

/** Sends one request of the operation and records the exchange; never throws for an HTTP status. */
export async function send(
  request: APIRequestContext,
  operation: Operation,
  transport: TransportOptions,
  options: SendOptions,
): Promise<Exchange> {
  const url = buildUrl(transport.baseURL, operation, options);
  const method = options.method ?? operation.method;
  const headers = { ...options.headers };
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const started = performance.now();
    let response;
    try {
      response = await request.fetch(url, {
        method,
        headers,
        ...(options.body === undefined ? {} : { data: options.body }),
        maxRedirects: 0,
        failOnStatusCode: false,
        timeout: transport.timeoutMs,
      });
    } catch (error) {
      // Playwright's message carries a call log that can print request headers; keep its first line only.
      const firstLine = String((error as Error).message ?? error).split('\n')[0]!.replace(/^apiRequestContext\.fetch:\s*/, '');
      throw new TransportError(redactText(`${method} ${new URL(url).origin} failed: ${firstLine}`));
    }
    const text = await response.text();
    const durationMs = performance.now() - started;
    const responseHeaders = response.headers();
    if (response.status() === 429 && attempts <= transport.maxRetries) {
      await sleep(retryDelay(responseHeaders['retry-after'], attempts, transport.maxRetryDelayMs));
      continue;
    }
    let json: unknown;
    let jsonError: string | undefined;
    if (text !== '') {
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
        status: response.status(),
        statusText: response.statusText(),
        headers: responseHeaders,
        text,
        json,
        ...(jsonError === undefined ? {} : { jsonError }),
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
