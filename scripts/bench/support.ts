import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import { PROJECT_ROOT } from '../../src/spec/load-spec';

/** What every benchmark shares: a log line, cleanups however the script ends, spreads, timing a command, formatting. */

export const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** What must be stopped however the script ends: mock processes, Playwright children, temp folders. */
const cleanups = new Set<() => Promise<unknown> | void>();

/** Registers a cleanup; the function returned runs it now (and forgets it). */
export function onExit(cleanup: () => Promise<unknown> | void): () => Promise<void> {
  cleanups.add(cleanup);
  return async () => {
    cleanups.delete(cleanup);
    await cleanup();
  };
}

export async function cleanUp(): Promise<void> {
  const pending = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(pending.map(async (cleanup) => cleanup()));
}

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** A run as a user's would be: the default concurrency, not the project tests' (tests/support/run-suite.ts). */
export function userDefaults(env: Record<string, string>): Record<string, string> {
  return { ...env, CONTRACT_CONCURRENCY: '' };
}

/** Wall seconds of a command in `cwd`, with nothing of the caller's environment but PATH, HOME and `env`. */
export async function timeCommand(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<{ seconds: number; exitCode: number | null; output: string }> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => void child.kill('SIGTERM');
  cleanups.add(kill);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  cleanups.delete(kill);
  return { seconds: (performance.now() - started) / 1000, exitCode, output };
}

export const s = (seconds: number) => seconds.toFixed(2);
export const mib = (kib: number | undefined) => (kib === undefined ? 'n/a' : (kib / 1024).toFixed(0));
export const int = (value: number) => Math.round(value).toLocaleString('en-US');

/** The title and what the figures were measured on: the machine, Node and the commit. */
export function header(options: string): string[] {
  const cpus = os.cpus();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  let commit = 'unknown';
  try {
    commit = git('rev-parse', '--short', 'HEAD');
    // diff-index only reads: exit 1 when the working tree differs from the commit.
    try {
      git('diff-index', '--quiet', 'HEAD', '--');
    } catch {
      commit += ' + uncommitted changes';
    }
  } catch {
    // Not a git checkout.
  }
  return [
    '# Benchmark: Workspace App scheduled-task contract suite (ListTaskExecuteHistory, ListTaskExecuteDetail)',
    '',
    '| | |',
    '|---|---|',
    `| date | ${new Date().toISOString()} |`,
    `| commit | ${commit} |`,
    `| machine | ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB |`,
    `| node | ${process.version} (${os.platform()} ${os.release()}) |`,
    `| options | ${options} |`,
    '',
  ];
}
