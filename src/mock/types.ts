import type { IncomingMessage } from 'node:http';
import type { Operation } from '../spec/operation';

/** What the mock's parts hand each other: the request as judged, the answer before it is written, a fault asked for. */

/** What the mock is about to answer; deviations may change it before it is written. */
export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, or a string sent as is. */
  body: unknown;
}

export interface MockRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The decoded path parameters, when the path matched an operation. */
  readonly path?: Readonly<Record<string, string>>;
  /** The operation the path routes to. */
  readonly operation?: Operation;
}

/** A fault asked for with the X-Mock-Fault header: `500`, `503`, `429; retry-after=2`, `latency=300`, combined with `;`. */
export interface Fault {
  readonly status?: 429 | 500 | 503;
  readonly retryAfterSeconds?: number;
  readonly latencyMs?: number;
}
