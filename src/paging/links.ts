import { isDeepStrictEqual } from 'node:util';
import type { Contract } from '../contract';
import type { Exchange } from '../http/exchange';
import type { Link, Operation, Rule } from '../spec/operation';
import { pageOf } from './page';

/**
 * The path parameters a link of a page fills for one of its items: `$request.path.<name>` from the
 * request, `$response.body#/<items>/<i>/<property>` from the item (the spec writes the link for item 0;
 * the index stands for each item, as the link's description says). Undefined when an expression cannot
 * be read from this exchange (another form, a missing value).
 */
export function linkedPath(link: Link, from: Operation, exchange: Exchange, itemIndex: number): Record<string, string> | undefined {
  const body = exchange.response.json as Record<string, unknown> | undefined;
  const items = body?.[from.list.items];
  const item = Array.isArray(items) ? (items[itemIndex] as Record<string, unknown> | undefined) : undefined;
  const values: Record<string, string> = {};
  for (const [name, expression] of Object.entries(link.parameters)) {
    const fromRequest = /^\$request\.path\.(.+)$/.exec(expression);
    const fromItem = new RegExp(`^\\$response\\.body#/${from.list.items}/\\d+/(.+)$`).exec(expression);
    const value = fromRequest ? exchange.request.pathParams[fromRequest[1]!] : fromItem ? item?.[fromItem[1]!] : undefined;
    if (typeof value !== 'string' || value === '') return undefined;
    values[name] = value;
  }
  return values;
}

/**
 * How item `itemIndex` of page `before` changed in page `after`, read later (the same item by its id):
 * the properties whose values differ, or that it is gone; undefined when it reads the same. Rules that
 * follow a link judge an item with the list it leads to only as one snapshot: an execution still running
 * moves on between the two reads, and its counts then differ from its subtasks on a correct service too.
 */
export function changedBetween(contract: Contract, before: Exchange, after: Exchange, itemIndex: number): string | undefined {
  const first = pageOf(contract, before)?.items[itemIndex];
  if (!first) return undefined;
  const { itemId } = contract.operation.list;
  const id = first[itemId];
  const later = pageOf(contract, after)?.items.find((candidate) => isDeepStrictEqual(candidate[itemId], id));
  if (!later) return `(${itemId} ${JSON.stringify(id)}) was not on the page read again`;
  const moved = [...new Set([...Object.keys(first), ...Object.keys(later)])].filter((key) => !isDeepStrictEqual(first[key], later[key]));
  if (moved.length === 0) return undefined;
  return `(${itemId} ${JSON.stringify(id)}) changed while its linked list was read: ${moved.map((key) => `${key} ${shown(first, key)} → ${shown(later, key)}`).join(', ')}`;
}

const shown = (item: Readonly<Record<string, unknown>>, key: string) => (key in item ? JSON.stringify(item[key]) : 'absent');

/**
 * The `settled` of a rule that follows a link: each property of an item and the values in which the item
 * stands still (an execution that has ended); undefined when the rule has none, or writes it otherwise (a
 * broken spec, which checkRuleFields refuses before a run).
 */
export function settledStates(rule: Rule): Readonly<Record<string, readonly string[]>> | undefined {
  const states = rule.fields.settled;
  if (!states || typeof states !== 'object' || Array.isArray(states)) return undefined;
  const entries = Object.entries(states as Record<string, unknown>).map(([property, values]) => [property, (Array.isArray(values) ? values : [values]).map(String)] as const);
  return entries.length > 0 && entries.every(([, values]) => values.length > 0) ? Object.fromEntries(entries) : undefined;
}

/**
 * Whether an item no longer changes, by the rule's `settled`: such an item is judged with its linked list
 * from one read; another only when it reads the same again after the linked list (changedBetween). A rule
 * without `settled` takes every item as standing still.
 */
export function settled(rule: Rule, item: Readonly<Record<string, unknown>> | undefined): boolean {
  const states = settledStates(rule);
  return !states || (!!item && Object.entries(states).every(([property, values]) => values.includes(String(item[property]))));
}

/** The rule's `settled` in words ("status SUCCESS or FAILED"), if it has one. */
export function settledText(rule: Rule): string | undefined {
  const states = settledStates(rule);
  return states && Object.entries(states).map(([property, values]) => `${property} ${values.join(' or ')}`).join(', ');
}
