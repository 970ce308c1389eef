import { boundaryValues, type BoundaryValue } from './boundaries';
import { appendPointer } from './json-pointer';
import type { Operation, Parameter, RuleCase } from './operation';

/** What the schema alone says of a value: inside it, outside it, or a spelling the spec leaves open. */
export type InputVerdict = 'valid' | 'invalid' | 'open';

/** The rule that answers for values outside a schema, and the one whose cases name the open spellings. */
export const INVALID_RULE = 'invalid-parameter';
export const OPEN_SPELLING_RULE = 'open-spelling';

/** How the suite writes each spelling the spec may leave open; a case of open-spelling must name one. */
const SPELLINGS: Readonly<Record<string, (value: number) => string>> = {
  'leading-zero': (n) => `0${n}`,
  'plus-sign': (n) => `+${n}`,
  'surrounding-space': (n) => `${n} `,
};

/** Values of the wrong type for an integer parameter. */
const WRONG_TYPES: readonly (readonly [string, string, string])[] = [
  ['fraction', '1.5', 'a decimal fraction'],
  ['word', 'abc', 'a word'],
  ['exponent', '1e2', 'exponent notation'],
];

/** One cell of the input-space matrix: a parameter, a class of its values, and what the spec answers. */
export interface InputCell {
  readonly parameter: string;
  readonly in: Parameter['in'];
  /** `max+1`, `wrong-type:word`, `empty`, `repeated`, `percent-encoded:max+1`, `open-spelling:plus-sign`. */
  readonly class: string;
  readonly verdict: InputVerdict;
  /** A query parameter's raw query string (`limit=%31%30%31`), else the value of the parameter. */
  readonly sent: string;
  /** `limit=%31%30%31 (101 fully percent-encoded)`, `project_id of 129 characters`. */
  readonly shown: string;
  /** The statuses the spec allows for it, where it says so and why. */
  readonly statuses: readonly string[];
  readonly pointer: string;
  readonly why: string;
  /** Sent with the target's own value of the parameter, percent-encoded, in place of `sent` (a path id's legal alternative spelling). */
  readonly ownValueEncoded?: true;
  /** The rows of the rules matrix it judges: an edge, an integer type, a case of a rule. */
  readonly rows: { readonly edge?: BoundaryValue['edge']; readonly notInteger?: true; readonly ruleCase?: { readonly rule: string; readonly case: string } };
}

/**
 * The input-space matrix of the operation, derived from the spec: for every path, query and header
 * parameter, each class of values its schema and x-contract-rules decide (each edge, wrong types,
 * empty, repeated, percent-encoded, the open spellings), with the statuses the spec allows for it.
 */
export function inputCells(operation: Operation): InputCell[] {
  return operation.parameters.filter((p) => p.in !== 'cookie').flatMap((parameter) => cellsOf(operation, parameter));
}

function cellsOf(operation: Operation, parameter: Parameter): InputCell[] {
  const { name, schema } = parameter;
  const cells: InputCell[] = [];
  const integer = schema.type === 'integer';
  const query = (value: string) => `${name}=${encodeURIComponent(value)}`;
  const add = (cls: string, verdict: InputVerdict, sent: string, shown: string, pointer: string, rows: InputCell['rows'], why: string, own = false) => {
    const { ruleCase, ...decided } = decide(operation, parameter, cls, verdict, pointer, why, own);
    cells.push(Object.freeze({ parameter: name, in: parameter.in, class: cls, verdict, sent, shown, ...decided, ...(own ? { ownValueEncoded: true as const } : {}), rows: { ...rows, ...(ruleCase ? { ruleCase } : {}) } }));
  };

  const edges = boundaryValues(parameter);
  for (const edge of edges) {
    const value = String(edge.value);
    const shown = typeof edge.value === 'string' ? `${name} of ${value.length} characters` : `${name}=${value}`;
    add(edge.edge, edge.valid ? 'valid' : 'invalid', parameter.in === 'query' ? query(value) : value, shown, edge.pointer, { edge: edge.edge }, `${shown} ${edgeWhy(edge)}`);
  }
  // A path id names the target's record only in its own value: that value, fully percent-encoded, is served.
  if (parameter.in === 'path') add('percent-encoded:own', 'valid', '', `the target's ${name}, fully percent-encoded`, parameter.schemaPointer, {}, `the target's ${name} fully percent-encoded is the same value`, true);
  if (!integer || parameter.in !== 'query') return cells;

  const type = appendPointer(parameter.schemaPointer, 'type');
  for (const [kind, value, what] of WRONG_TYPES) add(`wrong-type:${kind}`, 'invalid', query(value), `${name}=${value}`, type, { notInteger: true }, `${name}=${value} is ${what}, not an integer`);
  add('empty', 'invalid', `${name}=`, `${name}= (empty)`, type, { notInteger: true }, `an empty ${name} is not an integer`);

  const edge = (which: BoundaryValue['edge']) => edges.find((e) => e.edge === which);
  const [min, max] = [edge('min'), edge('max')];
  if (min && max) add('repeated', 'invalid', `${query(String(min.value))}&${query(String(max.value))}`, `${name}=${min.value}&${name}=${max.value}`, parameter.pointer, {}, `${name} is sent twice`);
  for (const which of ['max', 'max+1'] as const) {
    const at = edge(which);
    if (!at) continue;
    const encoded = percentEncodeAll(String(at.value));
    add(`percent-encoded:${which}`, at.valid ? 'valid' : 'invalid', `${name}=${encoded}`, `${name}=${encoded} (${at.value} fully percent-encoded)`, at.pointer, {}, `${at.value} fully percent-encoded ${edgeWhy(at)}`);
  }

  const open = operation.rules.get(OPEN_SPELLING_RULE);
  const typical = Number(schema.default ?? min?.value ?? 1);
  for (const spelling of open?.cases ?? []) {
    const write = SPELLINGS[spelling.id];
    if (!write) throw new Error(`case ${spelling.id} of ${OPEN_SPELLING_RULE} names no spelling the suite can write (known: ${Object.keys(SPELLINGS).join(', ')})`);
    const value = write(typical);
    add(`${OPEN_SPELLING_RULE}:${spelling.id}`, 'open', query(value), `${name}=${JSON.stringify(value)}`, spelling.pointer, {}, spelling.summary);
  }
  return cells;
}

