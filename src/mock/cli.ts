import { parseArgs } from 'node:util';
import { verifyContract } from '../contract';
import { SpecError } from '../spec/load-spec';
import { DETAIL, HISTORY } from './dataset';
import { DEVIATIONS } from './deviations';
import { FAULT_HEADER } from './faults';
import type { RecordedExchange } from '../http/recording';
import { clientEnvironment } from './client-environment';
import { createRecorder, type Recorder } from '../http/recorder';
import { recordingHeader } from './recording-header';
import { scenarioById, SCENARIOS } from './scenarios';
import { startMockServer } from './server';
import { VARIANTS } from './variants';

/** `npm run mock`: the embedded mock on its own, for SDK teams and for live-mode runs of the suite. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8080' },
      seed: { type: 'string', default: '1' },
      'large-count': { type: 'string' },
      deviation: { type: 'string' },
      variant: { type: 'string', multiple: true },
      scenario: { type: 'string', default: 'none' },
      record: { type: 'string' },
      latency: { type: 'string' },
      'keep-alive-timeout': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      [
        'Usage: npm run mock -- [--port 8080] [--host 127.0.0.1] [--seed 1] [--large-count N] [--deviation ID] [--variant ID ...] [--scenario NAME] [--record FILE] [--latency MS] [--keep-alive-timeout MS]',
        '',
        '  --seed N         another seed gives other ids, counts, values and tokens',
        '  --large-count N  subtasks of the large execution record (default: 101..160, from the seed)',
        '  --json           print one JSON line (url, data, test credentials) instead of the text below,',
        '                   and on SIGTERM one more: the requests served and the most held at once',
        '  --latency MS     answer every request MS milliseconds late, as a service across a real network',
        '  --keep-alive-timeout MS  close a keep-alive connection idle this long (default 5000), as a gateway with a short idle timeout',
        '  --record FILE    record every request and answer to FILE, for a client judge: npm run client-check -- --judge FILE',
        '  --scenario NAME  show a client a documented behaviour, one of:',
        ...SCENARIOS.map((scenario) => `                     ${scenario.id}: ${scenario.description}`),
        '  --variant ID     behave in another way the spec allows (repeatable), one of:',
        ...VARIANTS.map((v) => `                     ${v.id}: ${v.description}`),
        '  --deviation ID   start deliberately broken, one of:',
        ...DEVIATIONS.map((d) => `                     ${d.id}: ${d.description}`),
        '',
      ].join('\n'),
    );
    return;
  }
  const number = (name: string, text: string | undefined, min: number, max: number): number | undefined => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
    return Number(text);
  };
  if (values.deviation && !DEVIATIONS.some((d) => d.id === values.deviation)) {
    throw new UsageError(`--deviation "${values.deviation}" is unknown; see --help for the list`);
  }
  const unknownVariant = (values.variant ?? []).find((id) => !VARIANTS.some((v) => v.id === id));
  if (unknownVariant) throw new UsageError(`--variant "${unknownVariant}" is unknown; see --help for the list`);
  const scenario = scenarioById(values.scenario);
  if (!scenario) throw new UsageError(`--scenario "${values.scenario}" is unknown; see --help for the list`);
  const contracts = await verifyContract();
  let recorder: Recorder | undefined;
  const largeCount = number('large-count', values['large-count'], 0, 100_000);
  const latencyMs = number('latency', values.latency, 0, 30_000);
  // 0 would mean no idle timeout at all to Node.
  const keepAliveTimeoutMs = number('keep-alive-timeout', values['keep-alive-timeout'], 1, 600_000);
  const server = await startMockServer({
    contracts,
    host: values.host,
    port: number('port', values.port, 0, 65535)!,
    seed: number('seed', values.seed, 1, 2 ** 31 - 1)!,
    ...(largeCount === undefined ? {} : { largeCount }),
    ...(values.deviation ? { deviation: values.deviation } : {}),
    ...(values.variant?.length ? { variants: values.variant } : {}),
    scenario,
    ...(latencyMs ? { latencyMs } : {}),
    ...(keepAliveTimeoutMs === undefined ? {} : { keepAliveTimeoutMs }),
    ...(values.record ? { record: (exchange: RecordedExchange) => recorder?.record(exchange) } : {}),
  });
  if (values.record) recorder = createRecorder(recordingHeader(contracts, server.dataset, server.url, scenario), values.record);
  const { facts, lists, iamUser } = server.dataset;
  const stop = () =>
    void server.close().then(() => {
      if (values.json) process.stdout.write(`${JSON.stringify({ served: server.served, maxInFlight: server.maxInFlight })}\n`);
      recorder?.close();
      process.exit(0);
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: server.url, facts, iamUser })}\n`);
    return;
  }
  const named = (id: string) => ({ [facts.executeHistoryId]: '(CONTRACT_EXECUTE_HISTORY_ID)', [facts.emptyExecuteHistoryId]: '(CONTRACT_EMPTY_EXECUTE_HISTORY_ID)', [facts.smallExecuteHistoryId]: '(a small one)' })[id] ?? '';
  const executions = lists.get(facts.projectId)!.get(HISTORY)!.get(facts.taskId)!;
  const detail = lists.get(facts.projectId)!.get(DETAIL)!;
  const counts = executions.filter((e) => named(String(e.id))).map((e) => `    ${String(e.id)}  ${detail.get(String(e.id))!.length} subtasks ${named(String(e.id))}`);
  process.stdout.write(
    [
      `${contracts.all.map((c) => c.operation.operationId).join(' and ')} mock listening on ${server.url}${values.deviation ? `  (broken: ${values.deviation})` : ''}${scenario.id === 'none' ? '' : `  (scenario: ${scenario.id})`}`,
      ...(values.record ? [`Recording every request to ${values.record}; judge it with: npm run client-check -- --judge ${values.record}`] : []),
      '',
      `  GET ${server.url}/v1/${facts.projectId}/schedule-task/${facts.taskId}/execute-history?offset=0&limit=10`,
      `  GET ${server.url}/v1/${facts.projectId}/schedule-task/${facts.executeHistoryId}/execute-detail?offset=0&limit=10`,
      `  X-Auth-Token: ${facts.token}`,
      '',
      'Test credentials and data (not secrets):',
      `  project id                 ${facts.projectId}`,
      `  task                       ${facts.taskId}   (${executions.length} executions; CONTRACT_TASK_ID)`,
      `  task that has not run      ${facts.emptyTaskId}   (CONTRACT_EMPTY_TASK_ID)`,
      '  execution records of the task, among others:',
      ...counts,
      `  token                      ${facts.token}`,
      `  token without permission   ${facts.forbiddenToken}   (403)`,
      `  other project              ${facts.otherProjectId}`,
      `  other project's token      ${facts.otherProjectToken}`,
      `  AK / SK                    ${facts.ak} / ${facts.sk}`,
      `  IAM user (POST ${server.url}/v3/auth/tokens)  ${iamUser.name} / ${iamUser.password}, domain ${iamUser.domain}`,
      '',
      `Faults on request: header ${FAULT_HEADER}: 500 | 503 | 429; retry-after=N | latency=MS (combine with ;)`,
      '',
      'As a live target of the suite:',
      `  CONTRACT_TARGET=live CONTRACT_BASE_URL=${server.url} CONTRACT_PROJECT_ID=${facts.projectId} \\`,
      `  CONTRACT_TASK_ID=${facts.taskId} CONTRACT_EMPTY_TASK_ID=${facts.emptyTaskId} \\`,
      `  CONTRACT_EXECUTE_HISTORY_ID=${facts.executeHistoryId} CONTRACT_EMPTY_EXECUTE_HISTORY_ID=${facts.emptyExecuteHistoryId} \\`,
      `  CONTRACT_AUTH_TOKEN=${facts.token} CONTRACT_FORBIDDEN_TOKEN=${facts.forbiddenToken} \\`,
      `  CONTRACT_OTHER_PROJECT_ID=${facts.otherProjectId} CONTRACT_OTHER_PROJECT_TOKEN=${facts.otherProjectToken} \\`,
      `  CONTRACT_OTHER_PROJECT_EXECUTE_HISTORY_ID=${facts.otherProjectExecuteHistoryId} CONTRACT_OTHER_PROJECT_TASK_ID=${facts.otherProjectTaskId} npx playwright test`,
      '  (given only CONTRACT_TASK_ID and a token, the suite finds the execution records itself)',
      '',
      ...(values.record
        ? ['For a client (the variables npm run client-check sets):', ...Object.entries(clientEnvironment(server.url, server.dataset)).map(([name, value]) => `  export ${name}=${value}`), '']
        : []),
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof SpecError || (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  process.stderr.write(`mock: ${known ? (error as Error).message : String((error as Error).stack ?? error)}\n`);
  process.exit(2);
});
