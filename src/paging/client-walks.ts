import type { Operation } from '../spec/operation';
import type { RecordedExchange, Recording } from '../http/recording';
import { meantRequests, pageRequest } from '../http/recorded-requests';

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
  /**
   * `next`: the previous page was full, so the walk goes on; `past-end`: the previous page was short;
   * `after-count`: the previous page was full and brought the walk to count, so the walk has ended, and
   * asking once more (to meet the empty page) is as correct as stopping.
   */
  readonly kind: 'next' | 'past-end' | 'after-count';
}

/** One walk through a list, as far as the recording has followed it. */
interface OpenWalk {
  last: ReceivedPage;
  /** Every page the walk received, in order. */
  pages: RecordedExchange[];
  /** Set once the walk reached its end (counted once). */
  ended?: boolean;
  /** The offset of a request of this walk that got no page (a 429, a 503): its retry is no step. */
  unanswered?: number;
}

/**
 * The paging steps of one operation's requests in a recording, walks apart per owner (the path: one
 * task's executions, one execution's subtasks). Requests for one list with one page size and one
 * credential may belong to several walks at once (a client's tests run side by side): offset 0 (or none) opens a walk;
 * a request goes on the walk that expects its offset, or retries the walk whose request at that offset
 * got no page, or goes past the end of a walk that ended on a short page; else it goes on the walk
 * heard from last (with a gap or an overlap, or past its end).
 */
export function pagingSteps(operation: Operation, recording: Recording): { steps: PagingStep[]; ended: ReceivedPage[]; walks: RecordedExchange[][] } {
  const sequences = new Map<string, RecordedExchange[]>();
  for (const exchange of meantRequests(recording)) {
    if (exchange.decision.route !== 'operation' || exchange.operationId !== operation.operationId || exchange.request.method !== operation.method) continue;
    const { limit } = pageRequest(operation, exchange);
    const key = JSON.stringify([new URL(exchange.request.url).pathname, limit, exchange.decision.credentials?.id]);
    const sequence = sequences.get(key) ?? [];
    sequence.push(exchange);
    sequences.set(key, sequence);
  }
  const steps: PagingStep[] = [];
  const ended: ReceivedPage[] = [];
  const walked: RecordedExchange[][] = [];
  for (const sequence of sequences.values()) {
    const walks: OpenWalk[] = [];
    const next = (walk: OpenWalk) => walk.last.offset + walk.last.items;
    const isOver = (walk: OpenWalk) => walk.last.items < walk.last.limit;
    // A walk that has received count items knows it has reached the end, whether its last page was
    // full, short or empty: a client may stop there (Huawei's generated SDKs do) or ask once more.
    const hasAll = (walk: OpenWalk) => walk.last.offset + walk.last.items >= walk.last.count;
    for (const exchange of sequence) {
      const { offset, limit } = pageRequest(operation, exchange);
      if (offset === undefined || limit === undefined) continue;
      let walk: OpenWalk | undefined;
      if (offset === 0) {
        walk = { last: undefined as never, pages: [] };
      } else {
        walk =
          walks.find((w) => w.unanswered === offset) ??
          walks.find((w) => !isOver(w) && next(w) === offset) ??
          walks.find((w) => isOver(w) && next(w) === offset) ??
          [...walks].sort((a, b) => b.last.exchange.seq - a.last.exchange.seq)[0];
        if (!walk) continue;
        if (walk.unanswered !== offset) steps.push({ exchange, offset, after: walk.last, kind: isOver(walk) ? 'past-end' : hasAll(walk) ? 'after-count' : 'next' });
      }
      if (String(exchange.response.status) === operation.successStatus && exchange.page) {
        walk.last = { exchange, offset, limit, items: exchange.page.items, count: exchange.page.count };
        walk.pages.push(exchange);
        delete walk.unanswered;
        if (offset === 0) {
          walks.push(walk);
          walked.push(walk.pages);
        }
        if (!walk.ended && (isOver(walk) || hasAll(walk))) {
          walk.ended = true;
          ended.push(walk.last);
        }
      } else if (offset !== 0) {
        walk.unanswered = offset;
      }
    }
  }
  return { steps, ended, walks: walked };
}
