import { appendPointer } from './json-pointer';
import type { Parameter } from './operation';

/** One edge value of a bounded parameter, read from the spec's minimum/maximum (or length bounds). */
export interface BoundaryValue {
  readonly parameter: string;
  readonly edge: 'min-1' | 'min' | 'max' | 'max+1';
  /** A number for numeric bounds; a string of the bound's length for length bounds. */
  readonly value: number | string;
  readonly valid: boolean;
  /** The keyword in the spec that makes this value an edge. */
  readonly pointer: string;
}

/** min-1, min, max and max+1 of every bound the parameter's schema declares. */
export function boundaryValues(parameter: Parameter): BoundaryValue[] {
  const { schema, schemaPointer, name } = parameter;
  const values: BoundaryValue[] = [];
  const add = (edge: BoundaryValue['edge'], value: number | string, valid: boolean, keyword: string) =>
    values.push(Object.freeze({ parameter: name, edge, value, valid, pointer: appendPointer(schemaPointer, keyword) }));

  if (schema.type === 'integer' || schema.type === 'number') {
    const step = schema.type === 'integer' ? 1 : Number.EPSILON;
    const lower = numericBound(schema.minimum, schema.exclusiveMinimum, +step);
    const upper = numericBound(schema.maximum, schema.exclusiveMaximum, -step);
    if (lower) {
      add('min-1', lower.value - step, false, lower.keyword);
      add('min', lower.value, true, lower.keyword);
    }
    if (upper) {
      add('max', upper.value, true, upper.keyword);
      add('max+1', upper.value + step, false, upper.keyword);
    }
  } else if (schema.type === 'string') {
    if (typeof schema.minLength === 'number') {
      if (schema.minLength > 0) add('min-1', 'x'.repeat(schema.minLength - 1), false, 'minLength');
      add('min', 'x'.repeat(schema.minLength), true, 'minLength');
    }
    if (typeof schema.maxLength === 'number') {
      add('max', 'x'.repeat(schema.maxLength), true, 'maxLength');
      add('max+1', 'x'.repeat(schema.maxLength + 1), false, 'maxLength');
    }
  }
  return values;
}

function numericBound(inclusive: unknown, exclusive: unknown, step: number) {
  if (typeof inclusive === 'number') return { value: inclusive, keyword: step > 0 ? 'minimum' : 'maximum' };
  if (typeof exclusive === 'number') return { value: exclusive + step, keyword: step > 0 ? 'exclusiveMinimum' : 'exclusiveMaximum' };
  return undefined;
}
