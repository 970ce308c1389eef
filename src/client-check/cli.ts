import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { judgeRecording, type ClientOperationJudgement } from '../checks/client/index';
import { applyEnvFile, ConfigError, loadConfig } from '../config';
import { loadContracts, verifyContract, type Contracts } from '../contract';
import { checkRuleFields } from '../checks/index';
import { RecordingError, type RecordedExchange, type Recording } from '../http/recording';
import { isHarFile, loadRecording, writeHar } from '../requests/har';
import { clientEnvironment } from '../mock/client-environment';
import { NEGATIVE_TEST_HEADER } from '../requests/decide';
import { createRecorder, type Recorder } from '../http/recorder';
import { recordingHeader } from '../mock/recording-header';
import { scenarioById, SCENARIOS } from '../mock/scenarios';
import { startMockServer } from '../mock/server';
import { buildClientReport, writeClientReport, type ClientRun } from '../report/client-report';
import { formatViolations } from '../report/format-violations';
import { concludeProxy, parseUpstream, proxyCredentials, ProxyStartError, startProxySession, userReportsDir } from '../proxy/session';
import { redactText, redactUrl, registerSecret } from '../secrets';
import { SpecError } from '../spec/load-spec';

/** `npm run client-check -- [options] <command> [args...]`: judge a client by what it sends to the embedded mock. */

/** The usage text; the variables of the path parameters are the spec's (x-contract-variables). */
const usage = (pathVariables: string) => `Usage: npm run client-check -- [options] <command> [args...]
       npm run client-check -- --judge <recording>

Starts the embedded mock on a free port, runs <command> with the variables below pointing at it,
records every request the client sends and the answer it gets, and judges the recording by the
client rules of the spec (x-client-rules), each operation's on the requests to its path; an operation
the client never calls is shown as not exercised. Options come before the command: the first word that is
not an option starts it.

  --scenario NAME   what the mock shows the client (default none):
${SCENARIOS.map((s) => `                      ${s.id}: ${s.description}`).join('\n')}
  --record FILE     where the recording goes (default <reports>/client-recording.ndjson; HAR 1.2 when FILE ends in .har)
  --timeout SECONDS stop the command after this long (default 600)
  --seed N          other data for the mock (ids, counts, credentials)
  --judge FILE      judge a recording made elsewhere instead of running a command: npm run mock -- --record FILE,
                    or a HAR 1.2 file (browser devtools, mitmproxy, Charles, Playwright's recordHar)
  --upstream URL    run the command against a live service through the recording proxy instead of the mock,
                    and judge both sides (docs/proxy.md): the command gets the suite's live variables from the
                    environment or .env, CONTRACT_BASE_URL replaced by the proxy's address; the report is
                    <reports>/proxy-conformance.json, .html and .md

The command gets CONTRACT_BASE_URL, the variables of the spec's path parameters (x-contract-variables:
${pathVariables}),
CONTRACT_AUTH_TOKEN, HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK,
HUAWEICLOUD_SDK_PROJECT_ID, HUAWEICLOUD_SDK_IAM_ENDPOINT, HW_USER_NAME, HW_USER_PASSWORD and HW_DOMAIN_NAME.
A request sent invalid on purpose (a negative test) carries the header ${NEGATIVE_TEST_HEADER}: <test name>.

Exit code: 0 the client conforms (or the verdict is incomplete), 1 it broke a rule or its command failed,
2 the check could not run. Reports: <reports>/client-conformance.json and client-conformance.html.
`;

interface Options {
  scenario: string;
  record?: string;
  timeoutSeconds: number;
  seed: number;
  judge?: string;
  upstream?: string;
  command: string[];
}

class UsageError extends Error {}

/** The variables the spec names its operations' path parameters with, a list with items's and an empty one's, in the spec's order. */
function specVariables(): string {
  const names = loadContracts().all.flatMap(({ operation }) => operation.parameters.flatMap((p) => (p.variables ? [p.variables.value, ...(p.variables.empty ? [p.variables.empty] : [])] : [])));
  return [...new Set(names)].join(', ');
}

