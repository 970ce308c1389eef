import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ConfigError, loadConfig } from '../../src/config';
import { loadContracts } from '../../src/contract';
import { isSensitiveName } from '../../src/secrets';
import { secretVariables, TARGETS_SCHEMA_FILE } from '../../src/targets-file';

const NO_FILE = path.join(tmpdir(), 'contract-suite-no-such.env');
const LIVE = {
  CONTRACT_TARGET: 'live',
  CONTRACT_BASE_URL: 'https://appstream.cn-north-4.myhuaweicloud.com/',
  CONTRACT_PROJECT_ID: '0123456789abcdef0123456789abcdef',
  CONTRACT_EXECUTE_HISTORY_ID: '62f48b59-0ebb-4b1e-ad35-f64948a0591b',
  CONTRACT_AUTH_TOKEN: 'MIIconfig-unit-test-token',
};

function problemsOf(env: NodeJS.ProcessEnv, file = NO_FILE): readonly string[] {
  try {
    loadConfig(env, file);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

test.describe('the configuration', () => {
  test('targets the embedded mock when nothing is set', () => {
    const config = loadConfig({}, NO_FILE);

    expect(config.target).toBe('mock');
    expect(config.live).toBeUndefined();
    expect(Object.isFrozen(config) && Object.isFrozen(config.mock)).toBe(true);
  });

  test('reads the bounds of an exchange: the body deadline and the size, which is the spec\'s unless set', () => {
    expect(loadConfig({}, NO_FILE)).toMatchObject({ timeoutMs: 15_000, bodyTimeoutMs: 15_000 });
    expect(loadConfig({}, NO_FILE).maxResponseBytes).toBeUndefined();
    expect(loadConfig({ CONTRACT_BODY_TIMEOUT_MS: '2500', CONTRACT_MAX_RESPONSE_BYTES: '65536' }, NO_FILE)).toMatchObject({ bodyTimeoutMs: 2500, maxResponseBytes: 65536 });
    expect(problemsOf({ CONTRACT_BODY_TIMEOUT_MS: '0', CONTRACT_MAX_RESPONSE_BYTES: '10MB' })).toEqual([
      'CONTRACT_BODY_TIMEOUT_MS must be a whole number from 100 to 600000, got "0"',
      'CONTRACT_MAX_RESPONSE_BYTES must be a whole number from 1024 to 1073741824, got "10MB"',
    ]);
  });

  test('reads a live target, trimming the trailing slash of the base URL', () => {
    const config = loadConfig(LIVE, NO_FILE);

    expect(config.live).toMatchObject({ baseURL: 'https://appstream.cn-north-4.myhuaweicloud.com', projectId: LIVE.CONTRACT_PROJECT_ID, authToken: LIVE.CONTRACT_AUTH_TOKEN });
  });

  test('names a list by an execution record, a task or both, and another project\'s by either, each id within its parameter\'s bounds', () => {
    const { CONTRACT_EXECUTE_HISTORY_ID: record, ...withoutRecord } = LIVE;
    const task = '3e5a7c9b-1d2f-4a6b-8c0d-2e4f6a8b0c1d';
    const other = { CONTRACT_OTHER_PROJECT_ID: 'fedcba9876543210fedcba9876543210', CONTRACT_OTHER_PROJECT_TOKEN: 'MIIother-unit-token' };

    expect(loadConfig({ ...withoutRecord, CONTRACT_TASK_ID: task }, NO_FILE).live).toMatchObject({ ids: { task_id: task }, emptyIds: {} });
    expect(loadConfig({ ...LIVE, CONTRACT_TASK_ID: task, CONTRACT_EMPTY_TASK_ID: 'never-run' }, NO_FILE).live).toMatchObject({ ids: { execute_history_id: record, task_id: task }, emptyIds: { task_id: 'never-run' } });
    expect(loadConfig({ ...LIVE, ...other, CONTRACT_OTHER_PROJECT_TASK_ID: 'their-task' }, NO_FILE).live?.otherProject).toMatchObject({ ids: { task_id: 'their-task' } });
    expect(problemsOf({ ...withoutRecord, CONTRACT_TASK_ID: 'x'.repeat(129), CONTRACT_OTHER_PROJECT_TASK_ID: 'their-task' })).toEqual([
      'CONTRACT_TASK_ID must be 1 to 128 characters (the spec\'s maxLength of task_id), got 129',
      'CONTRACT_OTHER_PROJECT_TASK_ID needs CONTRACT_OTHER_PROJECT_TOKEN and CONTRACT_OTHER_PROJECT_ID: it names a list of that project',
    ]);
    expect(problemsOf({ ...LIVE, CONTRACT_TASK_ID: task, CONTRACT_EMPTY_TASK_ID: task })).toEqual(['CONTRACT_EMPTY_TASK_ID must differ from CONTRACT_TASK_ID']);
  });

  test('lists every missing live value at once', () => {
    expect(problemsOf({ CONTRACT_TARGET: 'live' })).toEqual([
      'CONTRACT_BASE_URL is required when CONTRACT_TARGET=live',
      'CONTRACT_PROJECT_ID is required when CONTRACT_TARGET=live',
      'CONTRACT_EXECUTE_HISTORY_ID or CONTRACT_TASK_ID is required when CONTRACT_TARGET=live (one names a list the suite judges; it finds the others)',
      'credentials are required when CONTRACT_TARGET=live: set CONTRACT_AUTH_TOKEN; or HW_USER_NAME, HW_USER_PASSWORD and HW_DOMAIN_NAME; or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK',
    ]);
  });

  test('reads IAM password authentication and AK/SK as credentials, each complete or not at all', () => {
    const { CONTRACT_AUTH_TOKEN: _token, ...withoutToken } = LIVE;
    const password = { HW_USER_NAME: 'tester', HW_USER_PASSWORD: 'pw-unit-test-secret', HW_DOMAIN_NAME: 'acme' };

    const config = loadConfig({ ...withoutToken, ...password }, NO_FILE);

    expect(config.live?.password).toEqual({ user: 'tester', password: 'pw-unit-test-secret', domain: 'acme', iamEndpoint: 'https://iam.myhuaweicloud.com' });
    expect(config.live?.authToken, 'the token comes from IAM at the start of the run').toBeUndefined();
    expect(problemsOf({ ...withoutToken, HW_USER_NAME: 'tester', HUAWEICLOUD_SDK_AK: 'AK' })).toEqual([
      'HW_USER_NAME, HW_USER_PASSWORD and HW_DOMAIN_NAME go together: set all three or none',
      'credentials are required when CONTRACT_TARGET=live: set CONTRACT_AUTH_TOKEN; or HW_USER_NAME, HW_USER_PASSWORD and HW_DOMAIN_NAME; or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK',
      'HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK go together: set both or neither',
    ]);
  });

  test('names malformed and inconsistent values', () => {
    expect(
      problemsOf({ ...LIVE, CONTRACT_BASE_URL: 'appstream.example', CONTRACT_TIMEOUT_MS: 'soon', CONTRACT_OTHER_PROJECT_TOKEN: 'MIIother', CONTRACT_FORBIDDEN_TOKEN: LIVE.CONTRACT_AUTH_TOKEN }),
    ).toEqual([
      'CONTRACT_BASE_URL is not a URL: "appstream.example"',
      'CONTRACT_OTHER_PROJECT_TOKEN and CONTRACT_OTHER_PROJECT_ID go together: set both or neither',
      'CONTRACT_FORBIDDEN_TOKEN must differ from CONTRACT_AUTH_TOKEN',
      'CONTRACT_TIMEOUT_MS must be a whole number from 100 to 600000, got "soon"',
    ]);
    expect(problemsOf({ CONTRACT_TARGET: 'staging' })).toEqual(['CONTRACT_TARGET must be "mock" or "live", got "staging"']);
  });

  test('reads CONTRACT_CONCURRENCY, the requests in flight on a live target: 4 unless set', () => {
    expect(loadConfig(LIVE, NO_FILE).concurrency).toBe(4);
    expect(loadConfig({ ...LIVE, CONTRACT_CONCURRENCY: '1' }, NO_FILE).concurrency).toBe(1);
    expect(problemsOf({ ...LIVE, CONTRACT_CONCURRENCY: '0' })).toEqual(['CONTRACT_CONCURRENCY must be a whole number from 1 to 32, got "0"']);
    expect(problemsOf({ ...LIVE, CONTRACT_CONCURRENCY: 'many' })).toEqual(['CONTRACT_CONCURRENCY must be a whole number from 1 to 32, got "many"']);
  });

  test('warns of a live endpoint set without CONTRACT_TARGET instead of silently testing the mock', () => {
    expect(problemsOf({ CONTRACT_BASE_URL: 'https://example.invalid' })).toEqual([
      'CONTRACT_BASE_URL is set but CONTRACT_TARGET is not; set CONTRACT_TARGET=live to test that endpoint, or unset CONTRACT_BASE_URL',
    ]);
  });

  test('reads .env, and the environment wins over it', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'env-')), '.env');
    writeFileSync(file, Object.entries(LIVE).map(([k, v]) => `${k}=${v}`).join('\n') + '\nCONTRACT_TIMEOUT_MS=2000\n');

    const config = loadConfig({ CONTRACT_TIMEOUT_MS: '3000' }, file);

    expect(config.target).toBe('live');
    expect(config.timeoutMs).toBe(3000);
    expect(config.envFile).toBe(file);
  });
});

