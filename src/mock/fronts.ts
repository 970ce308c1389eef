import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Real HTTP software in front of the mock, each with its distribution's stock settings plus the
 * upstream, so that it answers whatever it answers itself (nginx refuses TRACE with its own page):
 * what a correct service behind a stock gateway shows its clients. The self-test runs the suite behind
 * each (and the mock answering its parse errors as Node's own server does, `parseErrors: 'node'`).
 */
export const FRONTS = ['nginx', 'haproxy'] as const;
export type FrontKind = (typeof FRONTS)[number];

/** The program of each front, as Debian installs it (`apt-get install nginx haproxy`). */
const PROGRAMS: Readonly<Record<FrontKind, string>> = { nginx: 'nginx', haproxy: 'haproxy' };

/**
 * The faults of the mock each gateway does not let through to its client, and why (what it makes of
 * them otherwise, a 502 or a closed connection, is still judged): found by running every deviation of
 * how an answer is framed, labelled and headed behind it (tests/self-test).
 */
export const HIDDEN_BY: Readonly<Record<FrontKind, Readonly<Record<string, string>>>> = {
  nginx: {
    'body-beyond-length': 'nginx reads the upstream answer by its Content-Length and drops the bytes past it',
    'trace-echoed': 'nginx refuses TRACE itself (405) before the service sees it, so the echo never reaches a client',
  },
  haproxy: { 'body-beyond-length': 'HAProxy forwards the body its Content-Length frames and drops the bytes past it' },
};

export interface Front {
  readonly kind: FrontKind;
  readonly url: string;
  close(): Promise<void>;
}

/** Why a front cannot be started here (its program is not installed), if it cannot. */
export function frontMissing(kind: FrontKind): string | undefined {
  const found = spawnSync(PROGRAMS[kind], ['-v'], { stdio: 'ignore' });
  return found.error ? `${PROGRAMS[kind]} is not installed (Debian: apt-get install -y ${PROGRAMS[kind]}; .ci/run installs it)` : undefined;
}

/**
 * The settings of Debian's /etc/nginx/nginx.conf (its http block, logs and temporary files moved to a
 * folder of the run's own, no user switch, in the foreground) and a server that passes every request
 * to the upstream. `proxy_set_header Host $http_host` is the one line past "proxy_pass": the gateway
 * behind it verifies AK/SK signatures, which cover the Host the client signed, and nginx would send
 * the upstream's name instead.
 */
function nginxConfig(dir: string, port: number, upstream: URL): string {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
daemon off;
events { worker_connections 768; }
http {
  sendfile on;
  tcp_nopush on;
  types_hash_max_size 2048;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  gzip on;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://${upstream.host};
      proxy_set_header Host $http_host;
    }
  }
}
`;
}

/** The defaults of Debian's /etc/haproxy/haproxy.cfg (no chroot, user switch or daemon) and one backend: the upstream. */
function haproxyConfig(_dir: string, port: number, upstream: URL): string {
  const errorfiles = [400, 403, 408, 500, 502, 503, 504].map((status) => `  errorfile ${status} /etc/haproxy/errors/${status}.http`);
  return `global
  log stderr format raw local0 err
defaults
  log global
  mode http
  option httplog
  option dontlognull
  timeout connect 5000
  timeout client 50000
  timeout server 50000
${errorfiles.join('\n')}
frontend api
  bind 127.0.0.1:${port}
  default_backend service
backend service
  server service ${upstream.host}
`;
}

/** A free port on loopback, for a program that must be told one. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Waits until the front accepts connections (it reads its configuration first), or it has exited. */
async function listening(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let tries = 0; tries < 100; tries += 1) {
    if (child.exitCode !== null) throw new Error(`the front exited (${child.exitCode}) before it listened: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the front did not listen on 127.0.0.1:${port} within 5 s: ${log()}`);
}

/** Starts `kind` in front of `upstream` (a URL of the mock), on a free port of loopback. */
export async function startFront(kind: FrontKind, upstream: string): Promise<Front> {
  const missing = frontMissing(kind);
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(path.join(tmpdir(), `contract-${kind}-`));
  const port = await freePort();
  const config = path.join(dir, kind === 'nginx' ? 'nginx.conf' : 'haproxy.cfg');
  writeFileSync(config, (kind === 'nginx' ? nginxConfig : haproxyConfig)(dir, port, new URL(upstream)));
  const args = kind === 'nginx' ? ['-p', dir, '-c', config] : ['-db', '-f', config];
  const child = spawn(PROGRAMS[kind], args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += chunk));
  const log = () => {
    try {
      return (errors + (kind === 'nginx' ? readFileSync(path.join(dir, 'error.log'), 'utf8') : '')).trim().slice(-800);
    } catch {
      return errors.trim().slice(-800);
    }
  };
  try {
    await listening(port, child, log);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    kind,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
