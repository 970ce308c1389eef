import type { Operation } from '../spec/operation';
import type { SentRequest } from './exchange';

/**
 * The query parameters a request stood for, with the spec's defaults for the absent ones. A value
 * that is not a plain decimal integer is undefined: no page invariant can be judged for it.
 */
export function effectiveQuery(operation: Operation, request: SentRequest): Record<string, number | undefined> {
  const query = new URL(request.url).searchParams;
  const values: Record<string, number | undefined> = {};
  for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
    const sent = query.getAll(parameter.name);
    const fallback = typeof parameter.schema.default === 'number' ? parameter.schema.default : undefined;
    values[parameter.name] =
      sent.length === 0 ? fallback : sent.length === 1 && /^-?\d+$/.test(sent[0]!) ? Number(sent[0]) : undefined;
  }
  return values;
}