/**
 * What the spec answers to a class: the cases that select it (their statuses united: each is correct);
 * else, for a valid value, success (a query parameter, the target's own id) or the rule that decides
 * the parameter's valid values (an id that names nothing); for an invalid one, invalid-parameter; for an open one, its case.
 */
function decide(operation: Operation, parameter: Parameter, cls: string, verdict: InputVerdict, pointer: string, why: string, own: boolean): Decision {
  const valid = (): Decision => {
    const rule = [...operation.rules.values()].find((r) => r.parameter === parameter.name);
    return rule && parameter.in !== 'query' && !own ? { statuses: rule.statuses, pointer: rule.pointer, why: `${why}; ${rule.summary}` } : { statuses: [operation.successStatus], pointer, why };
  };
  if (verdict === 'open') {
    const [rule, caseId] = cls.split(':') as [string, string];
    return { statuses: operation.rule(rule).cases.find((c) => c.id === caseId)!.statuses, pointer, why, ruleCase: { rule, case: caseId } };
  }
  const selecting = [...operation.rules.values()]
    .flatMap((rule) => rule.cases.map((c) => ({ rule: rule.id, case: c })))
    .filter(({ case: c }) => selects(c, parameter, cls))
    .sort((a, b) => Object.keys(b.case.when).length - Object.keys(a.case.when).length);
  const [first] = selecting;
  if (first) {
    const ruleCase = { rule: first.rule, case: first.case.id };
    if (verdict === 'valid') return { ...valid(), pointer: first.case.pointer, ruleCase };
    const statuses = [...new Set(selecting.flatMap((s) => s.case.statuses))].sort();
    return { statuses, pointer: first.case.pointer, why: `${why}: ${first.case.summary}`, ruleCase };
  }
  if (verdict === 'valid') return valid();
  return { statuses: operation.rule(INVALID_RULE).statuses, pointer, why };
}

interface Decision {
  readonly statuses: readonly string[];
  readonly pointer: string;
  readonly why: string;
  readonly ruleCase?: { readonly rule: string; readonly case: string };
}

function selects(ruleCase: RuleCase, parameter: Parameter, cls: string): boolean {
  const { when } = ruleCase;
  if (!when.parameter && !when.in && !when.class) return false;
  if (when.parameter && when.parameter !== parameter.name) return false;
  if (when.in && when.in !== parameter.in) return false;
  return !when.class || when.class.some((c) => c === cls || cls.startsWith(`${c}:`));
}

function edgeWhy(edge: BoundaryValue): string {
  const keyword = edge.pointer.split('/').pop()!;
  if (edge.valid) return `is the ${keyword} allowed`;
  const size = typeof edge.value === 'string' ? edge.value.length : edge.value;
  return `is ${edge.edge === 'min-1' ? 'below' : 'above'} ${keyword} ${edge.edge === 'min-1' ? size + 1 : size - 1}`;
}

/** Every byte as %XX, a legal spelling of any value (RFC 3986 section 2.1). */
export function percentEncodeAll(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
