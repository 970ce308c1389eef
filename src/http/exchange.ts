import type { Incomplete } from './bounded-body';

/** One request the suite sent and the response it got, as recorded for checks and reports. */
export interface Exchange {
  readonly operationId: string;
  readonly pathTemplate: string;
  readonly request: SentRequest;
  readonly response: ReceivedResponse;
  readonly durationMs: number;
  /** How many times the request was sent (throttled requests are retried). */
  readonly attempts: number;
}

/** A request as it will be sent, before its credentials: the URL carries path and query; the body is sent as UTF-8. */
export interface SignableRequest {
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body?: string;
}

export interface SentRequest {
  readonly method: string;
  readonly url: string;
  /** The headers the suite set, secrets included; redact before showing them (src/secrets.ts). */
  readonly headers: Readonly<Record<string, string>>;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** How a body's bytes are no UTF-8 text: the case of json-text it breaks, and what the bytes were. */
export interface TextProblem {
  readonly case: 'byte-order-mark' | 'invalid-utf8' | 'utf-16-or-32';
  readonly detail: string;
}

export interface ReceivedResponse {
  /** 0 when no status line came (or none that parses): see `incomplete`. */
  readonly status: number;
  readonly statusText: string;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The parsed JSON body; undefined when the body is empty or not JSON (see jsonError). */
  readonly json: unknown;
  readonly jsonError?: string;
  /** Set when the body's bytes are no UTF-8 JSON text (RFC 8259 section 8.1): a byte order mark, or bytes that are not UTF-8; `text` and `json` read them as well as they can. */
  readonly notUtf8?: TextProblem;
  /** Set when the answer did not arrive whole (no answer in time, a body cut off, a malformed message); `text` holds what came. */
  readonly incomplete?: Incomplete;
}

/** A walk through the pages of one record: offset advanced by the items received, until a short page. */
export interface Walk {
  readonly kind: 'walk';
  readonly limit: number;
  readonly pages: readonly Exchange[];
  /** Set when the walk stopped before a short page (a request budget, a page count past count). */
  readonly stoppedEarly?: string;
}

export function isWalk(value: unknown): value is Walk {
  return !!value && typeof value === 'object' && (value as Walk).kind === 'walk';
}

export function isExchange(value: unknown): value is Exchange {
  return !!value && typeof value === 'object' && 'request' in value && 'response' in value;
}

export function mediaTypeOf(response: Pick<ReceivedResponse, 'headers'>): string | undefined {
  return response.headers['content-type']?.split(';')[0]?.trim().toLowerCase() || undefined;
}
