import type { Contract } from '../contract';
import type { Exchange } from '../http/exchange';
import { effectiveQuery } from '../http/request-params';

export interface PageItem {
  readonly id?: unknown;
  readonly execute_id?: unknown;
  readonly begin_time?: unknown;
  readonly end_time?: unknown;
}

/** A successful page, read as far as its shape allows; the schema check reports the rest. */
export interface Page {
  readonly count: number;
  readonly items: readonly PageItem[];
  readonly offset: number | undefined;
  readonly limit: number | undefined;
}

export function pageOf(contract: Contract, exchange: Exchange): Page | undefined {
  if (String(exchange.response.status) !== contract.operation.successStatus) return undefined;
  const body = exchange.response.json as { count?: unknown; items?: unknown } | undefined;
  if (!body || typeof body.count !== 'number' || !Array.isArray(body.items)) return undefined;
  const query = effectiveQuery(contract.operation, exchange.request);
  const items = body.items.filter((item): item is PageItem => !!item && typeof item === 'object');
  return { count: body.count, items, offset: query.offset, limit: query.limit };
}

export function idsOf(page: Page): unknown[] {
  return page.items.map((item) => item.id);
}
