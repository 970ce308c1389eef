import type { Contract } from '../contract';
import type { Exchange } from '../http/exchange';
import { effectiveQuery } from '../http/request-params';
import type { ListShape } from '../spec/operation';

/** An item of a page, read by the property names of the operation's list shape. */
export type PageItem = Readonly<Record<string, unknown>>;

/** A successful page, read as far as its shape allows (the operation's x-list); the schema check reports the rest. */
export interface Page {
  /** The total the page reports (x-list total). */
  readonly total: number;
  readonly items: readonly PageItem[];
  readonly offset: number | undefined;
  readonly limit: number | undefined;
  readonly list: ListShape;
}

export function pageOf(contract: Contract, exchange: Exchange): Page | undefined {
  const { operation } = contract;
  // A page is the success answer to the operation's method: not an answer to HEAD (no content) or OPTIONS (answered-as).
  if (String(exchange.response.status) !== operation.successStatus || exchange.request.method !== operation.method) return undefined;
  const { list } = operation;
  const body = exchange.response.json as Record<string, unknown> | undefined;
  const total = body?.[list.total];
  const items = body?.[list.items];
  if (typeof total !== 'number' || !Array.isArray(items)) return undefined;
  const query = effectiveQuery(operation, exchange.request);
  return { total, items: items.filter((item): item is PageItem => !!item && typeof item === 'object'), offset: query[list.offset], limit: query[list.limit], list };
}

export function idsOf(page: Page): unknown[] {
  return page.items.map((item) => item[page.list.itemId]);
}
