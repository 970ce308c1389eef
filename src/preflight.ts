import path from 'node:path';
import { applyEnvFile, ConfigError, issuedTokenVariable, loadConfig, type Config, type NamedLiveTarget } from './config';
import { loadContracts, verifyContract, type Contract, type Contracts } from './contract';
import { discoverIds } from './discovery';
import { checkRuleFields } from './checks/index';
import { authenticationHeaders } from './auth/authenticate';
import { fetchAgain } from './http/fetch-again';
import { buildUrl, send, TransportError } from './http/send';
import { exchangeBounds } from './http/response-bounds';
import type { ReceivedResponse } from './http/exchange';
import type { SignableRequest } from './http/exchange';
import { FOUND_IDS_VARIABLE, liveTarget, STOPPED_TARGETS_VARIABLE, type FoundIds, type Target } from './target';
import { targetFacts } from './report/evidence';
import { fetchIamToken } from './auth/iam-password';
import { redactText, redactUrl, registerSecret } from './secrets';
import { ruleIdsByOperation } from './report/rules-catalogue';
import { loadWaivers } from './report/waivers';
import { loadBaseline } from './report/baseline';
import { SpecError } from './spec/load-spec';

/**
 * Problems found before the first test (a broken spec, a bad configuration, an unreachable target)
 * end the run with one message and exit code 2: no stack trace, no wall of failing tests.
 */
export function stopRun(message: string): never {
  process.stderr.write(`\nThe contract suite cannot start.\n${redactText(message)}\n\n`);
  process.exit(2);
}

function stopOnKnownError(error: unknown): never {
  if (error instanceof ConfigError || error instanceof SpecError) stopRun(error.message);
  throw error;
}

/**
 * What playwright.config.ts needs synchronously: the configuration and the spec, or a clean stop. A
 * test worker reads the configuration file too; the runner has checked all of it by then, so a worker
 * takes the configuration alone.
 */