/** Options up to the first word that is not one; the rest is the client's command, untouched. */
function parseOptions(argv: readonly string[]): Options | 'help' {
  const options: Options = { scenario: 'none', timeoutSeconds: 600, seed: 1, command: [] };
  const whole = (name: string, text: string | undefined, min: number, max: number) => {
    if (text === undefined || !/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`--${name} takes a whole number from ${min} to ${max}, got ${text === undefined ? 'nothing' : `"${text}"`}`);
    return Number(text);
  };
  let index = 0;
  for (; index < argv.length; index += 1) {
    const word = argv[index]!;
    if (word === '--') {
      index += 1;
      break;
    }
    if (!word.startsWith('--')) break;
    const [name, inline] = word.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++index];
    if (name === 'help') return 'help';
    else if (name === 'scenario') options.scenario = value() ?? '';
    else if (name === 'record') options.record = value() ?? '';
    else if (name === 'judge') options.judge = value() ?? '';
    else if (name === 'upstream') options.upstream = value() ?? '';
    else if (name === 'timeout') options.timeoutSeconds = whole('timeout', value(), 1, 86_400);
    else if (name === 'seed') options.seed = whole('seed', value(), 1, 2 ** 31 - 1);
    else throw new UsageError(`unknown option ${word}; see --help`);
  }
  options.command = argv.slice(index);
  if (!scenarioById(options.scenario)) throw new UsageError(`--scenario "${options.scenario}" is unknown; it is one of ${SCENARIOS.map((s) => s.id).join(', ')}`);
  if (options.record === '' || options.judge === '') throw new UsageError('--record and --judge take a file');
  if (options.judge !== undefined && options.command.length > 0) throw new UsageError('--judge judges a recording; it runs no command');
  if (options.upstream !== undefined && (options.judge !== undefined || options.scenario !== 'none' || options.seed !== 1)) throw new UsageError('--upstream runs the command against a live service: --judge, --scenario and --seed are the mock\'s');
  if (options.judge === undefined && options.command.length === 0) throw new UsageError('name the client to run, e.g. npm run client-check -- node my-client.js');
  return options;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(usage(specVariables()));
    return 0;
  }
  applyEnvFile();
  if (options.upstream !== undefined) return throughProxy(options, parseUpstream(options.upstream));
  const reportsDir = path.resolve(process.cwd(), loadConfig().reportsDir);
  const contracts = await verifyContract();
  checkRuleFields(contracts);
  if (options.judge !== undefined) {
    const recording = loadRecording(contracts, options.judge);
    return conclude(contracts, recording, { startedAt: new Date(recording.header.startedAt), durationMs: 0, problems: [] }, reportsDir);
  }

  const scenario = scenarioById(options.scenario)!;
  let recorder: Recorder | undefined;
  const server = await startMockServer({ contracts, seed: options.seed, scenario, record: (exchange) => recorder?.record(exchange) });
  const { facts, iamUser } = server.dataset;
  for (const secret of [facts.token, facts.forbiddenToken, facts.otherProjectToken, facts.ak, facts.sk, iamUser.password]) registerSecret(secret);
  const recordFile = path.resolve(options.record ?? path.join(reportsDir, 'client-recording.ndjson'));
  recorder = createRecorder(recordingHeader(contracts, server.dataset, server.url, scenario), isHarFile(recordFile) ? undefined : recordFile);

  const commandLine = shownCommand(options.command);
  process.stdout.write(`client-check: the mock listens on ${server.url} (scenario ${scenario.id}); running ${commandLine}\n`);
  const startedAt = new Date();
  const ended = await runCommand(options.command, { ...process.env, ...clientEnvironment(server.url, server.dataset) }, options.timeoutSeconds);
  const durationMs = Date.now() - startedAt.getTime();
  await server.close();
  recorder.close();
  if (ended.cannotStart) throw new UsageError(`the command ${options.command[0]} cannot be started: ${ended.cannotStart}`);

  const recording = recorder.recording();
  if (isHarFile(recordFile)) writeHar(recordFile, recording);
  const problems = [
    ...(ended.exitCode === 0 ? [] : [ended.exitCode === null ? `The client's command did not end by itself: ${ended.signal}.` : `The client's command failed: it exited with code ${ended.exitCode}.`]),
    ...(recording.exchanges.length === 0 ? [`The client sent no request to the mock at ${server.url}: does it read CONTRACT_BASE_URL (or its own endpoint setting)?`] : []),
  ];
  const code = conclude(contracts, recording, { command: commandLine, exitCode: ended.exitCode, startedAt, durationMs, problems }, reportsDir);
  process.stdout.write(`The recording is ${path.relative(process.cwd(), recordFile)} (judge it again with --judge).\n`);
  return problems.length > 0 ? 1 : code;
}

/** The command against a live service through the recording proxy; both sides judged into reports/proxy-conformance.*. */
async function throughProxy(options: Options, upstream: URL): Promise<number> {
  const credentials = proxyCredentials(process.env);
  const reportsDir = userReportsDir();
  const contracts = await verifyContract();
  checkRuleFields(contracts);
  const recordFile = path.resolve(options.record ?? path.join(reportsDir, 'proxy-recording.ndjson'));
  const session = await startProxySession(contracts, upstream, credentials, { recordFile, ...(process.env.CONTRACT_PROJECT_ID ? { projectId: process.env.CONTRACT_PROJECT_ID } : {}) });
  const commandLine = shownCommand(options.command);
  process.stdout.write(`client-check: the proxy listens on ${session.url} before ${redactUrl(upstream.href)}; running ${commandLine}\n`);
  const startedAt = new Date();
  const ended = await runCommand(options.command, { ...process.env, CONTRACT_TARGET: 'live', CONTRACT_BASE_URL: session.url }, options.timeoutSeconds);
  const durationMs = Date.now() - startedAt.getTime();
  const recording = await session.stop();
  if (ended.cannotStart) throw new UsageError(`the command ${options.command[0]} cannot be started: ${ended.cannotStart}`);
  const problems = [
    ...(ended.exitCode === 0 ? [] : [ended.exitCode === null ? `The client's command did not end by itself: ${ended.signal}.` : `The client's command failed: it exited with code ${ended.exitCode}.`]),
    ...(recording.exchanges.length === 0 ? [`The client sent no request to the proxy at ${session.url}: does it read CONTRACT_BASE_URL (or its own endpoint setting)?`] : []),
  ];
  const code = concludeProxy(contracts, recording, { upstream: upstream.href, proxyUrl: session.url, command: commandLine, exitCode: ended.exitCode, startedAt, durationMs, problems }, reportsDir);
  process.stdout.write(`The recording is ${path.relative(process.cwd(), recordFile)}.\n`);
  return code;
}

