import type { Contract, Contracts } from '../../contract';
import type { Recording } from '../../http/recording';
import { recordingOf } from '../../http/recorded-requests';
import { SpecError } from '../../spec/load-spec';
import type { Rule } from '../../spec/operation';
import { violationOf } from '../check';
import { registry } from '../registry';
import type { Violation } from '../violation';
import type { ClientCheck, ClientRuleGroup } from './client-check';
import { credentialsAccepted } from './credentials-accepted';
import { noBlindRepeat } from './no-blind-repeat';
import { noUnknownParameter } from './no-unknown-parameter';
import { pagingAdvances } from './paging-advances';
import { pagingStops } from './paging-stops';
import { requestAccepted } from './request-accepted';
import { retriesBounded } from './retries-bounded';
import { retryAfterHonoured } from './retry-after-honoured';

/** Every check of a client, one a rule of x-client-rules, in the order the report lists them. */
export const CLIENT_CHECKS: readonly ClientCheck[] = registry('client check', [
  requestAccepted,
  noUnknownParameter,
  credentialsAccepted,
  pagingAdvances,
  pagingStops,
  retryAfterHonoured,
  retriesBounded,
  noBlindRepeat,
]);

/** A rule of x-client-rules of one operation, judged on one recording. */
export interface ClientRuleVerdict {
  /** The operationId whose x-client-rules state the rule: the same rule ids stand in every operation. */
  readonly operation: string;
  readonly rule: Rule;
  readonly group: ClientRuleGroup;
  readonly title: string;
  /** `warning`: a rule of severity warning was broken; it does not make the verdict. */
  readonly result: 'passed' | 'failed' | 'warning' | 'not-exercised' | 'not-applicable';
  readonly reason?: string;
  /** How often the recording gave the client a chance to break the rule. */
  readonly exercised: number;
  readonly violations: readonly Violation[];
}

/** What the client's requests to one operation show: its rules, each judged; none exercised when the client never called it. */
export interface ClientOperationJudgement {
  readonly contract: Contract;
  /** The client's requests to the operation (IAM's token endpoint aside). */
  readonly requests: number;
  /** Set when the client sent the operation no request: its rules are not exercised, and say why. */
  readonly notCalled?: string;
  readonly verdicts: readonly ClientRuleVerdict[];
}

/**
 * Judges a recording by every operation's x-client-rules, each on the requests the operation's path
 * routes to; a rule without its check, or a check without its rule, is a SpecError. The rules of an
 * operation the client never called are not exercised, and say so (the report leaves them out of its
 * verdict: a client calls what it needs).
 */
export function judgeRecording(contracts: Contracts, recording: Recording): ClientOperationJudgement[] {
  return contracts.all.map((contract) => {
    const { operation } = contract;
    const requests = recordingOf(recording, operation.operationId);
    const verdicts = judgeOperation(contract, requests);
    if (requests.exchanges.length > 0) return { contract, requests: requests.exchanges.length, verdicts };
    const notCalled = `the client sent no request to ${operation.operationId} (${operation.method} ${operation.pathTemplate})`;
    return { contract, requests: 0, notCalled, verdicts: verdicts.map((verdict): ClientRuleVerdict => ({ ...verdict, result: 'not-exercised', reason: notCalled })) };
  });
}

/** Judges one operation's requests (a recording of them alone) by its x-client-rules. */
function judgeOperation(contract: Contract, recording: Recording): ClientRuleVerdict[] {
  const { operation, spec } = contract;
  for (const check of CLIENT_CHECKS) {
    if (!operation.clientRules.has(check.id)) throw new SpecError(`${spec.locate(operation.pointer)}: ${operation.operationId}'s x-client-rules have no rule ${check.id}, which src/checks/client/${check.id}.ts judges`);
  }
  return [...operation.clientRules.values()].map((rule) => {
    const check = CLIENT_CHECKS.find((c) => c.id === rule.id);
    if (!check) throw new SpecError(`${spec.locate(rule.pointer)}: client rule ${rule.id} of ${operation.operationId} has no check in src/checks/client`);
    const judgement = check.run({ contract, recording, rule });
    const violations: Violation[] = judgement.findings.map((finding) => {
      const ruleCase = finding.case === undefined ? undefined : rule.cases.find((c) => c.id === finding.case);
      if (finding.case !== undefined && !ruleCase) throw new SpecError(`${spec.locate(rule.pointer)}: client rule ${rule.id} has no case ${finding.case}`);
      const { case: _case, exchange, ...found } = finding;
      // A case of the rule is named after the rule's one title: `Credentials the service refuses (stale-signature)`.
      return violationOf({ id: check.id, title: ruleCase ? `${check.title} (${ruleCase.id})` : check.title }, { ...found, rule: ruleCase?.pointer ?? rule.pointer, ruleId: rule.id }, exchange);
    });
    const result: ClientRuleVerdict['result'] = violations.length
      ? rule.severity === 'warning' ? 'warning' : 'failed'
      : judgement.exercised > 0 ? 'passed' : judgement.notApplicable ? 'not-applicable' : 'not-exercised';
    const reason = result === 'not-applicable' ? judgement.notApplicable : result === 'not-exercised' ? judgement.unexercised : undefined;
    return { operation: operation.operationId, rule, group: check.group, title: rule.summary, result, ...(reason ? { reason } : {}), exercised: judgement.exercised, violations };
  });
}
