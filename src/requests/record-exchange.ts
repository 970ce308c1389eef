import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import type { Contract } from '../contract';
import type { TextProblem } from '../http/exchange';
import type { MockDecision, RecordedExchange } from '../http/recording';
import { redactHeaders, redactText, redactUrl } from '../secrets';
import { nearestContract, routerFor } from './route';

/** How much of a body a recording keeps: more than the largest page, so a page is kept whole (an evidence block shows less). */
export const RECORDED_BODY_CHARS = 64_000;

/** What came back, as the recorder saw it: lower-case header names, the (decoded) body text, whether it was cut short on the way. */
export interface AnswerSeen {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The body was longer than the copy kept of it. */
  readonly cut?: boolean;
  /** How much of the text the recording keeps (default RECORDED_BODY_CHARS). */
  readonly keepChars?: number;
  /** How the body's bytes were no UTF-8 text (json-text), when they were seen whole. */
  readonly notUtf8?: TextProblem;
}

/**
 * The exchange as a recording keeps it: headers and URL redacted, the body cut, the page summed up,
 * the path parameters read from the URL (the checks of the service read them: owner-matches-path), the
 * operation its path routes to (the one it comes nearest to when it routes to none).
 */
export function recordExchange(
  contracts: readonly Contract[],
  seq: number,
  request: { readonly method?: string | undefined; readonly url?: string | undefined; readonly headers: IncomingHttpHeaders },
  answer: AnswerSeen,
  decision: MockDecision,
  startedAt: number,
  endedAt: number = performance.timeOrigin + performance.now(),
): RecordedExchange {
  const headers = Object.fromEntries(
    Object.entries(request.headers)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
  );
  const { text, keepChars = RECORDED_BODY_CHARS } = answer;
  const kept = redactText(text.length > keepChars ? text.slice(0, keepChars) : text);
  let json: unknown;
  try {
    json = kept.length === text.length && !answer.cut && kept !== '' ? JSON.parse(kept) : undefined;
  } catch {
    json = undefined;
  }
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'mock.invalid'}`);
  const routed = routerOf(contracts)(url.pathname);
  const contract = 'contract' in routed ? routed.contract : nearestContract(contracts, url.pathname);
  const { list, successStatus } = contract.operation;
  const body = json as Record<string, unknown> | undefined;
  const total = body?.[list.total];
  const items = body?.[list.items];
  const page = String(answer.status) === successStatus && typeof total === 'number' && Array.isArray(items) ? { count: total, items: items.length } : undefined;
  return {
    seq,
    startedAt,
    endedAt,
    operationId: contract.operation.operationId,
    pathTemplate: contract.operation.pathTemplate,
    request: { method: request.method ?? 'GET', url: redactUrl(url.href), headers: redactHeaders(headers), pathParams: 'path' in routed ? routed.path : {} },
    response: {
      status: answer.status,
      statusText: STATUS_CODES[answer.status] ?? '',
      headers: redactHeaders(answer.headers),
      text: kept,
      json,
      ...(answer.notUtf8 ? { notUtf8: answer.notUtf8 } : {}),
    },
    durationMs: endedAt - startedAt,
    attempts: 1,
    decision,
    ...(page ? { page } : {}),
    ...(answer.cut || kept.length < text.length ? { bodyCut: true as const } : {}),
  };
}

const routers = new WeakMap<readonly Contract[], ReturnType<typeof routerFor>>();

/** One router per list of contracts: its patterns are built once, not per request. */
function routerOf(contracts: readonly Contract[]): ReturnType<typeof routerFor> {
  let router = routers.get(contracts);
  if (!router) routers.set(contracts, (router = routerFor(contracts)));
  return router;
}
