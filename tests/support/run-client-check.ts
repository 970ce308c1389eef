import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConformanceReport } from '../../src/report/conformance-model';
import { PROJECT_ROOT } from '../../src/spec/load-spec';

export interface ClientCheckRun {
  readonly exitCode: number | null;
  readonly output: string;
  readonly durationMs: number;
  readonly reportsDir: string;
  /** reports/client-conformance.json, if the check wrote one. */
  readonly report?: ConformanceReport;
  /** reports/proxy-conformance.json (client-check --upstream), if the check wrote one. */
  readonly proxyReport?: ConformanceReport;
}

/** The SDK-core client of tests/clients with one behaviour, as a command for the judge to run. */
export function sdkClient(behaviour: string): string[] {
  return [process.execPath, '--import', 'tsx', 'tests/clients/sdk-client.ts', behaviour];
}

/** `npm run client-check -- <args>` (or another CLI: `src/proxy/cli.ts`) in a child process, with its reports in a folder of its own and no .env of the developer's. */
export async function runClientCheck(args: readonly string[], env: Record<string, string> = {}, cli = 'src/client-check/cli.ts'): Promise<ClientCheckRun> {
  const directory = mkdtempSync(path.join(tmpdir(), 'client-check-'));
  const reportsDir = path.join(directory, 'reports');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? directory, CONTRACT_ENV_FILE: path.join(directory, 'no.env'), CONTRACT_REPORTS_DIR: reportsDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const read = (name: string) => {
    const file = path.join(reportsDir, name);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport) : undefined;
  };
  const report = read('client-conformance.json');
  const proxyReport = read('proxy-conformance.json');
  return { exitCode, output, durationMs: performance.now() - started, reportsDir, ...(report ? { report } : {}), ...(proxyReport ? { proxyReport } : {}) };
}
