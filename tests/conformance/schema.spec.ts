import { expectOk } from '../../src/checks/expectations';
import { expect, test } from '../fixtures';

test.describe('ListTaskExecuteDetail response schema', { tag: '@schema' }, () => {
  test('a first page conforms to the documented 200 response', { tag: '@smoke' }, async ({ api }) => {
    const page = await api.send();

    expect(page).toConformToSpec(expectOk(api.contract));
  });

  test('every subtask of a full page (limit at its maximum) conforms to ScheduleTaskExecuteDetail', async ({ api }) => {
    const limit = api.contract.operation.parameter('limit').schema.maximum!;

    const page = await api.send({ query: { limit } });

    expect(page).toConformToSpec(expectOk(api.contract));
    expect((page.response.json as { items: unknown[] }).items.length, 'the configured record holds at least one subtask').toBeGreaterThan(0);
  });

  test('an execution record without subtasks answers count 0 and an empty items array', async ({ api }) => {
    const id = api.target.emptyExecuteHistoryId;
    test.skip(!id, 'no record without subtasks is configured (CONTRACT_EMPTY_EXECUTE_HISTORY_ID)');

    const page = await api.send({ path: { execute_history_id: id! } });

    expect(page).toConformToSpec(expectOk(api.contract));
    expect(page.response.json, 'CONTRACT_EMPTY_EXECUTE_HISTORY_ID names a record without subtasks').toMatchObject({ count: 0, items: [] });
  });
});
