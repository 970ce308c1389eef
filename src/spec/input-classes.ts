import { boundaryValues, type BoundaryValue } from './boundaries';
import { appendPointer } from './json-pointer';
import type { DocumentedResponse, Operation, Parameter, RuleCase, TransportAnswer } from './operation';

/** What the schema alone says of a value: inside it, outside it, or a spelling the spec leaves open. */
export type InputVerdict = 'valid' | 'invalid' | 'open';

/** The rule that answers for values outside a schema, and the one whose cases name the open spellings. */
export const INVALID_RULE = 'invalid-parameter';
export const OPEN_SPELLING_RULE = 'open-spelling';

/**
 * How the suite writes each spelling the spec may leave open, as the query pair it sends (already
 * encoded) and as it shows it; a case of open-spelling that selects no inputs must name one.
 */
const SPELLINGS: Readonly<Record<string, (name: string, value: number) => readonly [query: string, shown: string]>> = {
  'leading-zero': (name, n) => [`${name}=0${n}`, `${name}="0${n}"`],
  'plus-sign': (name, n) => [`${name}=%2B${n}`, `${name}="+${n}"`],
  'surrounding-space': (name, n) => [`${name}=${n}%20`, `${name}="${n} "`],
};

/**
 * Query values that only nearly encode an integer (RFC 3986 sections 2.1 and 2.4), each with what it
 * decodes to: sent for one integer query parameter, since every query value passes the same decoder.
 * `n` is a valid value of the parameter; `over` one above its maximum.
 */
const NEAR_ENCODINGS: readonly (readonly [cls: string, query: (name: string, n: number, over: number) => string, what: string])[] = [
  ['double-encoded', (name, n) => `${name}=${percentEncodeAll(String(n)).replace(/%/g, '%25')}`, 'percent-encoded twice: decoded once it is "%3..", not digits'],
  ['invalid-escape', (name, n) => `${name}=${n}%G`, 'the digits and a % that starts no escape (no two hex digits after it)'],
  ['nul', (name, n) => `${name}=${n}%00`, 'the digits and a NUL'],
  ['unicode-digits', (name, n) => `${name}=${encodeURIComponent(String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))))}`, 'full-width digits (U+FF10..), not decimal digits'],
  ['hex', (name, n) => `${name}=0x${n.toString(16).toUpperCase()}`, 'hexadecimal'],
  ['name-percent-encoded', (name, _n, over) => `${percentEncodeAll(name)}=${over}`, 'the name percent-encoded with a value above the maximum'],
];

/** Characters reserved in a path (RFC 3986 section 3.3) after the target's own id: another id, or none. */
const RESERVED_SUFFIXES: readonly (readonly [cls: string, suffix: string, what: string])[] = [
  ['semicolon', ';x', 'a semicolon and more (a matrix parameter where servlet containers read one)'],
  ['reserved', '%2Fx,=@:', 'an encoded slash and the sub-delims , = @ :'],
];

/** The families of requests the suite sends on purpose (docs/input-classes.md lists them, with their sources). */
export type FamilyId = 'methods' | 'header-fields' | 'query-path-values' | 'credentials' | 'object-level-authorisation';

/**
 * How a cell's request differs from a valid one where it is not just a parameter's value: another
 * method, a mutation of the valid credentials, another project's record, a slash after the path.
 */
export type CellRequest =
  | { readonly kind: 'method'; readonly method: string }
  | { readonly kind: 'token'; readonly mutation: string }
  | { readonly kind: 'signature'; readonly mutation: string }
  | { readonly kind: 'bola'; readonly scheme: 'token' | 'aksk'; readonly case: 'other-project-path' | 'other-project-record' }
  | { readonly kind: 'trailing-slash' };

/** Values of the wrong type for an integer parameter. */
const WRONG_TYPES: readonly (readonly [string, string, string])[] = [
  ['fraction', '1.5', 'a decimal fraction'],
  ['word', 'abc', 'a word'],
  ['exponent', '1e2', 'exponent notation'],
];

