import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { config as applyDotenv, parse as parseDotenv } from 'dotenv';
import { loadContracts } from './contract';
import type { Parameter } from './spec/operation';
import { PROJECT_ROOT } from './spec/load-spec';
import { registerSecret } from './secrets';
import { readTargetsFile, shownPath } from './targets-file';

/** The variables of one live target: in the environment for one target, in the targets file for several. */
const singleTargetVariables = () => ['CONTRACT_BASE_URL', 'CONTRACT_PROJECT_ID', ...ownerParameters().map((p) => p.variables!.value), 'CONTRACT_AUTH_TOKEN', 'HUAWEICLOUD_SDK_AK', 'HW_USER_NAME'];

/**
 * The path parameters that name what a list operation lists (x-list owner), with the variables a live
 * target gives their values in (x-contract-variables): CONTRACT_EXECUTE_HISTORY_ID, CONTRACT_TASK_ID.
 */
export function ownerParameters(): Parameter[] {
  const byName = new Map<string, Parameter>();
  for (const { operation } of loadContracts().all) {
    const parameter = operation.parameter(operation.list.owner.parameter);
    if (parameter.variables && !byName.has(parameter.name)) byName.set(parameter.name, parameter);
  }
  return [...byName.values()];
}

/** A configuration that cannot be used; the message lists every problem at once. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`The suite's configuration (environment variables and .env) has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface LiveTargetConfig {
  readonly baseURL: string;
  readonly projectId: string;
  /** Per owner path parameter, the configured value naming a list with items (CONTRACT_EXECUTE_HISTORY_ID, CONTRACT_TASK_ID); at least one. */
  readonly ids: Readonly<Record<string, string>>;
  /** Per owner path parameter, a configured value naming an empty list (CONTRACT_EMPTY_EXECUTE_HISTORY_ID, CONTRACT_EMPTY_TASK_ID). */
  readonly emptyIds: Readonly<Record<string, string>>;
  readonly authToken?: string;
  readonly forbiddenToken?: string;
  /** Another project: a token of it, its id and, optionally, per owner path parameter one of its lists (for object-level authorisation). */
  readonly otherProject?: { readonly token: string; readonly projectId: string; readonly ids: Readonly<Record<string, string>> };
  readonly aksk?: { readonly ak: string; readonly sk: string };
  /** IAM password authentication, exchanged once per run for a token (POST /v3/auth/tokens). */
  readonly password?: { readonly user: string; readonly password: string; readonly domain: string; readonly iamEndpoint: string };
}

/** A live target by its name: `live` for a single live run, the names of a targets file (CONTRACT_TARGETS). */
export interface NamedLiveTarget {
  readonly name: string;
  readonly live: LiveTargetConfig;
}

export interface Config {
  readonly target: 'mock' | 'live';
  /** The live target of a single live run (CONTRACT_TARGET=live). */
  readonly live?: LiveTargetConfig;
  /** Every live target of the run: the one of CONTRACT_TARGET=live, or those of CONTRACT_TARGETS; one Playwright project each. */
  readonly targets?: readonly NamedLiveTarget[];
  /** CONTRACT_BASELINE: the conformance.json of an earlier run, to say what changed since. */
  readonly baseline?: string;
  /** How long a request waits for the status line and headers of its answer (CONTRACT_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** How long the body of an answer may take once its headers are in (CONTRACT_BODY_TIMEOUT_MS). */
  readonly bodyTimeoutMs: number;
  /** The largest response body kept (CONTRACT_MAX_RESPONSE_BYTES); unset, it is derived from the spec (src/http/response-bounds.ts). */
  readonly maxResponseBytes?: number;
  /** Retries of a throttled (429) request. */
  readonly maxRetries: number;
  readonly maxRetryDelayMs: number;
  /** The most requests in flight at once on each live target (CONTRACT_CONCURRENCY): one Playwright worker each, one request at a time. */
  readonly concurrency: number;
  readonly mock: { readonly seed: number; readonly deviation?: string; readonly variants?: readonly string[] };
  /** Where the HTML report, the JUnit XML and test artifacts are written. */
  readonly reportsDir: string;
  /** Waiver files: openapi/waivers.yaml (or CONTRACT_WAIVERS) and the presets of CONTRACT_PRESETS. */
  readonly waiverFiles: readonly string[];
  /** Property-based tests: runs per property (fewer on a live target) and, to reproduce a failure, its seed. */
  readonly fuzz: { readonly runs: number; readonly seed?: number };
  /** Where .env was read from, if it exists. */
  readonly envFile?: string;
}

