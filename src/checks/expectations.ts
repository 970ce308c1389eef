import type { Contract } from '../contract';
import { METHOD_REGISTRY } from '../families/http-methods';
import type { InputCell } from '../spec/input-classes';
import { RULE_IDS } from '../spec/rule-ids';
import type { Expectation } from './check';

/** The status a rule under x-contract-rules demands; `caseId` names one of its cases (e.g. a way to fail authentication). */
export function expectRule(contract: Contract, ruleId: string, caseId?: string): Expectation {
  const rule = contract.operation.rule(ruleId);
  const named = caseId === undefined ? undefined : rule.cases.find((c) => c.id === caseId);
  if (caseId !== undefined && !named) throw new Error(`rule ${ruleId} has no case ${caseId} in the spec`);
  return {
    ruleId: named ? RULE_IDS.ruleCase(ruleId, named.id) : ruleId,
    statuses: named?.statuses ?? rule.statuses,
    rule: named?.pointer ?? rule.pointer,
    why: named ? `${named.summary.replace(/\.$/, '')}: ${rule.summary}` : rule.summary,
    ...(named?.transport ? { transport: named.transport } : {}),
    ...(named?.answeredAs ? { answeredAs: named.answeredAs } : {}),
  };
}

/** The success status, because of a rule (a default, an empty page). */
export function expectSuccess(contract: Contract, ruleId: string): Expectation {
  const rule = contract.operation.rule(ruleId);
  return { ruleId, statuses: [contract.operation.successStatus], rule: rule.pointer, why: rule.summary };
}

/** A documented status, answered with its documented response. */
export function expectStatus(contract: Contract, status: string, why: string): Expectation {
  const response = contract.operation.responses.get(status);
  if (!response) throw new Error(`status ${status} is not documented`);
  return { ruleId: RULE_IDS.status(status), statuses: [status], rule: response.pointer, why };
}

/** A valid request by an authorised user is served with the documented success response. */
export function expectOk(contract: Contract): Expectation {
  return expectStatus(contract, contract.operation.successStatus, 'a valid request by an authorised user is served');
}

/** A cell of the input matrix is answered with one of the statuses the spec allows for its class. */
export function expectInput(cell: InputCell): Expectation {
  return {
    ruleId: RULE_IDS.inputCell(cell)[0]!,
    statuses: cell.statuses,
    rule: cell.pointer,
    why: cell.why,
    inputs: [{ parameter: cell.parameter, class: cell.class, expected: cell.statuses }],
    ...(cell.transport ? { transport: cell.transport } : {}),
    ...(cell.answeredAs ? { answeredAs: cell.answeredAs } : {}),
  };
}

/** The rule of a method the operation does not document, by its kind (method-not-allowed's cases); none for the operation's own method or where the rule is absent. */
export function methodExpectation(contract: Contract, method: string): Expectation | undefined {
  const { operation } = contract;
  const rule = operation.rules.get('method-not-allowed');
  if (!rule || method === operation.method) return undefined;
  const kind = METHOD_REGISTRY[method] ?? 'extension';
  return rule.cases.some((c) => c.id === kind) ? expectRule(contract, rule.id, kind) : expectRule(contract, rule.id);
}
