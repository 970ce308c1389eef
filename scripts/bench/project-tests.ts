import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/spec/load-spec';
import { log, onExit, s, timeCommand } from './support';

/** 6. The project's own tests on a fresh clone: `npm ci`, then `npm test`. */

export interface ProjectTestFigures {
  readonly installSeconds: number;
  readonly testSeconds: number;
  readonly exitCode: number | null;
  readonly outcome: string;
}

/** `npm ci`, then `npm test` timed, in a fresh clone of this repository's last commit. */
export async function benchProjectTests(): Promise<ProjectTestFigures> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'bench-clone-'));
  const remove = onExit(() => rmSync(directory, { recursive: true, force: true }));
  try {
    execFileSync('git', ['clone', '--quiet', PROJECT_ROOT, directory]);
    log(`project tests: npm ci in a fresh clone (${directory})`);
    const install = await timeCommand('npm', ['ci', '--no-audit', '--no-fund'], directory, { CI: 'true' });
    if (install.exitCode !== 0) throw new Error(`npm ci failed:\n${install.output.slice(-2000)}`);
    log(`project tests: npm test (the README's test command)`);
    const run = await timeCommand('npm', ['test'], directory, { CI: 'true' });
    let outcome = 'no report';
    try {
      const { stats } = JSON.parse(readFileSync(path.join(directory, 'reports', 'project-tests.json'), 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
      outcome = `${stats.expected + stats.flaky} passed, ${stats.unexpected} failed${stats.skipped ? `, ${stats.skipped} skipped` : ''}`;
    } catch {
      // The run stopped before writing its report; the exit code says so.
    }
    log(`project tests: ${run.seconds.toFixed(1)} s, exit ${run.exitCode} (${outcome})`);
    return { installSeconds: install.seconds, testSeconds: run.seconds, exitCode: run.exitCode, outcome };
  } finally {
    await remove();
  }
}

export function projectTestsTable(figures: ProjectTestFigures): string[] {
  return [
    `## 6. The project's own tests on a fresh clone (\`npm test\`: the type check, the unit tests and the self-test)`,
    '',
    '| step | wall s | outcome |',
    '|---|---|---|',
    `| npm ci | ${s(figures.installSeconds)} | |`,
    `| **npm test** | **${s(figures.testSeconds)}** | exit ${figures.exitCode}: ${figures.outcome} |`,
    '',
    `Goal: under 120 s: ${figures.exitCode === 0 && figures.testSeconds < 120 ? '✓ met' : '✗ not met'}.`,
    '',
  ];
}
