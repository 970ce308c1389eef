import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ConfigError, loadConfig } from '../../src/config';

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

  test('reads a live target, trimming the trailing slash of the base URL', () => {
    const config = loadConfig(LIVE, NO_FILE);

    expect(config.live).toMatchObject({ baseURL: 'https://appstream.cn-north-4.myhuaweicloud.com', projectId: LIVE.CONTRACT_PROJECT_ID, authToken: LIVE.CONTRACT_AUTH_TOKEN });
  });

  test('lists every missing live value at once', () => {
    expect(problemsOf({ CONTRACT_TARGET: 'live' })).toEqual([
      'CONTRACT_BASE_URL is required when CONTRACT_TARGET=live',
      'CONTRACT_PROJECT_ID is required when CONTRACT_TARGET=live',
      'CONTRACT_EXECUTE_HISTORY_ID is required when CONTRACT_TARGET=live',
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
