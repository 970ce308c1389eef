import { parseArgs } from 'node:util';
import { loadContracts, verifyContract } from '../contract';
import { SpecError } from '../spec/load-spec';
import { DETAIL, HISTORY, pathValues } from './dataset';
import { DEVIATIONS } from './deviations';
import { FAULT_HEADER } from './faults';
import type { RecordedExchange } from '../http/recording';
import { clientEnvironment, pathVariables } from './client-environment';
import { createRecorder, type Recorder } from '../http/recorder';
import { recordingHeader } from './recording-header';
import { scenarioById, SCENARIOS } from './scenarios';
import { FRONTS, frontMissing, startFront, type FrontKind } from './fronts';
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
      'execution-count': { type: 'string' },
      deviation: { type: 'string' },
      variant: { type: 'string', multiple: true },
      scenario: { type: 'string', default: 'none' },
      record: { type: 'string' },
      latency: { type: 'string' },
      'keep-alive-timeout': { type: 'string' },
      behind: { type: 'string' },
      'parse-errors': { type: 'string', default: 'gateway' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const contracts = values.help ? loadContracts() : await verifyContract();
  // The largest page any list allows, as the dataset reads it: its default sizes lie past it.
  const largest = Math.max(...contracts.all.map(({ operation }) => Number(operation.parameter(operation.list.limit).schema.maximum)));
  if (values.help) {
    process.stdout.write(
      [
        'Usage: npm run mock -- [--port 8080] [--host 127.0.0.1] [--seed 1] [--large-count N] [--execution-count N] [--deviation ID] [--variant ID ...] [--scenario NAME] [--record FILE] [--latency MS] [--keep-alive-timeout MS] [--behind nginx|haproxy] [--parse-errors gateway|node]',
        '',
        `Serves ${contracts.all.map(({ operation }) => `${operation.operationId} (${operation.method} ${operation.pathTemplate})`).join(' and ')}`,
        'from one dataset: tasks, their executions, each execution\'s subtasks, the counts of each execution summing up its subtasks.',
        '',
        '  --seed N         another seed gives other ids, counts, values and tokens',
        `  --large-count N  subtasks of the large execution record (default: ${largest + 1}..${largest + 60}, from the seed)`,
        `  --execution-count N  executions of the task (default: ${largest + 1}..${largest + 30}, from the seed; at least 4, the named records)`,
        '  --json           print one JSON line (url, data, test credentials) instead of the text below,',
        '                   and on SIGTERM one more: the requests served and the most held at once',
        '  --latency MS     answer every request MS milliseconds late, as a service across a real network',
        '  --keep-alive-timeout MS  close a keep-alive connection idle this long (default 5000), as a gateway with a short idle timeout',
        '  --record FILE    record every request and answer to FILE, for a client judge: npm run client-check -- --judge FILE',
        `  --behind NAME    serve through ${FRONTS.join(' or ')} with stock settings (installed here), on a port of its own: what a client sees of a correct service behind that gateway`,
        "  --parse-errors node  answer what Node's HTTP parser refuses (an unknown method, a header section too large) as Node's own server does, a bare 400 or 431, as a Node service without a gateway does; `gateway` (the default) answers it as the API gateway, with its JSON error",
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
  const behind = values.behind as FrontKind | undefined;
  if (behind !== undefined && !FRONTS.includes(behind)) throw new UsageError(`--behind "${values.behind}" is unknown; it is one of ${FRONTS.join(', ')}`);
  if (behind !== undefined && frontMissing(behind)) throw new UsageError(`--behind ${behind}: ${frontMissing(behind)}`);
  if (values['parse-errors'] !== 'gateway' && values['parse-errors'] !== 'node') throw new UsageError(`--parse-errors "${values['parse-errors']}" is unknown; it is gateway or node`);
  const scenario = scenarioById(values.scenario);
  if (!scenario) throw new UsageError(`--scenario "${values.scenario}" is unknown; see --help for the list`);
  let recorder: Recorder | undefined;
  const largeCount = number('large-count', values['large-count'], 0, 100_000);
  const executionCount = number('execution-count', values['execution-count'], 0, 100_000);
  const latencyMs = number('latency', values.latency, 0, 30_000);
  // 0 would mean no idle timeout at all to Node.
  const keepAliveTimeoutMs = number('keep-alive-timeout', values['keep-alive-timeout'], 1, 600_000);
  const server = await startMockServer({
    contracts,
    host: values.host,
    port: number('port', values.port, 0, 65535)!,
    seed: number('seed', values.seed, 1, 2 ** 31 - 1)!,
    ...(largeCount === undefined ? {} : { largeCount }),
    ...(executionCount === undefined ? {} : { executionCount }),
    ...(values.deviation ? { deviation: values.deviation } : {}),
    ...(values.variant?.length ? { variants: values.variant } : {}),
    scenario,
    ...(latencyMs ? { latencyMs } : {}),
    ...(keepAliveTimeoutMs === undefined ? {} : { keepAliveTimeoutMs }),
    ...(values.record ? { record: (exchange: RecordedExchange) => recorder?.record(exchange) } : {}),
    parseErrors: values['parse-errors'],
  });
  const front = behind ? await startFront(behind, server.url) : undefined;
  // What clients are pointed at: the gateway in front of the mock, where there is one.
  const url = front?.url ?? server.url;
  if (values.record) recorder = createRecorder(recordingHeader(contracts, server.dataset, url, scenario), values.record);
  const { facts, lists, iamUser } = server.dataset;
  const stop = () =>
    void Promise.all([server.close(), front?.close()]).then(() => {
      if (values.json) process.stdout.write(`${JSON.stringify({ served: server.served, maxInFlight: server.maxInFlight })}\n`);
      recorder?.close();
      process.exit(0);
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url, facts, iamUser })}\n`);
    return;
  }
  const { projectId } = facts;
  const ids = pathValues(facts);
  const urlOf = (operation: (typeof contracts.all)[number]['operation'], ids: Readonly<Record<string, string>>, query = '') =>
    `${url}${operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name] ?? `{${name}}`)}${query}`;
  // Each list the dataset names, by its operation and the path parameter that names it, with its size and its variable.
  const listLines = contracts.all.flatMap(({ operation }) => {
    const { owner } = operation.list;
    const parameter = operation.parameter(owner.parameter);
    const sizes = (project: string, id: string | undefined) => (id === undefined ? undefined : lists.get(project)?.get(operation.operationId)?.get(id)?.length);
    const line = (label: string, id: string | undefined, size: number | undefined, variable: string | undefined) =>
      id === undefined ? [] : [`    ${label.padEnd(26)} ${id}   ${size ?? 0} item${size === 1 ? '' : 's'}${variable ? `   (${variable})` : ''}`];
    return [
      `  ${operation.operationId}, by ${owner.parameter}:`,
      ...line('with items', ids.value[owner.parameter], sizes(projectId, ids.value[owner.parameter]), parameter.variables?.value),
      ...line('empty', ids.empty[owner.parameter], sizes(projectId, ids.empty[owner.parameter]), parameter.variables?.empty),
      ...line('of the other project', ids.otherProject[owner.parameter], sizes(facts.otherProjectId, ids.otherProject[owner.parameter]), parameter.variables?.otherProject),
    ];
  });
  const smallRecord = lists.get(projectId)?.get(DETAIL)?.get(facts.smallExecuteHistoryId)?.length;
  const tasks = lists.get(projectId)?.get(HISTORY)?.get(facts.taskId)?.length;
  const liveVariables = {
    CONTRACT_TARGET: 'live',
    CONTRACT_BASE_URL: url,
    ...pathVariables(facts, ['value', 'empty', 'otherProject']),
    CONTRACT_AUTH_TOKEN: facts.token,
    CONTRACT_FORBIDDEN_TOKEN: facts.forbiddenToken,
    CONTRACT_OTHER_PROJECT_TOKEN: facts.otherProjectToken,
  };
  const pairs = Object.entries(liveVariables).map(([name, value]) => `${name}=${value}`);
  const envLines = Array.from({ length: Math.ceil(pairs.length / 2) }, (_, i) => `  ${pairs.slice(2 * i, 2 * i + 2).join(' ')}${2 * i + 2 < pairs.length ? ' \\' : ' npx playwright test'}`);
  // The list whose items lead to another by a link: given its owner alone, the suite finds the other lists' records.
  const linked = contracts.all.find(({ operation }) => operation.links.size > 0)?.operation;
  const discovery = linked && linked.parameter(linked.list.owner.parameter).variables?.value;
  process.stdout.write(
    [
      `${contracts.all.map((c) => c.operation.operationId).join(' and ')} mock listening on ${server.url}${front ? `, behind ${front.kind} on ${front.url}` : ''}${values.deviation ? `  (broken: ${values.deviation})` : ''}${scenario.id === 'none' ? '' : `  (scenario: ${scenario.id})`}`,
      ...(values.record ? [`Recording every request to ${values.record}; judge it with: npm run client-check -- --judge ${values.record}`] : []),
      '',
      ...contracts.all.map(({ operation }) => `  ${operation.method} ${urlOf(operation, ids.value, `?${operation.list.offset}=0&${operation.list.limit}=10`)}`),
      `  X-Auth-Token: ${facts.token}`,
      '',
      'Test data and credentials (not secrets):',
      `  project id                 ${projectId}`,
      ...listLines,
      `  (the task's ${tasks ?? 0} executions include the execution records above, and a small one: ${facts.smallExecuteHistoryId}, ${smallRecord ?? 0} subtasks)`,
      `  token                      ${facts.token}`,
      `  token without permission   ${facts.forbiddenToken}   (403)`,
      `  other project              ${facts.otherProjectId}`,
      `  other project's token      ${facts.otherProjectToken}`,
      `  AK / SK                    ${facts.ak} / ${facts.sk}`,
      `  IAM user (POST ${url}/v3/auth/tokens)  ${iamUser.name} / ${iamUser.password}, domain ${iamUser.domain}`,
      '',
      `Faults on request: header ${FAULT_HEADER}: 500 | 503 | 429; retry-after=N | latency=MS (combine with ;)`,
      '',
      'As a live target of the suite:',
      ...envLines,
      ...(discovery ? [`  (given only ${discovery} and a token, the suite finds the other records itself)`] : []),
      '',
      ...(values.record
        ? ['For a client (the variables npm run client-check sets):', ...Object.entries(clientEnvironment(url, server.dataset)).map(([name, value]) => `  export ${name}=${value}`), '']
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
