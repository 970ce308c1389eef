import type { Operation } from '../spec/operation';
import type { ExchangeBounds } from './bounded-client';

/**
 * The room given to one item of a page: 64 KiB. An item of this operation is a dozen short fields (ids,
 * names, a status, times, an error message capped at 255 characters) of well under 2 KiB as JSON, so
 * this is over 30 times what a real item needs, whitespace and escaping included.
 */
export const ITEM_BYTES = 64 * 1024;
/** The room given to what surrounds the items (count, the braces, an error body): 64 KiB. */
export const ENVELOPE_BYTES = 64 * 1024;

/**
 * The largest body a documented response can need: a page holds at most the page-size parameter's
 * maximum items (read from the spec: `limit`'s maximum), each given ITEM_BYTES, plus ENVELOPE_BYTES.
 * 100 items give 6.3 MiB. CONTRACT_MAX_RESPONSE_BYTES overrides it.
 */
export function specResponseLimit(operation: Operation): number {
  const limit = operation.parameters.find((parameter) => parameter.name === 'limit' && parameter.in === 'query');
  const maxItems = typeof limit?.schema.maximum === 'number' ? limit.schema.maximum : undefined;
  if (maxItems === undefined) throw new Error(`${operation.operationId} has no query parameter limit with a maximum; set CONTRACT_MAX_RESPONSE_BYTES`);
  return maxItems * ITEM_BYTES + ENVELOPE_BYTES;
}

/** The bounds of every exchange of a run: CONTRACT_TIMEOUT_MS for the headers, CONTRACT_BODY_TIMEOUT_MS for the body, the size from the spec unless overridden. */
export function exchangeBounds(operation: Operation, config: { readonly timeoutMs: number; readonly bodyTimeoutMs: number; readonly maxResponseBytes?: number }): ExchangeBounds {
  return { headersTimeoutMs: config.timeoutMs, timeoutMs: config.bodyTimeoutMs, maxBytes: config.maxResponseBytes ?? specResponseLimit(operation) };
}
