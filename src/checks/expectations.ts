import type { Contract } from '../contract';
import type { BoundaryValue } from '../spec/boundaries';
import type { Expectation } from './check';

/** The status a rule under x-contract-rules demands. */
export function expectRule(contract: Contract, ruleId: string): Expectation {
  const rule = contract.operation.rule(ruleId);
  return { statuses: rule.statuses, rule: rule.pointer, why: rule.summary };
}

/** A value inside the bounds is served; one outside is answered as the invalid-parameter rule says. */
export function expectBoundary(contract: Contract, boundary: BoundaryValue): Expectation {
  const isLength = typeof boundary.value === 'string';
  const shown = isLength ? `a ${boundary.parameter} of ${String(boundary.value).length} characters` : `${boundary.parameter}=${boundary.value}`;
  const keyword = boundary.pointer.split('/').pop()!;
  const size = isLength ? String(boundary.value).length : Number(boundary.value);
  if (boundary.valid) {
    return { statuses: [contract.operation.successStatus], rule: boundary.pointer, why: `${shown} is the ${keyword} allowed` };
  }
  const bound = boundary.edge === 'min-1' ? size + 1 : size - 1;
  return {
    statuses: contract.operation.rule('invalid-parameter').statuses,
    rule: boundary.pointer,
    why: `${shown} is ${boundary.edge === 'min-1' ? 'below' : 'above'} ${keyword} ${bound}`,
  };
}

/** A value the spec's schema rejects for another reason than a bound (a type, an empty value). */
export function expectInvalid(contract: Contract, what: string): Expectation {
  const invalid = contract.operation.rule('invalid-parameter');
  return { statuses: invalid.statuses, rule: invalid.pointer, why: what };
}

/** The success status, because of a rule (a default, an empty page). */
export function expectSuccess(contract: Contract, ruleId: string): Expectation {
  const rule = contract.operation.rule(ruleId);
  return { statuses: [contract.operation.successStatus], rule: rule.pointer, why: rule.summary };
}

/** A valid request by an authorised user is served with the documented success response. */
export function expectOk(contract: Contract): Expectation {
  const { successStatus, responses } = contract.operation;
  return { statuses: [successStatus], rule: responses.get(successStatus)!.pointer, why: 'a valid request by an authorised user is served' };
}
