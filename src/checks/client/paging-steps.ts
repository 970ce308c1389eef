import type { Operation } from '../../spec/operation';
import type { RecordedExchange, Recording } from '../../http/recording';
import { meantRequests, pageRequest } from './recorded-requests';

/** A page the client received: where it started, how long it was asked to be, what came back. */
export interface ReceivedPage {
  readonly exchange: RecordedExchange;
  readonly offset: number;
  readonly limit: number;
  readonly items: number;
  readonly count: number;
}

/** A request that went on from a page the client had received: the next page, or one past the end. */
export interface PagingStep {
  readonly exchange: RecordedExchange;
  readonly offset: number;
  readonly after: ReceivedPage;
  /** `next`: the previous page was full, so the walk goes on; `past-end`: the previous page was short. */
  readonly kind: 'next' | 'past-end';
}

/**
 * The paging steps of a recording. Requests of one record with one page size and one credential form
 * a sequence; offset 0 (or none) starts a walk; a request at the same offset after an answer other than
 * a page is a retry, not a step; a walk that ends on a short page is `ended`.
 */
export function pagingSteps(operation: Operation, recording: Recording): { steps: PagingStep[]; ended: ReceivedPage[] } {
  const sequences = new Map<string, RecordedExchange[]>();
  for (const exchange of meantRequests(recording)) {
    if (exchange.decision.route !== 'operation' || exchange.request.method !== operation.method) continue;
    const { limit } = pageRequest(operation, exchange);
    const key = JSON.stringify([new URL(exchange.request.url).pathname, limit, exchange.decision.credentials?.id]);
    sequences.set(key, [...(sequences.get(key) ?? []), exchange]);
  }
  const steps: PagingStep[] = [];
  const ended: ReceivedPage[] = [];
  for (const sequence of sequences.values()) {
    let last: ReceivedPage | undefined;
    let previous: RecordedExchange | undefined;
    for (const exchange of sequence) {
      const { offset, limit } = pageRequest(operation, exchange);
      if (offset === undefined || limit === undefined) continue;
      const retry = last !== undefined && offset === last.offset + last.items && previous !== undefined && previous.response.status !== 200;
      if (offset === 0) last = undefined;
      else if (last && !retry) steps.push({ exchange, offset, after: last, kind: last.items < last.limit ? 'past-end' : 'next' });
      previous = exchange;
      if (exchange.response.status === 200 && exchange.page) {
        last = { exchange, offset, limit, items: exchange.page.items, count: exchange.page.count };
        if (last.items < limit) ended.push(last);
      }
    }
  }
  return { steps, ended };
}
