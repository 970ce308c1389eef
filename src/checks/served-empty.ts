import type { Contract } from '../contract';
import { pageOf } from '../paging/page';
import type { Check, Expectation } from './check';

/**
 * Where the rule under test allows the success status only with an empty list (`served: empty`: a path
 * that names nothing here, such as an unknown task, or another project's), a page that holds items, or
 * a total above 0, breaks it: the list of something the path does not name was served.
 */
export const servedEmpty: Check = {
  id: 'served-empty',
  title: 'Items served for a path that names nothing here',
  run: ({ contract, exchange, expectation }) => {
    if (!expectation || String(exchange.response.status) !== contract.operation.successStatus || !allowsOnlyEmpty(contract, expectation)) return [];
    const page = pageOf(contract, exchange);
    if (!page || (page.items.length === 0 && page.total === 0)) return [];
    return [
      {
        at: `body.${page.list.items}`,
        expected: `${exchange.response.status} only with an empty list (${page.list.total} 0, no ${page.list.items}): ${expectation.why}`,
        actual: `${page.items.length} item${page.items.length === 1 ? '' : 's'}, ${page.list.total} ${page.total}`,
        rule: expectation.rule,
        ruleId: expectation.ruleId,
      },
    ];
  },
};

/** Whether the rule (or case, `rule:case`) an expectation stands for allows the success status only with an empty list. */
function allowsOnlyEmpty({ operation }: Contract, expectation: Expectation): boolean {
  const [ruleId, caseId] = (expectation.ruleId ?? '').split(':');
  const rule = operation.rules.get(ruleId!);
  if (!rule) return false;
  return caseId === undefined ? rule.servedEmpty : (rule.cases.find((c) => c.id === caseId)?.servedEmpty ?? false);
}
