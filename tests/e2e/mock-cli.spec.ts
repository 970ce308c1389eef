import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../src/contract';
import { pathVariables } from '../../src/mock/client-environment';
import { buildDataset } from '../../src/mock/dataset';
import { DEVIATIONS } from '../../src/mock/deviations';
import { VARIANTS } from '../../src/mock/variants';
import { PROJECT_ROOT } from '../../src/spec/load-spec';

const contracts = loadContracts();
const cli = (args: readonly string[]) => [process.execPath, ['--import', 'tsx', 'src/mock/cli.ts', ...args]] as const;

/** `npm run mock` as a user starts it, with its text up to "Ctrl-C stops it."; `use` runs while it serves, then it is stopped. */
async function withPrinted(args: readonly string[], use: (text: string) => Promise<void>): Promise<void> {
  const [command, argv] = cli(['--port', '0', ...args]);
  const child = spawn(command, argv, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if (line === 'Ctrl-C stops it.') resolve();
      });
      child.once('exit', (code) => reject(new Error(`the mock exited (${code}) after:\n${lines.join('\n')}`)));
    });
    await use(lines.join('\n'));
  } finally {
    child.kill('SIGTERM');
  }
}

test.describe('npm run mock', () => {
  test("prints a URL of every operation, each list with its size and variable, and the spec's variables as a live target's environment", () => withPrinted(['--seed', '7'], async (text) => {
    const { facts } = buildDataset({ seed: 7 });
    const environment = Object.fromEntries([...text.matchAll(/\b(CONTRACT_[A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
    const url = /listening on (\S+)/.exec(text)![1]!;

    expect(environment).toEqual({
      CONTRACT_TARGET: 'live',
      CONTRACT_BASE_URL: url,
      ...pathVariables(facts, ['value', 'empty', 'otherProject']),
      CONTRACT_AUTH_TOKEN: facts.token,
      CONTRACT_FORBIDDEN_TOKEN: facts.forbiddenToken,
      CONTRACT_OTHER_PROJECT_TOKEN: facts.otherProjectToken,
    });
    for (const { operation } of contracts.all) {
      const variable = operation.parameter(operation.list.owner.parameter).variables!.value;
      expect(text, `${operation.operationId}'s list with items`).toMatch(new RegExp(`${environment[variable]}\\s+\\d+ items\\s+\\(${variable}\\)`));
      expect(text).toContain(`${operation.operationId}, by ${operation.list.owner.parameter}:`);
    }
    // Each URL printed is a page the printed token reads.
    const pages = [...text.matchAll(/^ {2}GET (\S+)$/gm)].map((m) => m[1]!);
    expect(pages).toHaveLength(contracts.all.length);
    for (const page of pages) expect((await fetch(page, { headers: { 'X-Auth-Token': facts.token } })).status, page).toBe(200);
  }));

  test('--help names the operations and every deviation and variant, one line each', () => {
    const [command, argv] = cli(['--help']);
    const run = spawnSync(command, argv, { cwd: PROJECT_ROOT, encoding: 'utf8' });

    expect(run.status).toBe(0);
    for (const { operation } of contracts.all) expect(run.stdout).toContain(`${operation.operationId} (${operation.method} ${operation.pathTemplate})`);
    for (const { id, description } of [...DEVIATIONS, ...VARIANTS]) expect(run.stdout).toContain(`${id}: ${description}`);
  });

  test('an unknown deviation is one message naming it, exit 2, no stack trace', () => {
    const [command, argv] = cli(['--deviation', 'no-such-fault']);
    const run = spawnSync(command, argv, { cwd: PROJECT_ROOT, encoding: 'utf8' });

    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('mock: --deviation "no-such-fault" is unknown; see --help for the list');
  });
});
