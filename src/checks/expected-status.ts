import type { Contract } from '../contract';
import { pageOf } from '../paging/page';
import type { Check, Expectation, Finding } from './check';

/**
 * The status must be one the rule under test demands (a bound → 400, no token → 401, ...); where that
 * rule allows the success status only with an empty list (`served: empty`: a path that names nothing
 * here, such as an unknown task), a page that holds items, or a total above 0, breaks it too.
 */
export const expectedStatus: Check = {
  id: 'expected-status',
  title: 'Unexpected HTTP status code',
  run: ({ contract, exchange, expectation }) => {
    const { response } = exchange;
    if (!expectation) return [];
    if (!expectation.statuses.includes(String(response.status))) {
      return [{ expected: `${expectation.statuses.join(' or ')} (${expectation.why})`, actual: `${response.status} ${response.statusText}`.trim(), rule: expectation.rule, ruleId: expectation.ruleId }];
    }
    const page = servedEmpty(contract, expectation) ? pageOf(contract, exchange) : undefined;
    if (!page || (page.items.length === 0 && page.total === 0)) return [];
    const finding: Finding = {
      at: `body.${page.list.items}`,
      expected: `${response.status} only with an empty list (${page.list.total} 0, no ${page.list.items}): ${expectation.why}`,
      actual: `${page.items.length} item${page.items.length === 1 ? '' : 's'}, ${page.list.total} ${page.total}`,
      rule: expectation.rule,
      ruleId: expectation.ruleId,
    };
    return [finding];
  },
};

/** Whether the rule (or case, `rule:case`) an expectation stands for allows the success status only with an empty list. */
function servedEmpty({ operation }: Contract, expectation: Expectation): boolean {
  const [ruleId, caseId] = (expectation.ruleId ?? '').split(':');
  const rule = operation.rules.get(ruleId!);
  if (!rule) return false;
  return caseId === undefined ? rule.servedEmpty : (rule.cases.find((c) => c.id === caseId)?.servedEmpty ?? false);
}
