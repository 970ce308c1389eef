import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { test as base } from '@playwright/test';
import { loadContracts } from '../../src/contract';
import { clientEnvironment, pathVariables } from '../../src/mock/client-environment';
import { pathValues, type MockDataset, type MockIamUser } from '../../src/mock/dataset';
import { PROJECT_ROOT } from '../../src/spec/load-spec';

/** What the mock process says as it stops: the requests it served and the most it held at once. */
export interface MockStats {
  readonly served: number;
  readonly maxInFlight: number;
}

export interface MockProcess {
  readonly pid: number;
  readonly url: string;
  readonly facts: MockDataset['facts'];
  readonly iamUser: MockIamUser;
  /** Stops it; its figures if it could still say them. */
  stop(): Promise<MockStats | undefined>;
}

/** The mock started as its own process (`npm run mock -- --json`), as a live target of the suite. */
export async function startMockProcess(args: readonly string[]): Promise<MockProcess> {
  // One process (tsx as a loader, not its CLI, which would run the mock in a grandchild): stopping it stops the mock.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/mock/cli.ts', '--port', '0', '--json', ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += chunk));
  const lines = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the mock exited (${code}): ${errors}`)));
  });
  const started = JSON.parse(line) as Omit<MockProcess, 'stop' | 'pid'>;
  let stats: MockStats | undefined;
  lines.on('line', (next) => (stats = JSON.parse(next) as MockStats));
  const closed = new Promise<void>((resolve) => lines.once('close', resolve));
  return {
    ...started,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await closed;
      return stats;
    },
  };
}

/** A test whose fixture starts mock processes and stops them in its teardown, which runs even when the test times out. */
export const testWithMockProcesses = base.extend<{ startMockProcess: (args: readonly string[]) => Promise<MockProcess> }>({
  startMockProcess: async ({}, use) => {
    const started: MockProcess[] = [];
    await use(async (args) => {
      const mock = await startMockProcess(args);
      started.push(mock);
      return mock;
    });
    await Promise.all(started.map((mock) => mock.stop()));
  },
});

/** The credential variables of each scheme, as a user sets them for one. */
const SCHEME_VARIABLES = {
  token: ['CONTRACT_AUTH_TOKEN'],
  aksk: ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK'],
  password: ['HW_USER_NAME', 'HW_USER_PASSWORD', 'HW_DOMAIN_NAME', 'HUAWEICLOUD_SDK_IAM_ENDPOINT'],
} as const;

/** The CONTRACT_* variables that point the suite at a mock process, as a user would set them: the client's set, credentials of the schemes chosen. */
export function liveEnv(mock: Omit<MockProcess, 'stop' | 'pid'>, credentials: 'token' | 'aksk' | 'password' | 'all'): Record<string, string> {
  const schemes: (keyof typeof SCHEME_VARIABLES)[] = credentials === 'all' ? ['aksk', 'password'] : [credentials];
  const unused = new Set<string>(Object.entries(SCHEME_VARIABLES).flatMap(([scheme, names]) => (schemes.includes(scheme as keyof typeof SCHEME_VARIABLES) ? [] : names)));
  const { facts } = mock;
  return {
    ...Object.fromEntries(Object.entries(clientEnvironment(mock.url, mock)).filter(([name]) => !unused.has(name))),
    CONTRACT_FORBIDDEN_TOKEN: facts.forbiddenToken,
    CONTRACT_OTHER_PROJECT_TOKEN: facts.otherProjectToken,
    // The other project's id and its lists, by the spec's variables (CONTRACT_OTHER_PROJECT_*).
    ...pathVariables(facts, ['otherProject']),
    // Two workers a run: the project's tests run three at a time on two cores, and each worker of a run
    // costs most of a second of CPU to start; the bench measures the default (userDefaults).
    CONTRACT_CONCURRENCY: '2',
  };
}

/** The URL of a page of one of the mock's lists with items, by operation (by default the spec's first: the large execution record's subtasks). */
export function pageUrl(mock: Pick<MockProcess, 'url' | 'facts'>, query = '', operationId = loadContracts().all[0]!.operation.operationId): string {
  const values = pathValues(mock.facts).value;
  return `${mock.url}${loadContracts().of(operationId).operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => values[name]!)}${query}`;
}

/** A process's resident memory (VmRSS) or its high-water mark (VmHWM) in KiB, from /proc (Linux); undefined elsewhere or once it is gone. */
export function memoryKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
