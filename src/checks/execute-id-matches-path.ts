import type { Check } from './check';
import { pageOf } from '../paging/page';

/** Every subtask belongs to the execution record named in the path. */
export const executeIdMatchesPath: Check = {
  id: 'execute-id-matches-path',
  title: 'Subtask of another execution record',
  run: ({ contract, exchange }) => {
    const page = pageOf(contract, exchange);
    const expected = exchange.request.pathParams.execute_history_id;
    if (!page || expected === undefined) return [];
    const rule = contract.operation.rule('execute-id-matches-path').pointer;
    const ruleId = 'execute-id-matches-path';
    return page.items.flatMap((item, index) =>
      item.execute_id === undefined || item.execute_id === expected
        ? []
        : [{ at: `body.items[${index}].execute_id`, expected: JSON.stringify(expected), actual: JSON.stringify(item.execute_id), rule, ruleId }],
    );
  },
};
