import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder';
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient';
import { ClientRequestException } from '@huaweicloud/huaweicloud-sdk-core/exception/ClientRequestException';
import { ServerResponseException } from '@huaweicloud/huaweicloud-sdk-core/exception/ServerResponseException';

/**
 * A client of ListTaskExecuteDetail and ListTaskExecuteHistory built on Huawei Cloud's official Node.js
 * SDK core, calling the operations as the generated WorkspaceApp client does (ClientBuilder,
 * BasicCredentials and its AK/SK signer, HcClient.sendRequest with the operation's request options, the
 * SDK's exceptions), configured from the environment that `npm run client-check` sets. The first
 * argument picks a behaviour: `correct` (one execution's subtasks), `task` (a task's executions, then
 * the subtasks of one of them, as a client given only CONTRACT_TASK_ID does), or one way of breaking a
 * client rule; `negative-tests` is a correct client whose own negative tests mark their requests. The
 * project's tests run each under the client judge.
 */

type Page = { count: number; items: { id: string }[] };
type Execution = { id: string; total_count: number };
type ExecutionPage = { count: number; items: Execution[] };
type Query = { offset?: number; limit?: number };

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this client under npm run client-check`);
  return value;
};

/** The WorkspaceApp client's listTaskExecuteDetail: its request options, with offset and limit only when set. */
class ScheduleTaskClient {
  constructor(readonly hcClient: HcClient) {}

  listTaskExecuteDetail(executeHistoryId: string, { offset, limit }: Query, headers: Record<string, string> = {}): Promise<Page> {
    const queryParams: Record<string, number> = {};
    if (offset !== undefined) queryParams.offset = offset;
    if (limit !== undefined) queryParams.limit = limit;
    return this.hcClient.sendRequest({
      method: 'GET',
      url: '/v1/{project_id}/schedule-task/{execute_history_id}/execute-detail',
      contentType: 'application/json',
      queryParams,
      pathParams: { execute_history_id: executeHistoryId },
      headers,
    }) as unknown as Promise<Page>;
  }

  /** The WorkspaceApp client's listTaskExecuteHistory: the executions of a task, a page at a time. */
  listTaskExecuteHistory(taskId: string, { offset, limit }: Query): Promise<ExecutionPage> {
    const queryParams: Record<string, number> = {};
    if (offset !== undefined) queryParams.offset = offset;
    if (limit !== undefined) queryParams.limit = limit;
    return this.hcClient.sendRequest({
      method: 'GET',
      url: '/v1/{project_id}/schedule-task/{task_id}/execute-history',
      contentType: 'application/json',
      queryParams,
      pathParams: { task_id: taskId },
      headers: {},
    }) as unknown as Promise<ExecutionPage>;
  }
}

function buildClient(): ScheduleTaskClient {
  const credentials = new BasicCredentials().withAk(env('HUAWEICLOUD_SDK_AK')).withSk(env('HUAWEICLOUD_SDK_SK')).withProjectId(env('CONTRACT_PROJECT_ID'));
  return new ClientBuilder((hcClient) => new ScheduleTaskClient(hcClient)).withCredential(credentials).withEndpoint(env('CONTRACT_BASE_URL')).build();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries 429 and 503 as the documented behaviour asks: the SDK's exceptions carry no Retry-After, so
 * the wait starts at one second (the Retry-After the gateway sends) and doubles, at most 5 retries.
 */
async function withRetries<T>(call: () => Promise<T>, waitMs: (attempt: number) => number = (attempt) => 1000 * 2 ** (attempt - 1), maxRetries = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const status = (error as ClientRequestException | ServerResponseException).httpStatusCode;
      if ((status !== 429 && status !== 503) || attempt > maxRetries) throw error;
      await sleep(waitMs(attempt));
    }
  }
}

type Advance = (offset: number, received: number) => number;

/** Pages through a list as Huawei's Terraform provider does: offset += items received, until a short page; every item received. */
async function walkList<T>(list: (query: Query) => Promise<{ items: T[] }>, limit: number, advance: Advance = (offset, received) => offset + received, retry = withRetries): Promise<T[]> {
  let offset = 0;
  const items: T[] = [];
  for (;;) {
    const current = offset;
    const page = await retry(() => list({ offset: current, limit }));
    items.push(...page.items);
    if (page.items.length < limit) return items;
    offset = advance(offset, page.items.length);
  }
}

/** The subtasks of one execution, walked; how many were received. */
async function walk(client: ScheduleTaskClient, id: string, limit: number, advance?: Advance, retry = withRetries): Promise<number> {
  return (await walkList((query) => client.listTaskExecuteDetail(id, query), limit, advance, retry)).length;
}

/**
 * A task's executions (CONTRACT_TASK_ID), walked, then the subtasks of the first execution that has
 * any: the counts the execution reports must be what its subtasks add up to.
 */
async function walkTask(client: ScheduleTaskClient, advance?: Advance): Promise<void> {
  const executions = await walkList((query) => client.listTaskExecuteHistory(env('CONTRACT_TASK_ID'), query), 100, advance);
  const picked = executions.find((execution) => execution.total_count > 0);
  if (!picked) throw new Error(`none of the ${executions.length} executions of the task has subtasks`);
  const subtasks = await walk(client, picked.id, 100);
  if (subtasks !== picked.total_count) throw new Error(`read ${subtasks} subtasks of execution ${picked.id}, whose total_count is ${picked.total_count}`);
  console.log(`sdk-client: ${executions.length} executions read, ${subtasks} subtasks of one of them`);
}

/** Whatever the SDK throws, told the way a caller of the SDK reads it. */
function describe(error: unknown): string {
  const e = error as Partial<ClientRequestException>;
  return e.httpStatusCode ? `${e.httpStatusCode} ${e.errorCode ?? ''} ${e.errorMsg ?? ''}`.trim() : String(error);
}

const behaviours: Record<string, (client: ScheduleTaskClient) => Promise<void>> = {
  async correct(client) {
    const first = await withRetries(() => client.listTaskExecuteDetail(env('CONTRACT_EXECUTE_HISTORY_ID'), {}));
    const all = await walk(client, env('CONTRACT_EXECUTE_HISTORY_ID'), 100);
    const empty = await withRetries(() => client.listTaskExecuteDetail(env('CONTRACT_EMPTY_EXECUTE_HISTORY_ID'), { limit: 100 }));
    if (all !== first.count || empty.count !== 0) throw new Error(`read ${all} of ${first.count} subtasks, and ${empty.count} of the empty record`);
    console.log(`sdk-client: ${all} subtasks read`);
  },
  task: (client) => walkTask(client),
  // Skips the second page of the task's executions: offset goes on by twice the items received.
  'task-skipping-walk': (client) => walkTask(client, (offset, received) => offset + 2 * received),
  async 'negative-tests'(client) {
    await behaviours.correct!(client);
    // The client's own negative test: a page size the service refuses, marked as sent on purpose.
    await client.listTaskExecuteDetail(env('CONTRACT_EXECUTE_HISTORY_ID'), { limit: 500 }, { 'X-Contract-Negative-Test': 'rejects a page size of 500' }).then(
      () => { throw new Error('a page size of 500 was served'); },
      (error: unknown) => console.log(`sdk-client: refused as expected: ${describe(error)}`),
    );
  },
  async 'page-size-500'(client) {
    await client.listTaskExecuteDetail(env('CONTRACT_EXECUTE_HISTORY_ID'), { limit: 500 }).catch((error: unknown) => console.log(`sdk-client: ${describe(error)}`));
  },
  async 'stale-signature'(client) {
    // A client whose clock is 20 minutes behind: the SDK signs with the X-Sdk-Date it is given.
    const skewed = new Date(Date.now() - 20 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
    await client.listTaskExecuteDetail(env('CONTRACT_EXECUTE_HISTORY_ID'), { limit: 10 }, { 'X-Sdk-Date': skewed }).catch((error: unknown) => console.log(`sdk-client: ${describe(error)}`));
  },
  async 'skipping-walk'(client) {
    const read = await walk(client, env('CONTRACT_EXECUTE_HISTORY_ID'), 100, (offset, received) => offset + received + 10);
    console.log(`sdk-client: ${read} subtasks read`);
  },
  async 'retries-400-unchanged'(client) {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      try {
        await client.listTaskExecuteDetail(env('CONTRACT_EXECUTE_HISTORY_ID'), { offset: -1, limit: 10 });
        return;
      } catch (error) {
        console.log(`sdk-client: try ${attempt}: ${describe(error)}`);
      }
    }
  },
  async 'no-credentials'(client) {
    client.hcClient.withCredential(undefined);
    await client.listTaskExecuteDetail(env('CONTRACT_EXECUTE_HISTORY_ID'), { limit: 10 }).catch((error: unknown) => console.log(`sdk-client: ${describe(error)}`));
  },
  async 'ignores-retry-after'(client) {
    const read = await walk(client, env('CONTRACT_EXECUTE_HISTORY_ID'), 10, undefined, (call) => withRetries(call, () => 50));
    console.log(`sdk-client: ${read} subtasks read`);
  },
  async 'retries-forever'(client) {
    // Waits as told, but gives up only when the judge's --timeout stops it.
    await walk(client, env('CONTRACT_EXECUTE_HISTORY_ID'), 10, undefined, (call) => withRetries(call, () => 1000, 1_000));
  },
};

const name = process.argv[2] ?? 'correct';
const behaviour = behaviours[name];
if (!behaviour) {
  console.error(`sdk-client: unknown behaviour ${name}; one of ${Object.keys(behaviours).join(', ')}`);
  process.exit(2);
}
behaviour(buildClient()).catch((error: unknown) => {
  console.error(`sdk-client: ${describe(error)}`);
  process.exit(1);
});