export function preflight(): { config: Config } {
  if (process.env.TEST_WORKER_INDEX !== undefined) return { config: loadConfig() };
  let loaded: { config: Config; contracts: Contracts };
  try {
    applyEnvFile();
    loaded = { config: loadConfig(), contracts: loadContracts() };
  } catch (error) {
    return stopOnKnownError(error);
  }
  const unknownMock = mockProblems(loaded.config);
  if (unknownMock.length) stopRun(`The suite's configuration (environment variables and .env) has ${unknownMock.length} problem${unknownMock.length === 1 ? '' : 's'}:\n${unknownMock.map((p) => `  - ${p}`).join('\n')}`);
  const { problems } = loadWaivers(loaded.config.waiverFiles, ruleIdsByOperation(loaded.contracts.all));
  if (problems.length) stopRun(`The waivers have ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const baseline = loaded.config.baseline ? loadBaseline(loaded.config.baseline) : {};
  if (baseline.problem) stopRun(baseline.problem);
  return loaded;
}

/** A deviation or variant of the mock the configuration names that the mock does not have. */
function mockProblems({ mock }: Config): string[] {
  const { DEVIATIONS } = require('./mock/deviations') as typeof import('./mock/deviations');
  const { VARIANTS } = require('./mock/variants') as typeof import('./mock/variants');
  return [
    ...(mock.deviation && !DEVIATIONS.some((d) => d.id === mock.deviation) ? [`CONTRACT_MOCK_DEVIATION names an unknown deviation "${mock.deviation}" (npm run mock -- --help lists them)`] : []),
    ...(mock.variants ?? []).filter((id) => !VARIANTS.some((v) => v.id === id)).map((id) => `CONTRACT_MOCK_VARIANTS names an unknown variant "${id}" (known: ${VARIANTS.map((v) => v.id).join(', ')})`),
  ];
}

/**
 * Once per run, before any test: the full OpenAPI validation of the spec; on each live target, that it
 * answers, the IAM token, and one valid request answered with JSON. A single target that fails this
 * stops the run (a report still says why nothing was exercised); of several targets, one that fails
 * stops only its own column, with one message, and the others run.
 */
export async function preflightRun(config: Config): Promise<void> {
  const startedAt = new Date();
  let contracts: Contracts;
  try {
    contracts = await verifyContract();
    checkRuleFields(contracts);
  } catch (error) {
    return stopOnKnownError(error);
  }
  const targets = config.targets ?? [];
  if (config.target !== 'live' || targets.length === 0) return;
  const found: Record<string, FoundIds> = {};
  const problems = await Promise.all(targets.map((target) => checkTarget(target, config, contracts, found)));
  const stopped = Object.fromEntries(targets.flatMap((target, index) => (problems[index] ? [[target.name, problems[index]!]] : [])));
  const names = Object.keys(stopped);
  if (names.length === targets.length) {
    const message = config.live ? stopped.live! : names.map((name) => stopped[name]!).join('\n');
    // Loaded here only: the report of a run that cannot start is all the runner needs of it before the tests.
    const { writeStoppedReport } = require('./report/conformance-reporter') as typeof import('./report/conformance-reporter');
    writeStoppedReport(message, startedAt, targets.map(({ name, live }) => targetFacts(name, liveTarget(live), stopped[name])));
    return stopRun(`${message}\n(${path.join(config.reportsDir, 'conformance.html')} says the same, with every rule not exercised.)`);
  }
  for (const [name, { found: notes }] of Object.entries(found)) {
    if (notes.length && !stopped[name]) process.stderr.write(`\n${name === 'live' ? 'The live target' : `Target ${name}`}: records the suite found itself (a configured variable wins):\n${notes.map((note) => `  - ${redactText(note)}`).join('\n')}\n`);
  }
  if (Object.keys(found).length) process.env[FOUND_IDS_VARIABLE] = JSON.stringify(found);
  for (const name of names) process.stderr.write(`\n${redactText(stopped[name]!)}\nThe tests of target ${name} are not run; the other targets are judged.\n`);
  if (names.length) process.env[STOPPED_TARGETS_VARIABLE] = JSON.stringify(stopped);
}

/** What keeps one live target from being judged (unreachable, IAM refusing, no valid answer), if anything. */
async function checkTarget({ name, live }: NamedLiveTarget, config: Config, contracts: Contracts, found: Record<string, FoundIds>): Promise<string | undefined> {
  const label = name === 'live' ? 'The live target' : `The live target ${name}`;
  // The target is reached and IAM asked for a token at the same time: across a network each is a round trip.
  const needsToken = !!live.password && !live.authToken;
  const [reached, issued] = await Promise.all([
    reach(live.baseURL, Math.min(config.timeoutMs, 15_000)),
    needsToken ? fetchIamToken(live.password!, live.projectId, config.timeoutMs).then((token) => ({ token }), (error: Error) => ({ error })) : undefined,
  ]);
  if (reached !== true) return `${label} ${redactUrl(live.baseURL)} (CONTRACT_BASE_URL) is unreachable: ${reached}`;
  let authToken = live.authToken;
  if (issued) {
    // Once per run: the workers read the token from the environment Playwright hands them.
    if ('error' in issued) return name === 'live' ? issued.error.message : `${label}: ${issued.error.message}`;
    authToken = issued.token;
    registerSecret(authToken);
    process.env[issuedTokenVariable(name)] = authToken;
  }
  const target = liveTarget({ ...live, ...(authToken ? { authToken } : {}) });
  // The first operation whose list the target names is probed; the others' lists may be found from it.
  const probed = contracts.all.find(({ operation }) => target.ids[operation.list.owner.parameter] !== undefined)!;
  const problem = await probeValidRequest(target, config, probed, label);
  if (problem) return problem;
  try {
    const discovered = await discoverIds(contracts, target, (contract, path, query) => send(contract.operation, transportOf(target, contract, config), { path, query, authenticate: authenticatorOf(target) }));
    if (discovered.problem) return `${label}: ${discovered.problem}`;
    if (discovered.broken?.length) {
      // The server's fault, not the configuration's: the run judges those answers (tests/conformance/discovery.spec.ts).
      const shown = discovered.broken.map((probe) => `  - ${probe.operationId} ${Object.values(probe.path).join(' ')}: ${probe.broke}`);
      process.stderr.write(`\n${label}: the answers read to find the records to judge break the contract, so the suite judges them instead of asking for a variable:\n${[...new Set(shown)].join('\n')}\n`);
    }
    if (discovered.found.length || discovered.broken?.length) found[name] = { ids: discovered.ids, emptyIds: discovered.emptyIds, found: discovered.found, ...(discovered.broken ? { broken: discovered.broken } : {}) };
  } catch (error) {
    const why = error instanceof TransportError ? error.message.split('\n')[0]! : (error as Error).message;
    return `${label}: looking for the records to judge, a request got no answer: ${why}`;
  }
  return undefined;
}

/** How the preflight sends: bounded as every request of the run is, never retried. */
function transportOf(target: Target, contract: Contract, config: Config) {
  return { baseURL: target.baseURL, bounds: exchangeBounds(contract.operation, config), retryStatuses: [], maxRetries: 0, maxRetryDelayMs: 0 };
}

function authenticatorOf(target: Target) {
  return (request: SignableRequest) => authenticationHeaders(target.credentials.valid, request, target.projectId);
}

/**
 * One valid request, as the tests will send it: a target that cannot answer it with JSON (it hangs,
 * drops the connection, answers HTML or a cut body) or refuses the configured credentials would fail
 * every test for the same reason, so the run stops with that reason once.
 */
async function probeValidRequest(target: Target, config: Config, contract: Contract, label: string): Promise<string | undefined> {
  const { operation } = contract;
  const { list } = operation;
  const query = { [list.limit]: operation.parameter(list.limit).schema.minimum as number };
  const path = { project_id: target.projectId, [list.owner.parameter]: target.ids[list.owner.parameter]! };
  const url = buildUrl(target.baseURL, operation, { path, query });
  const sent = `${operation.method} ${redactUrl(url)}`;
  let response: ReceivedResponse;
  try {
    // Bounded as every request of the run is (docs/bounds.md): a probe answered without end stops here too.
    ({ response } = await send(operation, transportOf(target, contract, config), { path, query, authenticate: authenticatorOf(target) }));
  } catch (error) {
    const why = error instanceof TransportError ? error.message.split('\n')[0]!.replace(/^.* got no HTTP response(?: after \d+ tries)?: /, '') : (error as Error).message;
    return `${label} did not answer a valid request (${sent}): ${why}`;
  }
  if (response.incomplete) {
    const why = response.incomplete.case === 'no-answer' ? `no answer within ${config.timeoutMs} ms (CONTRACT_TIMEOUT_MS)` : response.incomplete.detail;
    return `${label} did not answer a valid request (${sent}): ${response.status ? `${response.status}, then ` : ''}${why} (complete-response:${response.incomplete.case})`;
  }
  const { text } = response;
  const answer = `${response.status} ${response.headers['content-type'] ?? 'no content type'}`;
  if (response.status === 401 || response.status === 403) {
    return `${label} refused the configured credentials for a valid request (${sent}): ${answer}: ${text.slice(0, 200)}`;
  }
  if (response.status >= 200 && response.status < 300) {
    try {
      JSON.parse(text);
    } catch {
      return `${label} answered a valid request (${sent}) with a body that is not JSON (${answer}, ${text.length} characters): ${JSON.stringify(text.slice(0, 160))}`;
    }
  }
  return undefined;
}

async function reach(url: string, timeoutMs: number): Promise<true | string> {
  try {
    await fetchAgain(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if ((error as Error).name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
    return cause?.code ?? cause?.message ?? (error as Error).message;
  }
}