export const ENV_FILE = path.join(PROJECT_ROOT, '.env');
/** The waivers a run reads unless CONTRACT_WAIVERS names others, and the folder of the presets CONTRACT_PRESETS names. */
const WAIVER_FILE = path.join(PROJECT_ROOT, 'openapi', 'waivers.yaml');
const PRESETS_DIR = path.join(PROJECT_ROOT, 'openapi', 'presets');

/**
 * Puts the values of .env into process.env where the environment does not set them already, so that
 * every reader of a variable (the spec loader, Playwright's workers) sees the same configuration.
 */
export function applyEnvFile(file: string = process.env.CONTRACT_ENV_FILE ?? ENV_FILE): void {
  if (existsSync(file)) applyDotenv({ path: file, quiet: true, override: false });
}

/** Reads the environment (over .env), validates every value, and freezes the result. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile: string = env.CONTRACT_ENV_FILE ?? ENV_FILE): Config {
  const problems: string[] = [];
  let fromFile: Record<string, string> = {};
  if (existsSync(envFile)) {
    try {
      fromFile = parseDotenv(readFileSync(envFile));
    } catch (error) {
      problems.push(`${envFile} cannot be read: ${(error as Error).message}`);
    }
  }
  const read = (name: string): string | undefined => {
    const value = env[name] ?? fromFile[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return Number(raw);
  };

  const targetName = read('CONTRACT_TARGET') ?? 'mock';
  if (targetName !== 'mock' && targetName !== 'live') problems.push(`CONTRACT_TARGET must be "mock" or "live", got "${targetName}"`);
  const target = targetName === 'live' ? 'live' : 'mock';

  let live: LiveTargetConfig | undefined;
  let targets: NamedLiveTarget[] | undefined;
  const targetsFile = read('CONTRACT_TARGETS');
  if (targetsFile !== undefined) {
    if (read('CONTRACT_TARGET') !== undefined && targetName !== 'live') problems.push(`CONTRACT_TARGETS lists live targets; unset CONTRACT_TARGET (or set it to "live"), got "${targetName}"`);
    const alsoSet = singleTargetVariables().filter((name) => read(name) !== undefined);
    if (alsoSet.length) problems.push(`CONTRACT_TARGETS and ${alsoSet.join(', ')} are both set: give every target its variables in the targets file, or unset CONTRACT_TARGETS for one target`);
    const file = path.resolve(PROJECT_ROOT, targetsFile);
    const { targets: entries, problems: fileProblems } = readTargetsFile(file, env);
    problems.push(...fileProblems);
    const shown = shownPath(file);
    targets = entries.map((entry, index) => ({
      name: entry.name,
      live: readLiveTarget(
        (name) => (name === 'CONTRACT_IAM_ISSUED_TOKEN' ? env[issuedTokenVariable(entry.name)] : entry.variables[name]?.trim() || undefined),
        (problem) => problems.push(`${shown}: targets[${index}] (${entry.name}): ${problem}`),
        undefined,
      ),
    }));
  } else if (target === 'live') {
    live = readLiveTarget(read, (problem) => problems.push(problem), 'when CONTRACT_TARGET=live');
    targets = [{ name: 'live', live }];
  } else {
    for (const name of ['CONTRACT_BASE_URL', 'CONTRACT_AUTH_TOKEN']) {
      if (read(name) !== undefined && env.CONTRACT_TARGET === undefined && fromFile.CONTRACT_TARGET === undefined) {
        problems.push(`${name} is set but CONTRACT_TARGET is not; set CONTRACT_TARGET=live to test that endpoint, or unset ${name}`);
        break;
      }
    }
  }

  const deviation = read('CONTRACT_MOCK_DEVIATION');
  // Which ids exist is the mock's to know: the preflight checks them (src/preflight.ts).
  const variants = read('CONTRACT_MOCK_VARIANTS')?.split(',').map((v) => v.trim()).filter(Boolean);
  const waiverFiles = (read('CONTRACT_WAIVERS')?.split(',') ?? [WAIVER_FILE]).map((file) => path.resolve(PROJECT_ROOT, file.trim()));
  for (const preset of read('CONTRACT_PRESETS')?.split(',').map((p) => p.trim()).filter(Boolean) ?? []) {
    const file = path.join(PRESETS_DIR, `${preset}.yaml`);
    if (!/^[a-z0-9-]+$/.test(preset) || !existsSync(file)) problems.push(`CONTRACT_PRESETS names an unknown preset "${preset}" (see openapi/presets/)`);
    else waiverFiles.push(file);
  }
  const baseline = read('CONTRACT_BASELINE');
  if (baseline !== undefined && !existsSync(path.resolve(PROJECT_ROOT, baseline))) problems.push(`CONTRACT_BASELINE names ${baseline}, which does not exist (the conformance.json of an earlier run)`);
  const config: Config = {
    target: targets ? 'live' : target,
    ...(live ? { live } : {}),
    ...(targets ? { targets } : {}),
    ...(baseline !== undefined ? { baseline: path.resolve(PROJECT_ROOT, baseline) } : {}),
    timeoutMs: integer('CONTRACT_TIMEOUT_MS', 15_000, 100, 600_000),
    bodyTimeoutMs: integer('CONTRACT_BODY_TIMEOUT_MS', 15_000, 100, 600_000),
    ...(read('CONTRACT_MAX_RESPONSE_BYTES') !== undefined ? { maxResponseBytes: integer('CONTRACT_MAX_RESPONSE_BYTES', 0, 1024, 2 ** 30) } : {}),
    maxRetries: integer('CONTRACT_MAX_RETRIES', 3, 0, 10),
    maxRetryDelayMs: integer('CONTRACT_MAX_RETRY_DELAY_MS', 10_000, 0, 120_000),
    concurrency: integer('CONTRACT_CONCURRENCY', 4, 1, 32),
    mock: { seed: integer('CONTRACT_MOCK_SEED', 1, 1, 2 ** 31 - 1), ...(deviation ? { deviation } : {}), ...(variants?.length ? { variants } : {}) },
    reportsDir: read('CONTRACT_REPORTS_DIR') ?? 'reports',
    waiverFiles,
    fuzz: {
      // Per property and operation: a live run judges two operations in the time one took, and every
      // deliberate request is sent whatever the seed (docs/performance.md).
      runs: integer('CONTRACT_FUZZ_RUNS', targets ? 6 : 60, 1, 10_000),
      ...(read('CONTRACT_FUZZ_SEED') !== undefined ? { seed: integer('CONTRACT_FUZZ_SEED', 0, 0, 2 ** 31 - 1) } : {}),
    },
    ...(existsSync(envFile) ? { envFile } : {}),
  };
  if (problems.length) throw new ConfigError(problems);
  return deepFreeze(config);
}

/** The variable through which the preflight hands the token IAM issued for a target to the workers. */
export function issuedTokenVariable(targetName: string | undefined): string {
  return targetName === undefined || targetName === 'live' ? 'CONTRACT_IAM_ISSUED_TOKEN' : `CONTRACT_IAM_ISSUED_TOKEN_${targetName.toUpperCase().replace(/-/g, '_')}`;
}