/** The command line as shown: quoted where needed, secrets redacted. */
function shownCommand(command: readonly string[]): string {
  return redactText(command.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' '));
}

/** Judges, writes both reports, prints what was broken (per operation) and one summary line; the exit code of the verdict. */
function conclude(contracts: Contracts, recording: Recording, run: ClientRun, reportsDir: string): number {
  const judgements = judgeRecording(contracts, recording);
  const report = buildClientReport(contracts, recording, judgements, run);
  const written = writeClientReport(report, reportsDir);
  for (const judgement of judgements) printViolations(judgement);
  for (const problem of report.problems) process.stdout.write(`  ${problem}\n`);
  const { summary } = report;
  process.stdout.write(
    `\nClient conformance: ${report.verdict} (${summary.passed} passed, ${summary.failed} failed, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, ${summary.notExercised} not exercised, ${summary.notApplicable} not applicable; ${recording.exchanges.length} requests) — ${path.relative(process.cwd(), written.html)}\n`,
  );
  for (const { contract, requests, notCalled } of judgements) {
    const section = report.operations!.find((o) => o.operation === contract.operation.operationId)!;
    const s = section.summary;
    const counts = `${s.passed} passed, ${s.failed} failed, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.notExercised} not exercised, ${s.notApplicable} not applicable; ${requests} requests`;
    process.stdout.write(`  ${section.operation}: ${notCalled ? `not exercised (${notCalled})` : `${section.verdict} (${counts})`}\n`);
  }
  return report.verdict === 'not-conformant' || report.problems.length > 0 ? 1 : 0;
}

/** How many violations of one rule the console shows; the report lists the first few too, the recording all. */
const SHOWN_PER_RULE = 5;

/** One operation's violations, headed by its operationId and path. */
function printViolations({ contract: { operation, spec }, verdicts }: ClientOperationJudgement): void {
  const violations = verdicts.flatMap((verdict) => verdict.violations.slice(0, SHOWN_PER_RULE));
  if (violations.length === 0) return;
  const more = verdicts.filter((verdict) => verdict.violations.length > SHOWN_PER_RULE);
  const text = formatViolations({
    subject: 'A client of',
    operationId: operation.operationId,
    method: operation.method,
    pathTemplate: operation.pathTemplate,
    locate: (pointer) => spec.locate(pointer),
    violations,
    numberOf: (exchange) => (exchange as RecordedExchange).seq,
  });
  process.stdout.write(`\n${text}\n`);
  for (const verdict of more) process.stdout.write(`(${verdict.violations.length - SHOWN_PER_RULE} more violations of ${verdict.rule.id} of ${operation.operationId} are not shown; the recording has every request)\n`);
}

/** Runs the client's command with the mock's variables, forwarding Ctrl-C; stops it after the timeout. */
function runCommand(command: readonly string[], env: NodeJS.ProcessEnv, timeoutSeconds: number): Promise<{ exitCode: number | null; signal?: string; cannotStart?: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: ['inherit', 'pipe', 'pipe'], env });
    // What the client prints passes through the same redaction as everything the judge writes: an
    // SDK's debug log may print the request's credentials.
    createInterface({ input: child.stdout!, crlfDelay: Infinity }).on('line', (line) => process.stdout.write(`${redactText(line)}\n`));
    createInterface({ input: child.stderr!, crlfDelay: Infinity }).on('line', (line) => process.stderr.write(`${redactText(line)}\n`));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }, timeoutSeconds * 1000);
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const done = (result: { exitCode: number | null; signal?: string; cannotStart?: string }) => {
      clearTimeout(timer);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(result);
    };
    child.once('error', (error: NodeJS.ErrnoException) => done({ exitCode: null, cannotStart: error.code ?? error.message }));
    child.once('exit', (exitCode, signal) =>
      done(timedOut ? { exitCode: null, signal: `stopped after the --timeout of ${timeoutSeconds} s` } : { exitCode, ...(signal ? { signal: `stopped by ${signal}` } : {}) }),
    );
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof ProxyStartError || error instanceof SpecError || error instanceof ConfigError || error instanceof RecordingError;
    process.stderr.write(`\nclient-check cannot run: ${known ? (error as Error).message : String((error as Error).stack ?? error)}\n`);
    process.exit(2);
  },
);
