import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../src/spec/load-spec';
import { liveEnv, startMockProcess } from '../tests/support/mock-process';

/**
 * `npm run pack-check`: the package used from another repository, as an SDK team uses it. It packs the
 * package (npm pack), installs the tarball in a new project (npm install, from npm's cache where it
 * can), and runs `npx <package> client-check -- ...` (against the mock, then with --upstream) and
 * `npx <package> proxy -- ...` there, with a client of that project's own. Slow (an npm install): a
 * script, not one of npm test's tests. Exit 0 when every step gave what it should.
 */

const { name } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string };
const log = (line: string) => process.stderr.write(`pack-check: ${line}\n`);
const failures: string[] = [];
const expectThat = (ok: boolean, what: string) => {
  log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

/** A token client in plain JavaScript, as the other project writes it: a walk to the end of the large record. */
const CLIENT = `
const env = (n) => { if (!process.env[n]) throw new Error(n + ' is not set'); return process.env[n]; };
(async () => {
  let offset = 0;
  for (;;) {
    const url = env('CONTRACT_BASE_URL') + '/v1/' + env('CONTRACT_PROJECT_ID') + '/schedule-task/' + env('CONTRACT_EXECUTE_HISTORY_ID') + '/execute-detail?offset=' + offset + '&limit=100';
    const page = await (await fetch(url, { headers: { 'X-Auth-Token': env('CONTRACT_AUTH_TOKEN') } })).json();
    offset += page.items.length;
    if (page.items.length < 100 || offset >= page.count) break;
  }
  console.log('client: ' + offset + ' subtasks read');
})().catch((e) => { console.error(String(e)); process.exit(1); });
`;

function npx(project: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['--no-install', name, ...args], { cwd: project, env: { ...process.env, CONTRACT_ENV_FILE: path.join(project, 'no.env'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * The package's executable (node_modules/.bin, what npx runs) as `proxy -- --upstream URL --port 0`
 * until it prints its address, a client through it, then SIGTERM. npx itself does not pass SIGTERM on
 * to what it runs, so a service manager stops the executable, not npx.
 */
function proxyRound(project: string, upstream: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(project, 'node_modules', '.bin', name), ['proxy', '--', '--upstream', upstream, '--port', '0'], { cwd: project, env: { ...process.env, CONTRACT_ENV_FILE: path.join(project, 'no.env'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    createInterface({ input: child.stdout }).on('line', (line) => {
      output += `${line}\n`;
      const address = /point the client at (http:\/\/\S+)/.exec(line)?.[1];
      if (!address) return;
      const client = spawn(process.execPath, ['client.js'], { cwd: project, env: { ...process.env, ...env, CONTRACT_BASE_URL: address }, stdio: 'inherit' });
      client.on('close', () => child.kill('SIGTERM'));
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function main(): Promise<number> {
  const project = mkdtempSync(path.join(os.tmpdir(), 'pack-check-'));
  const mock = await startMockProcess([]);
  try {
    log(`packing ${name} into ${project}`);
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', project], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'an-sdk-team', version: '1.0.0', private: true }, null, 2));
    writeFileSync(path.join(project, 'client.js'), CLIENT);
    log(`npm install ./${tarball} (from npm's cache where it can)`);
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`], { cwd: project, stdio: 'inherit' });

    const env = liveEnv(mock, 'token');
    const againstMock = await npx(project, ['client-check', '--', process.execPath, 'client.js']);
    expectThat(againstMock.code === 0 && /Client conformance: conformant/.test(againstMock.output), `npx ${name} client-check -- node client.js: conformant, exit 0 (exit ${againstMock.code})`);
    expectThat(existsSync(path.join(project, 'reports', 'client-conformance.html')), 'its report is in the project\'s reports/, not in node_modules');

    const throughProxy = await npx(project, ['client-check', '--', '--upstream', mock.url, process.execPath, 'client.js'], env);
    expectThat(throughProxy.code === 0 && /Proxy conformance: conformant/.test(throughProxy.output), `npx ${name} client-check -- --upstream URL node client.js: both sides conformant, exit 0 (exit ${throughProxy.code})`);

    rmSync(path.join(project, 'reports', 'proxy-conformance.json'), { force: true });
    const proxy = await proxyRound(project, mock.url, env);
    expectThat(proxy.code === 0 && /Proxy conformance: conformant/.test(proxy.output) && existsSync(path.join(project, 'reports', 'proxy-conformance.json')), `node_modules/.bin/${name} proxy -- --upstream URL, a client through it, SIGTERM: both sides conformant, reports written, exit 0 (exit ${proxy.code})`);
    if (failures.length) process.stderr.write(`\n${[againstMock, throughProxy, proxy].map((run) => run.output.slice(-1500)).join('\n---\n')}\n`);
  } finally {
    await mock.stop();
    rmSync(project, { recursive: true, force: true });
  }
  log(failures.length ? `${failures.length} step(s) failed` : 'the packed package works from another project');
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`pack-check cannot run: ${String((error as Error).message ?? error)}\n`);
    process.exit(2);
  },
);