/** One cell of the input-space matrix: a parameter, a class of its values, and what the spec answers. */
export interface InputCell {
  readonly family: FamilyId;
  /** The parameter, or what else the family varies (`method`, a credential scheme's header). */
  readonly parameter: string;
  readonly in: Parameter['in'] | 'method';
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
  /**
   * Sent with the target's own value of the parameter in place of `sent`: fully percent-encoded (a
   * path id's legal alternative spelling, upper- or lower-case hex), or followed by a suffix as written.
   */
  readonly own?: { readonly encoded?: 'upper' | 'lower'; readonly suffix?: string };
  readonly request?: CellRequest;
  /** Sent only where the target is called with this credential scheme. */
  readonly scheme?: 'token' | 'aksk';
  /** What a layer in front of the service may answer it itself (the deciding cases' `transport`). */
  readonly transport?: TransportAnswer;
  /** The response a 2xx answer to it is judged against instead of the operation's page (`answered-as`). */
  readonly answeredAs?: DocumentedResponse;
  /** The rows of the rules matrix it judges: an edge, an integer type, a case of a rule. */
  readonly rows: { readonly edge?: BoundaryValue['edge']; readonly notInteger?: true; readonly rule?: string; readonly ruleCase?: { readonly rule: string; readonly case: string } };
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
  const family: FamilyId = parameter.in === 'header' ? 'header-fields' : 'query-path-values';
  const add = (cls: string, verdict: InputVerdict, sent: string, shown: string, pointer: string, rows: InputCell['rows'], why: string, own?: InputCell['own'], request?: CellRequest) => {
    const { ruleCase, ...decided } = decide(operation, parameter, cls, verdict, pointer, why, own?.encoded !== undefined);
    cells.push(Object.freeze({ family, parameter: name, in: parameter.in, class: cls, verdict, sent, shown, ...decided, ...(own ? { own } : {}), ...(request ? { request } : {}), rows: { ...rows, ...(ruleCase ? { ruleCase } : {}) } }));
  };

  const edges = boundaryValues(parameter);
  for (const edge of edges) {
    const value = String(edge.value);
    const shown = typeof edge.value === 'string' ? `${name} of ${value.length} characters` : `${name}=${value}`;
    add(edge.edge, edge.valid ? 'valid' : 'invalid', parameter.in === 'query' ? query(value) : value, shown, edge.pointer, { edge: edge.edge }, `${shown} ${edgeWhy(edge)}`);
  }
  // A path id names the target's record only in its own value: that value, fully percent-encoded, is served.
  if (parameter.in === 'path') {
    add('percent-encoded:own', 'valid', '', `the target's ${name}, fully percent-encoded`, parameter.schemaPointer, {}, `the target's ${name} fully percent-encoded is the same value`, { encoded: 'upper' });
    // Hex digits are case-insensitive (RFC 3986 section 2.1): %2d is %2D; one path parameter proves it,
    // as it proves the sub-delims; a semicolon, which servlet containers cut a segment at, goes after each.
    const last = parameter === operation.parameters.filter((p) => p.in === 'path').at(-1);
    if (last) add('percent-encoded-lower:own', 'valid', '', `the target's ${name}, fully percent-encoded in lower-case hex`, parameter.schemaPointer, {}, `the target's ${name} percent-encoded in lower-case hex is the same value`, { encoded: 'lower' });
    for (const [cls, suffix, what] of RESERVED_SUFFIXES.filter(([cls]) => last || cls === 'semicolon')) {
      add(cls, 'valid', '', `the target's ${name} followed by ${suffix}`, parameter.schemaPointer, {}, `the target's ${name} followed by ${what} is another value`, { suffix });
    }
  }
  if (!integer || parameter.in !== 'query') return cells;

  const type = appendPointer(parameter.schemaPointer, 'type');
  for (const [kind, value, what] of WRONG_TYPES) add(`wrong-type:${kind}`, 'invalid', query(value), `${name}=${value}`, type, { notInteger: true }, `${name}=${value} is ${what}, not an integer`);
  add('empty', 'invalid', `${name}=`, `${name}= (empty)`, type, { notInteger: true }, `an empty ${name} is not an integer`);

