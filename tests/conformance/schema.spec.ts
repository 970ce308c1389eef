import { expectOk } from '../../src/checks/expectations';
import { RULE_IDS } from '../../src/spec/rule-ids';
import { loadContract } from '../../src/contract';
import { covers, expect, test } from '../fixtures';

const ok = loadContract().operation.successStatus;

test.describe('ListTaskExecuteDetail response schema', { tag: '@schema' }, () => {
  test(covers(`a first page conforms to the documented ${ok} response`, RULE_IDS.status(ok), RULE_IDS.schema(ok)), { tag: '@smoke' }, async ({ api }) => {
    const page = await api.send();

    expect(page).toConformToSpec(expectOk(api.contract));
  });

  test(covers('every subtask of a full page (limit at its maximum) conforms to ScheduleTaskExecuteDetail', RULE_IDS.schema(ok)), async ({ api }) => {
    const limit = api.contract.operation.parameter('limit').schema.maximum!;

    const page = await api.send({ query: { limit } });

    expect(page).toConformToSpec(expectOk(api.contract));
    expect((page.response.json as { items: unknown[] }).items.length, 'the configured record holds at least one subtask').toBeGreaterThan(0);
  });

  test(covers('an execution record without subtasks answers count 0 and an empty items array', RULE_IDS.schema(ok)), async ({ api }) => {
    const id = api.target.emptyExecuteHistoryId;
    test.skip(!id, 'set CONTRACT_EMPTY_EXECUTE_HISTORY_ID (a record without subtasks) to exercise it');

    const page = await api.send({ path: { execute_history_id: id! } });

    expect(page).toConformToSpec(expectOk(api.contract));
    expect(page.response.json, 'CONTRACT_EMPTY_EXECUTE_HISTORY_ID names a record without subtasks').toMatchObject({ count: 0, items: [] });
  });
});
