import type { Contract } from '../contract';
import type { DocumentedResponse, Rule, TransportAnswer } from '../spec/operation';
import type { Answer } from './answer';
import type { Exchange, Walk } from '../http/exchange';
import type { Violation } from './violation';

/** What a test expects beyond the contract's general rules: a status, and the rule that demands it. */
export interface Expectation {
  /** The row of the rules matrix this expectation stands for, e.g. `limit-max+1`, `unauthenticated:empty-token`. */
  readonly ruleId: string;
  readonly statuses: readonly string[];
  /** JSON pointer of the rule (a bound, a rule under x-contract-rules). */
  readonly rule: string;
  /** Why, in a few words: `limit=0 is below minimum 1`. */
  readonly why: string;
  /** The input classes the request was built from (src/spec/input-classes.ts), for the report's input coverage. */
  readonly inputs?: readonly JudgedInput[];
  /** What a layer in front of the service may answer the request itself (the case's `transport`). */
  readonly transport?: TransportAnswer;
  /** The response a 2xx answer is judged against instead of the operation's page (the case's `answered-as`). */
  readonly answeredAs?: DocumentedResponse;
}

/** One class of one parameter's values, sent and judged against the statuses the spec allows for it. */
export interface JudgedInput {
  readonly parameter: string;
  readonly class: string;
  readonly expected: readonly string[];
}

export interface CheckContext {
  readonly contract: Contract;
  readonly exchange: Exchange;
  readonly expectation?: Expectation;
  /** Whose answer it is and what it is judged against (answer.ts). */
  readonly answer: Answer;
}

export type Finding = Omit<Violation, 'check' | 'title' | 'exchange'>;

/** A finding of a rule across pages, with the page that shows it. */
export type PageFinding = Finding & { readonly exchange: Exchange };

/**
 * One rule of the contract, with one id (its file name and registry key) and one title, judged where it
 * can be seen: on one exchange, on every page of one walk together, or across the walks of one record.
 * Each returns findings instead of throwing.
 */
export interface Check {
  readonly id: string;
  readonly title: string;
  /**
   * Whether it judges the representation (body, media type, headers) of an answer: not judged of the
   * transport's own refusals, whose representation is the layer's (answer.ts).
   */
  readonly representation?: boolean;
  run?(context: CheckContext): Finding[];
  walk?(context: { readonly contract: Contract; readonly walk: Walk }): PageFinding[];
  walks?(context: { readonly contract: Contract; readonly walks: readonly Walk[] }): PageFinding[];
  /**
   * What is wrong with the fields its rule is stated with (`begin`, `counts` ...), if anything: a rule it
   * cannot judge is a broken spec, refused before a run (checkRuleFields), never a check that cannot fail.
   */
  ruleFields?(rule: Rule): string[];
  /** Across a link of the success response: item `item` of a page of this operation, and the walk of the list the link leads to for it (of operation `target`). */
  linked?(context: { readonly contract: Contract; readonly exchange: Exchange; readonly item: number; readonly target: Contract; readonly walk: Walk }): Finding[];
}

/** A finding of a check as the violation a person reads: the check's id and title, and the exchange that shows it. */
export function violationOf(check: Pick<Check, 'id' | 'title'>, finding: Finding, exchange: Exchange): Violation {
  return { check: check.id, title: check.title, exchange, ...finding };
}
