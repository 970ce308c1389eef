import type { Exchange } from '../http/exchange';
import type { Link, Operation } from '../spec/operation';

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
