/**
 * A client of ListTaskExecuteDetail that sends a token (X-Auth-Token) with plain fetch, configured from
 * the environment npm run client-check sets. It pages the way Huawei's generated SDKs do: offset +=
 * the items received, until it has received count items or a short page, so a record whose size is a
 * multiple of the page size ends on a full page and no request goes past it.
 */

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this client under npm run client-check`);
  return value;
};

async function page(id: string, offset: number, limit: number): Promise<{ count: number; items: unknown[] }> {
  const url = `${env('CONTRACT_BASE_URL')}/v1/${env('CONTRACT_PROJECT_ID')}/schedule-task/${id}/execute-detail?offset=${offset}&limit=${limit}`;
  const answer = await fetch(url, { headers: { 'X-Auth-Token': env('CONTRACT_AUTH_TOKEN'), Accept: 'application/json' } });
  if (answer.status !== 200) throw new Error(`${answer.status} ${await answer.text()}`);
  return (await answer.json()) as { count: number; items: unknown[] };
}

async function main(): Promise<void> {
  const limit = Number(process.argv[2] ?? 100);
  let received = 0;
  for (let offset = 0; ; ) {
    const { count, items } = await page(env('CONTRACT_EXECUTE_HISTORY_ID'), offset, limit);
    received += items.length;
    offset += items.length;
    if (received >= count || items.length < limit) break;
  }
  console.log(`token-client: ${received} subtasks read`);
}

main().catch((error: unknown) => {
  console.error(`token-client: ${String(error)}`);
  process.exit(1);
});
