import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../../src/spec/load-spec';
import { pageUrl, startMockProcess } from '../../tests/support/mock-process';
import { log, onExit } from './support';

/** 9. What the recording proxy adds per request, and its throughput (docs/proxy.md). */

const WARM_UP_SECONDS = 2;

export interface ProxyFigures {
  readonly connections: number;
  readonly seconds: number;
  readonly direct: autocannon.Result;
  readonly proxied: autocannon.Result;
}

/**
 * What the recording proxy adds: the same load (a page of 10, `connections` requests in flight) on the
 * mock process directly, then through `npm run proxy` (its own process) in front of it.
 */
export async function benchProxy(connections: number, seconds: number): Promise<ProxyFigures> {
  const mock = await startMockProcess(['--seed', '1']);
  const stopMock = onExit(() => mock.stop());
  const reports = mkdtempSync(path.join(os.tmpdir(), 'bench-proxy-'));
  const proxy = spawn(process.execPath, ['--import', 'tsx', 'src/proxy/cli.ts', '--upstream', mock.url, '--port', '0'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CONTRACT_ENV_FILE: path.join(reports, 'no.env'), CONTRACT_REPORTS_DIR: reports, CONTRACT_AUTH_TOKEN: mock.facts.token },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ended = new Promise((resolve) => proxy.once('exit', resolve));
  const stopProxy = onExit(async () => {
    proxy.kill('SIGTERM');
    await ended;
    rmSync(reports, { recursive: true, force: true });
  });
  try {
    const address = await new Promise<string>((resolve, reject) => {
      let seen = '';
      proxy.stdout!.on('data', (chunk) => {
        seen += chunk;
        const url = /point the client at (http:\/\/\S+)/.exec(seen)?.[1];
        if (url) resolve(url);
      });
      proxy.once('exit', (code) => reject(new Error(`the proxy exited (${code})`)));
    });
    const run = (url: string, duration: number) => autocannon({ url, headers: { 'X-Auth-Token': mock.facts.token }, connections, duration });
    const direct = pageUrl(mock, '?limit=10');
    const proxied = direct.replace(mock.url, address);
    log(`proxy: ${WARM_UP_SECONDS} s warm-up each, then ${seconds} s with ${connections} connections, directly and through the proxy`);
    await run(direct, WARM_UP_SECONDS);
    const directResult = await run(direct, seconds);
    await run(proxied, WARM_UP_SECONDS);
    const proxiedResult = await run(proxied, seconds);
    return { connections, seconds, direct: directResult, proxied: proxiedResult };
  } finally {
    await stopProxy();
    await stopMock();
  }
}

export function proxyTable({ connections, seconds, direct, proxied }: ProxyFigures): string[] {
  const row = (label: string, r: autocannon.Result) => `| ${label} | ${r.latency.p50} | ${r.latency.p99} | ${Math.round(r.requests.average)} | ${r.non2xx + r.errors + r.timeouts} |`;
  return [
    `## 9. The recording proxy (a page of 10, ${connections} requests in flight, ${seconds} s)`,
    '',
    '| | latency p50 (ms) | latency p99 (ms) | requests/s | not 2xx, errors, timeouts |',
    '|---|---:|---:|---:|---:|',
    row('mock directly', direct),
    row('through npm run proxy', proxied),
    '',
    `Added per request: p50 ${proxied.latency.p50 - direct.latency.p50} ms, p99 ${proxied.latency.p99 - direct.latency.p99} ms (the proxy and the mock each a process, on the same ${os.cpus().length} cores as autocannon).`,
    '',
  ];
}