test.describe('a targets file (CONTRACT_TARGETS)', () => {
  test('takes every variable the spec names for a path parameter (x-contract-variables)', () => {
    const schema = JSON.parse(readFileSync(TARGETS_SCHEMA_FILE, 'utf8')) as { $defs: { target: { properties: Record<string, unknown> } } };
    const named = loadContracts().all.flatMap(({ operation }) => operation.parameters.flatMap((p) => (p.variables ? Object.values(p.variables) : [])));

    expect(named.filter((name) => !(name in schema.$defs.target.properties))).toEqual([]);
  });

  const CREDENTIALS_REQUIRED =
    'credentials are required for each target: set CONTRACT_AUTH_TOKEN; or HW_USER_NAME, HW_USER_PASSWORD and HW_DOMAIN_NAME; or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK';
  const write = (text: string) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'targets-')), 'targets.yaml');
    writeFileSync(file, text);
    return file;
  };
  const target = (name: string, extra = '') =>
    [
      `  - name: ${name}`,
      `    CONTRACT_BASE_URL: https://appstream.${name.replace(/-preprod$/, '').replace(/ /g, '-')}.myhuaweicloud.com`,
      `    CONTRACT_PROJECT_ID: ${LIVE.CONTRACT_PROJECT_ID}`,
      `    CONTRACT_EXECUTE_HISTORY_ID: ${LIVE.CONTRACT_EXECUTE_HISTORY_ID}`,
      extra,
    ].filter(Boolean).join('\n');

  test('lists live targets, each with the variables of a single live run and its secrets from the environment', () => {
    const file = write(`targets:\n${target('cn-north-4-preprod', '    CONTRACT_AUTH_TOKEN: ${NORTH_TOKEN}')}\n${target('cn-east-3-preprod', '    HUAWEICLOUD_SDK_AK: ${EAST_AK}\n    HUAWEICLOUD_SDK_SK: ${EAST_SK}')}\n`);

    const config = loadConfig({ CONTRACT_TARGETS: file, NORTH_TOKEN: 'MIInorth-unit-token', EAST_AK: 'AKEAST0123', EAST_SK: 'sk-east-unit-secret' }, NO_FILE);

    expect(config.target).toBe('live');
    expect(config.live).toBeUndefined();
    expect(config.targets!.map((t) => t.name)).toEqual(['cn-north-4-preprod', 'cn-east-3-preprod']);
    expect(config.targets![0]!.live).toMatchObject({ baseURL: 'https://appstream.cn-north-4.myhuaweicloud.com', authToken: 'MIInorth-unit-token' });
    expect(config.targets![1]!.live.aksk).toEqual({ ak: 'AKEAST0123', sk: 'sk-east-unit-secret' });
    expect(config.fuzz.runs, 'a live run sends fewer random inputs (per property and operation)').toBe(6);
  });

  test('lists every problem of the file at once, never quoting a secret', () => {
    const file = write(
      [
        'targets:',
        target('cn-north-4-preprod', '    CONTRACT_AUTH_TOKEN: MIIliteral-secret-in-the-file\n    CONTRACT_TIMEOUT_MS: "100"'),
        target('Bad Name', '    CONTRACT_AUTH_TOKEN: ${UNSET_TOKEN}'),
        target('cn-north-4-preprod', '    HUAWEICLOUD_SDK_AK: ${AK}'),
        '  - name: no-url',
        `    CONTRACT_PROJECT_ID: ${LIVE.CONTRACT_PROJECT_ID}`,
        '    CONTRACT_EXECUTE_HISTORY_ID: 12345',
      ].join('\n'),
    );
    const shown = file;

    const problems = problemsOf({ CONTRACT_TARGETS: file, CONTRACT_BASE_URL: 'https://example.invalid', AK: 'AKONLY0123' });

    expect(problems).toEqual([
      'CONTRACT_TARGETS and CONTRACT_BASE_URL are both set: give every target its variables in the targets file, or unset CONTRACT_TARGETS for one target',
      `${shown}: targets[0] (cn-north-4-preprod): "CONTRACT_TIMEOUT_MS" is not a variable a target takes (see src/targets.schema.json)`,
      `${shown}: targets[0] (cn-north-4-preprod).CONTRACT_AUTH_TOKEN holds a literal secret: write a \${VARIABLE} reference to the environment instead (the value is not shown)`,
      `${shown}: targets[1] (Bad Name).name "Bad Name" must be lower-case letters, digits and single hyphens, e.g. cn-north-4-preprod`,
      `${shown}: targets[3] (no-url) lacks CONTRACT_BASE_URL`,
      `${shown}: targets[3] (no-url).CONTRACT_EXECUTE_HISTORY_ID must be a string (quote it)`,
      `${shown}: targets[1] (Bad Name).CONTRACT_AUTH_TOKEN refers to \${UNSET_TOKEN}, which is not set in the environment`,
      `${shown}: targets[2] (cn-north-4-preprod): the name is taken by an earlier target; each target needs its own`,
      ...[1, 2].map((index) => `${shown}: targets[${index}] (${index === 1 ? 'Bad Name' : 'cn-north-4-preprod'}): ${CREDENTIALS_REQUIRED}`),
      `${shown}: targets[2] (cn-north-4-preprod): HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK go together: set both or neither`,
      `${shown}: targets[3] (no-url): CONTRACT_EXECUTE_HISTORY_ID or CONTRACT_TASK_ID is required for each target (one names a list the suite judges; it finds the others)`,
      `${shown}: targets[3] (no-url): ${CREDENTIALS_REQUIRED}`,
    ]);
    expect(problems.join('\n')).not.toContain('MIIliteral-secret-in-the-file');
  });

  test('holds as secrets exactly the variables src/secrets.ts calls secret', () => {
    const variables = Object.keys((JSON.parse(readFileSync(TARGETS_SCHEMA_FILE, 'utf8')) as { $defs: { target: { properties: object } } }).$defs.target.properties).filter((v) => v !== 'name');

    expect(secretVariables().sort()).toEqual(variables.filter(isSensitiveName).sort());
  });
});