/** The variables of one live target, validated; `requiredWhen` says when a missing one is a problem. */
function readLiveTarget(read: (name: string) => string | undefined, problem: (text: string) => void, requiredWhen: string | undefined): LiveTargetConfig {
  const required = (name: string) => {
    const value = read(name);
    // A targets file's schema names what is missing.
    if (value === undefined && requiredWhen) problem(`${name} is required ${requiredWhen}`);
    return value ?? '';
  };
  const baseURL = required('CONTRACT_BASE_URL');
  if (baseURL) {
    let url: URL | undefined;
    try {
      url = new URL(baseURL);
    } catch {
      problem(`CONTRACT_BASE_URL is not a URL: "${baseURL}"`);
    }
    if (url && url.protocol !== 'https:' && url.protocol !== 'http:') problem(`CONTRACT_BASE_URL must be http(s), got "${url.protocol}"`);
    if (url && (url.search || url.hash)) problem('CONTRACT_BASE_URL must not carry a query or fragment');
    if (url && (url.username || url.password)) problem('CONTRACT_BASE_URL must not carry credentials; use CONTRACT_AUTH_TOKEN');
  }
  // An id is a value of the path parameter it fills: as long as that parameter's schema allows.
  const id = (name: string, parameter: string, value: string | undefined) => {
    const maxLength = pathParameterMaxLength(parameter);
    if (value !== undefined && value.length > maxLength) problem(`${name} must be 1 to ${maxLength} characters (the spec's maxLength of ${parameter}), got ${value.length}`);
    return value;
  };
  const projectId = id('CONTRACT_PROJECT_ID', 'project_id', required('CONTRACT_PROJECT_ID'))!;
  // Of the lists' owners (an execution record, a task) one is named; the suite finds the others by the spec's links (src/discovery.ts).
  const owners = ownerParameters();
  const ids: Record<string, string> = {};
  const emptyIds: Record<string, string> = {};
  const otherIds: Record<string, string> = {};
  for (const parameter of owners) {
    const { value, empty, otherProject } = parameter.variables!;
    const given = id(value, parameter.name, read(value));
    const emptyGiven = empty ? id(empty, parameter.name, read(empty)) : undefined;
    const otherGiven = otherProject ? id(otherProject, parameter.name, read(otherProject)) : undefined;
    if (given) ids[parameter.name] = given;
    if (emptyGiven) emptyIds[parameter.name] = emptyGiven;
    if (otherGiven) otherIds[parameter.name] = otherGiven;
    if (given && emptyGiven && given === emptyGiven) problem(`${empty} must differ from ${value}`);
    if (given && otherGiven && given === otherGiven) problem(`${otherProject} must differ from ${value}`);
  }
  if (Object.keys(ids).length === 0) problem(`${owners.map((p) => p.variables!.value).join(' or ')} is required ${requiredWhen ?? 'for each target'} (one names a list the suite judges; it finds the others)`);
  const ak = read('HUAWEICLOUD_SDK_AK');
  const sk = read('HUAWEICLOUD_SDK_SK');
  const user = read('HW_USER_NAME');
  const userPassword = read('HW_USER_PASSWORD');
  const domain = read('HW_DOMAIN_NAME');
  const iamEndpoint = (read('HUAWEICLOUD_SDK_IAM_ENDPOINT') ?? 'https://iam.myhuaweicloud.com').replace(/\/+$/, '');
  const passwordParts = [user, userPassword, domain].filter(Boolean).length;
  if (passwordParts > 0 && passwordParts < 3) problem('HW_USER_NAME, HW_USER_PASSWORD and HW_DOMAIN_NAME go together: set all three or none');
  if (passwordParts === 3 && !/^https?:\/\/[^/]+/.test(iamEndpoint)) problem(`HUAWEICLOUD_SDK_IAM_ENDPOINT is not an http(s) URL: "${iamEndpoint}"`);
  // The token IAM issued for the password, handed from the run's preflight to its workers.
  const authToken = read('CONTRACT_AUTH_TOKEN') ?? (passwordParts === 3 ? read('CONTRACT_IAM_ISSUED_TOKEN') : undefined);
  if (!authToken && !(ak && sk) && passwordParts !== 3) {
    problem(`credentials are required ${requiredWhen ?? 'for each target'}: set CONTRACT_AUTH_TOKEN; or HW_USER_NAME, HW_USER_PASSWORD and HW_DOMAIN_NAME; or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK`);
  }
  if (!!ak !== !!sk) problem('HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK go together: set both or neither');
  const otherToken = read('CONTRACT_OTHER_PROJECT_TOKEN');
  const otherProjectId = id('CONTRACT_OTHER_PROJECT_ID', 'project_id', read('CONTRACT_OTHER_PROJECT_ID'));
  if (!!otherToken !== !!otherProjectId) problem('CONTRACT_OTHER_PROJECT_TOKEN and CONTRACT_OTHER_PROJECT_ID go together: set both or neither');
  if (otherProjectId && otherProjectId === projectId) problem('CONTRACT_OTHER_PROJECT_ID must differ from CONTRACT_PROJECT_ID');
  for (const parameter of owners) {
    const variable = parameter.variables!.otherProject;
    if (variable && otherIds[parameter.name] && !otherProjectId) problem(`${variable} needs CONTRACT_OTHER_PROJECT_TOKEN and CONTRACT_OTHER_PROJECT_ID: it names a list of that project`);
  }
  const forbiddenToken = read('CONTRACT_FORBIDDEN_TOKEN');
  if (forbiddenToken && forbiddenToken === authToken) problem('CONTRACT_FORBIDDEN_TOKEN must differ from CONTRACT_AUTH_TOKEN');
  for (const secret of [authToken, forbiddenToken, otherToken, ak, sk, userPassword]) registerSecret(secret);
  return {
    baseURL: baseURL.replace(/\/+$/, ''),
    projectId,
    ids,
    emptyIds,
    ...(authToken ? { authToken } : {}),
    ...(forbiddenToken ? { forbiddenToken } : {}),
    ...(otherToken && otherProjectId ? { otherProject: { token: otherToken, projectId: otherProjectId, ids: otherIds } } : {}),
    ...(ak && sk ? { aksk: { ak, sk } } : {}),
    ...(passwordParts === 3 ? { password: { user: user!, password: userPassword!, domain: domain!, iamEndpoint } } : {}),
  };
}

/** The maxLength the spec gives a path parameter (none: no bound). */
function pathParameterMaxLength(name: string): number {
  const parameter = loadContracts().all.flatMap(({ operation }) => operation.parameters).find((p) => p.name === name);
  const maxLength = parameter?.schema.maxLength;
  return typeof maxLength === 'number' ? maxLength : Infinity;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
