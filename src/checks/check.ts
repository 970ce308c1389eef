import type { Contract } from '../contract';
import type { Exchange } from '../http/exchange';
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
}

export type Finding = Omit<Violation, 'check' | 'title' | 'exchange'>;

/** One rule of the contract, judged on one exchange; it returns findings instead of throwing. */
export interface Check {
  readonly id: string;
  readonly title: string;
  run(context: CheckContext): Finding[];
}
