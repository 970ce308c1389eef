import type { Contract } from '../contract';
import type { BoundaryValue } from '../spec/boundaries';
import { appendPointer } from '../spec/json-pointer';
import { RULE_IDS } from './rule-ids';
import type { Expectation } from './check';

/** The status a rule under x-contract-rules demands; `caseId` names one of its cases (e.g. a way to fail authentication). */
export function expectRule(contract: Contract, ruleId: string, caseId?: string): Expectation {
  const rule = contract.operation.rule(ruleId);
  const named = caseId === undefined ? undefined : rule.cases.find((c) => c.id === caseId);
  if (caseId !== undefined && !named) throw new Error(`rule ${ruleId} has no case ${caseId} in the spec`);
  return {
    ruleId: named ? RULE_IDS.ruleCase(ruleId, named.id) : ruleId,
    statuses: rule.statuses,
    rule: named?.pointer ?? rule.pointer,
    why: named ? `${named.summary.replace(/\.$/, '')}: ${rule.summary}` : rule.summary,
  };
}

/** A value inside the bounds is served; one outside is answered as the invalid-parameter rule says. */
export function expectBoundary(contract: Contract, boundary: BoundaryValue): Expectation {
  const isLength = typeof boundary.value === 'string';
  const shown = isLength ? `a ${boundary.parameter} of ${String(boundary.value).length} characters` : `${boundary.parameter}=${boundary.value}`;
  const keyword = boundary.pointer.split('/').pop()!;
  const size = isLength ? String(boundary.value).length : Number(boundary.value);
  const ruleId = RULE_IDS.boundary(boundary);
  if (boundary.valid) {
    return { ruleId, statuses: [contract.operation.successStatus], rule: boundary.pointer, why: `${shown} is the ${keyword} allowed` };
  }
  const bound = boundary.edge === 'min-1' ? size + 1 : size - 1;
  return {
    ruleId,
    statuses: contract.operation.rule('invalid-parameter').statuses,
    rule: boundary.pointer,
    why: `${shown} is ${boundary.edge === 'min-1' ? 'below' : 'above'} ${keyword} ${bound}`,
  };
}

/** A value of the wrong type for an integer parameter (a fraction, a word, an empty value). */
export function expectNotInteger(contract: Contract, parameter: string, what: string): Expectation {
  const invalid = contract.operation.rule('invalid-parameter');
  const type = appendPointer(contract.operation.parameter(parameter).schemaPointer, 'type');
  return { ruleId: RULE_IDS.notInteger(parameter), statuses: invalid.statuses, rule: type, why: what };
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
