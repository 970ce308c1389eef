import type { Operation } from '../spec/operation';
import { effectiveQuery } from './request-params';
import type { RecordedExchange, Recording } from './recording';

/** Requests the client sent for the operations (their paths, any method), in order of arrival; IAM's token endpoint aside. */
export function operationRequests(recording: Recording): RecordedExchange[] {
  return recording.exchanges.filter((exchange) => exchange.decision.route !== 'iam');
}

/**
 * The recording as one operation's client rules see it: the requests its path routes to (or, for a
 * path no operation has, that it comes nearest to: the exchange's operationId), IAM's token endpoint aside.
 */
export function recordingOf(recording: Recording, operationId: string): Recording {
  return { header: recording.header, exchanges: operationRequests(recording).filter((exchange) => exchange.operationId === operationId) };
}

/** Requests the client stands by: those its negative tests did not mark as invalid on purpose. */
export function meantRequests(recording: Recording): RecordedExchange[] {
  return operationRequests(recording).filter((exchange) => exchange.decision.negative === undefined);
}

const fingerprints = new WeakMap<RecordedExchange, string>();

/**
 * What makes two requests "the same request": method, path, query (in any order), the credentials and
 * how the gateway judged them, and the negative-test marker. The signature and X-Sdk-Date are left out:
 * an SDK signs every try anew, which does not change what it asks for.
 */
export function fingerprint(exchange: RecordedExchange): string {
  let known = fingerprints.get(exchange);
  if (known === undefined) {
    const url = new URL(exchange.request.url);
    const query = [...url.searchParams].map(([name, value]) => `${name}=${value}`).sort();
    const { credentials, negative } = exchange.decision;
    known = JSON.stringify([exchange.request.method, url.pathname, query, credentials?.scheme, credentials?.id, credentials?.refused?.case, negative]);
    fingerprints.set(exchange, known);
  }
  return known;
}

/**
 * The same request sent again once `answer` had been sent back: a retry. A copy that reached the mock
 * before the answer left it was in flight beside it (a client's tests running side by side), not a retry.
 */
export function sentAgain(requests: readonly RecordedExchange[], answer: RecordedExchange): RecordedExchange | undefined {
  return sameRequests(requests).get(fingerprint(answer))?.find((later) => later.seq > answer.seq && later.startedAt >= answer.endedAt);
}

const byFingerprint = new WeakMap<readonly RecordedExchange[], Map<string, RecordedExchange[]>>();

/** The requests grouped by fingerprint, in order; built once per list. */
function sameRequests(requests: readonly RecordedExchange[]): Map<string, RecordedExchange[]> {
  let groups = byFingerprint.get(requests);
  if (!groups) {
    groups = new Map();
    for (const exchange of requests) {
      const group = groups.get(fingerprint(exchange)) ?? [];
      group.push(exchange);
      groups.set(fingerprint(exchange), group);
    }
    byFingerprint.set(requests, groups);
  }
  return groups;
}

/** The paging parameters (x-list offset and limit) as the request stood for them (the spec's defaults for absent ones); undefined when not plain integers. */
export function pageRequest(operation: Operation, exchange: RecordedExchange): { offset?: number | undefined; limit?: number | undefined } {
  const query = effectiveQuery(operation, exchange.request);
  return { offset: query[operation.list.offset], limit: query[operation.list.limit] };
}

/** A request as a person reads it in a message: `request #12 GET …?offset=100&limit=100`. */
export function shown(exchange: RecordedExchange): string {
  const url = new URL(exchange.request.url);
  return `request #${exchange.seq} ${exchange.request.method} ${url.pathname}${url.search}`;
}

/** The Retry-After of an answer, in seconds, when it gives one as a number. */
export function retryAfterSeconds(exchange: RecordedExchange): number | undefined {
  const value = exchange.response.headers['retry-after']?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}
