import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder';
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient';
import { ClientRequestException } from '@huaweicloud/huaweicloud-sdk-core/exception/ClientRequestException';
import { ServerResponseException } from '@huaweicloud/huaweicloud-sdk-core/exception/ServerResponseException';

/**
 * A client of ListTaskExecuteDetail built on Huawei Cloud's official Node.js SDK core, calling the
 * operation as the generated WorkspaceApp client does (ClientBuilder, BasicCredentials and its AK/SK
 * signer, HcClient.sendRequest with the operation's request options, the SDK's exceptions), configured
 * from the environment that `npm run client-check` sets. The first argument picks a behaviour: `correct`,
 * or one way of breaking a client rule; `negative-tests` is a correct client whose own negative tests
 * mark their requests. The project's tests run each under the client judge.
 */

type Page = { count: number; items: { id: string }[] };
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

/** Pages through a record as Huawei's Terraform provider does: offset += items received, until a short page. */
async function walk(client: ScheduleTaskClient, id: string, limit: number, advance = (offset: number, received: number) => offset + received, retry = withRetries): Promise<number> {
  let offset = 0;
  let total = 0;
  for (;;) {
    const current = offset;
    const page = await retry(() => client.listTaskExecuteDetail(id, { offset: current, limit }));
    total += page.items.length;
    if (page.items.length < limit) return total;
    offset = advance(offset, page.items.length);
  }
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
