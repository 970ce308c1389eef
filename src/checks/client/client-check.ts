import type { Contract } from '../../contract';
import type { RecordedExchange, Recording } from '../../http/recording';
import type { Rule } from '../../spec/operation';
import type { Finding } from '../check';

export interface ClientCheckContext {
  readonly contract: Contract;
  readonly recording: Recording;
  /** The rule of x-client-rules this check judges, as the spec writes it. */
  readonly rule: Rule;
}

/**
 * One place where the client broke its rule: a server check's finding, with the request that shows it
 * and the case of the rule it breaks (x-client-rules/<rule>/cases) in place of the rule's pointer and id,
 * which the judge fills in from the spec.
 */
export type ClientFinding = Omit<Finding, 'rule' | 'ruleId'> & {
  readonly case?: string;
  readonly exchange: RecordedExchange;
};

/** What a check saw of its rule in a recording. */
export interface ClientJudgement {
  /** How many times the recording gave the client a chance to break the rule. */
  readonly exercised: number;
  readonly findings: readonly ClientFinding[];
  /** Why the rule was not exercised, when exercised is 0: what the client (or the scenario) would have to do. */
  readonly unexercised?: string;
  /** Set when nothing in this recording could have exercised the rule (e.g. no 429 without a throttling scenario). */
  readonly notApplicable?: string;
}

/** Where a client rule sits in the report's rules matrix. */
export type ClientRuleGroup = 'parameter' | 'auth' | 'paging' | 'retries';

/** One rule of x-client-rules, judged on a whole recording; it returns findings instead of throwing. */
export interface ClientCheck {
  /** The rule's id under x-client-rules, which is also this check's file name. */
  readonly id: string;
  readonly title: string;
  readonly group: ClientRuleGroup;
  run(context: ClientCheckContext): ClientJudgement;
}