  const edge = (which: BoundaryValue['edge']) => edges.find((e) => e.edge === which);
  const [min, max] = [edge('min'), edge('max')];
  // Every query value passes the same decoder: its repeats, encodings and spellings are sent for one
  // integer parameter (the one of the smallest range); its bounds and type, above, for each.
  if (parameter !== nearEncodingParameter(operation)) return cells;
  if (min && max) add('repeated', 'invalid', `${query(String(min.value))}&${query(String(max.value))}`, `${name}=${min.value}&${name}=${max.value}`, parameter.pointer, {}, `${name} is sent twice`);
  for (const which of ['max', 'max+1'] as const) {
    const at = edge(which);
    if (!at) continue;
    const encoded = percentEncodeAll(String(at.value));
    add(`percent-encoded:${which}`, at.valid ? 'valid' : 'invalid', `${name}=${encoded}`, `${name}=${encoded} (${at.value} fully percent-encoded)`, at.pointer, {}, `${at.value} fully percent-encoded ${edgeWhy(at)}`);
  }

  const open = operation.rules.get(OPEN_SPELLING_RULE);
  const typical = Number(schema.default ?? min?.value ?? 1);
  for (const spelling of (open?.cases ?? []).filter((c) => !c.when.class && !c.when.in && !c.when.parameter)) {
    const write = SPELLINGS[spelling.id];
    if (!write) throw new Error(`case ${spelling.id} of ${OPEN_SPELLING_RULE} names no spelling the suite can write (known: ${Object.keys(SPELLINGS).join(', ')})`);
    const [sent, shown] = write(name, typical);
    add(`${OPEN_SPELLING_RULE}:${spelling.id}`, 'open', sent, shown, spelling.pointer, {}, spelling.summary);
  }
  if (!max) return cells;
  const over = Number(edge('max+1')?.value ?? Number(max.value) + 1);
  for (const [cls, write, what] of NEAR_ENCODINGS) {
    const sent = write(name, typical, over);
    add(cls, 'invalid', sent, sent, type, {}, `${sent} is ${what}`);
  }
  // -0 spells 0: where 0 is outside the schema, so is -0.
  if (Number(min?.value ?? 0) > 0) add('negative-zero', 'invalid', `${name}=-0`, `${name}=-0`, min!.pointer, {}, `${name}=-0 is 0, below minimum ${min!.value}`);
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
    const transport = transportOf(selecting.map((s) => s.case));
    if (verdict === 'valid' && !first.case.ownStatuses) return { ...valid(), pointer: first.case.pointer, ruleCase, ...transport };
    const statuses = [...new Set(selecting.filter((s) => verdict !== 'valid' || s.case.ownStatuses).flatMap((s) => s.case.statuses))].sort();
    return { statuses, pointer: first.case.pointer, why: `${why}: ${first.case.summary}`, ruleCase, ...transport };
  }
  if (verdict === 'valid') return valid();
  return { statuses: operation.rule(INVALID_RULE).statuses, pointer, why };
}

interface Decision {
  readonly statuses: readonly string[];
  readonly pointer: string;
  readonly why: string;
  readonly ruleCase?: { readonly rule: string; readonly case: string };
  readonly transport?: TransportAnswer;
}

/** What a layer in front may answer an input several cases decide: each case's statuses are correct (a gateway's order of checks varies). */
export function transportOf(cases: readonly Pick<RuleCase, 'transport'>[]): { transport?: TransportAnswer } {
  const layers = [...new Map(cases.flatMap((c) => (c.transport ? [[c.transport.pointer, c.transport] as const] : []))).values()];
  if (!layers.length) return {};
  const [first] = layers;
  if (layers.length === 1) return { transport: first! };
  return { transport: { statuses: [...new Set(layers.flatMap((l) => l.statuses))].sort(), summary: layers.map((l) => l.summary).join(' '), pointer: first!.pointer } };
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

/** The integer query parameter the near-encodings are sent for: the one of the smallest range (limit). */
function nearEncodingParameter(operation: Operation): Parameter | undefined {
  const range = (p: Parameter) => Number(p.schema.maximum ?? Infinity) - Number(p.schema.minimum ?? -Infinity);
  return operation.parameters.filter((p) => p.in === 'query' && p.schema.type === 'integer').sort((a, b) => range(a) - range(b))[0];
}

/** Every byte as %XX, a legal spelling of any value (RFC 3986 section 2.1); hex digits upper-case unless asked. */
export function percentEncodeAll(text: string, hex: 'upper' | 'lower' = 'upper'): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).map((e) => (hex === 'upper' ? e.toUpperCase() : e)).join('');
}
