import type { Exchange } from '../http/exchange';

/** One broken rule, with the evidence a person needs to act on it. */
export interface Violation {
  /** The check that found it, e.g. `response-schema-conformance`; also its file name in src/checks. */
  readonly check: string;
  /** A short fact phrase, e.g. "Response violates schema". */
  readonly title: string;
  /** Where in the response, e.g. `body.items[0].status` or `header X-Request-Id`. */
  readonly at?: string;
  readonly expected: string;
  readonly actual: string;
  /** JSON pointer into the spec of the rule that is broken. */
  readonly rule: string;
  /** The row of the conformance report's rules matrix it counts against (src/report/rules-catalogue.ts). */
  readonly ruleId: string;
  /** The exchange that shows it. */
  readonly exchange: Exchange;
}
