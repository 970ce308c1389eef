import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../src/contract';
import { startMockServer } from '../../src/mock/server';
import { liveEnv } from '../support/mock-process';
import { runSuite } from '../support/run-suite';
import { specCopy } from '../support/spec-copy';

/** What a user sees when the run cannot start: one message, exit code 2, no stack trace, no test run. */
function expectCleanStop(run: Awaited<ReturnType<typeof runSuite>>, message: RegExp) {
  expect(run.exitCode, run.output).toBe(2);
  expect(run.output).toMatch(/The contract suite cannot start\./);
  expect(run.output).toMatch(message);
  expect(run.output, 'no stack trace').not.toMatch(/^\s+at /m);
  expect(run.results, 'no test ran').toEqual([]);
}

test.describe('a run that cannot start', () => {
  test('stops on a broken spec with one message naming the file and line', async () => {
    const file = specCopy((text) => text.replace('openapi: 3.1.0', 'openapi: [3.1.0'), 'broken.yaml');

    const run = await runSuite({ CONTRACT_SPEC_FILE: file });

    expectCleanStop(run, /broken\.yaml:\d+:\d+: not valid YAML/);
  });

  test('stops on a spec that is not valid OpenAPI', async () => {
    const file = specCopy((text) => text.replace("openapi: 3.1.0", "openapi: 3.1.0\nwebhookz: {}"), 'invalid.yaml');

    const run = await runSuite({ CONTRACT_SPEC_FILE: file });

    expectCleanStop(run, /invalid\.yaml: not a valid OpenAPI document/);
  });

  test('stops on a bad configuration, listing every problem', async () => {
    const run = await runSuite({ CONTRACT_TARGET: 'live', CONTRACT_BASE_URL: 'not a url' });

    expectCleanStop(run, /CONTRACT_BASE_URL is not a URL[\s\S]*CONTRACT_PROJECT_ID is required[\s\S]*CONTRACT_EXECUTE_HISTORY_ID or CONTRACT_TASK_ID is required[\s\S]*credentials are required/);
  });

  test('stops on a deviation or a variant of the mock that the mock does not have, naming each', async () => {
    const run = await runSuite({ CONTRACT_MOCK_DEVIATION: 'no-such-fault', CONTRACT_MOCK_VARIANTS: 'error-quotes-credential,no-such-variant' });

    expectCleanStop(run, /CONTRACT_MOCK_DEVIATION names an unknown deviation "no-such-fault"[\s\S]*CONTRACT_MOCK_VARIANTS names an unknown variant "no-such-variant"/);
  });

  test('stops when the live target is unreachable, without showing the token', async () => {
    const token = 'MIIstartup-unreachable-token-secret';
    const port = await freePort();

    const run = await runSuite({
      CONTRACT_TARGET: 'live',
      CONTRACT_BASE_URL: `http://127.0.0.1:${port}`,
      CONTRACT_PROJECT_ID: 'p',
      CONTRACT_EXECUTE_HISTORY_ID: 'e',
      CONTRACT_AUTH_TOKEN: token,
    });

    expectCleanStop(run, new RegExp(`The live target http://127\\.0\\.0\\.1:${port} \\(CONTRACT_BASE_URL\\) is unreachable: ECONNREFUSED`));
    expect(run.output).not.toContain(token);
  });
});

test.describe('secrets', () => {
  test('never appear in the console output, the HTML report, the JUnit XML or any artifact of a failing run', async () => {
    // Broken so that the auth tests, which send every configured credential, fail and report their requests.
    const mock = await startMockServer({ contracts: loadContracts(), seed: 11, deviation: 'no-auth-check' });
    const { facts, iamUser } = mock.dataset;
    const reports = mkdtempSync(path.join(tmpdir(), 'reports-'));
    try {
      const run = await runSuite(
        // Every kind of credential at once: an IAM password (exchanged for a token), AK/SK, the optional tokens.
        { ...liveEnv({ url: mock.url, facts, iamUser }, 'all'), CONTRACT_REPORTS_DIR: reports },
        { jsonReport: false, args: ['--grep', '@auth'] },
      );

      expect(run.exitCode, 'the broken target fails the run').toBe(1);
      const written = filesUnder(reports);
      expect(written.some((f) => f.endsWith('junit.xml')) && written.some((f) => f.endsWith('index.html'))).toBe(true);
      for (const secret of [facts.token, facts.forbiddenToken, facts.otherProjectToken, facts.ak, facts.sk, iamUser.password]) {
        expect(run.output, 'console output').not.toContain(secret);
        for (const file of written) expect(readFileSync(file).includes(secret), file).toBe(false);
      }
      expect(run.output).toContain('[REDACTED]');
    } finally {
      await mock.close();
    }
  });
});

/** A loopback port nothing listens on. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const file = path.join(directory, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}
