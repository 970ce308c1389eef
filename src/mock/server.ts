import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Contracts } from '../contract';
import { buildDataset, type DatasetOptions, type MockDataset } from './dataset';
import { deviationById, type Deviation } from './deviations';
import { closingAnswer, ERRORS } from './errors';
import { createHandler } from './handler';
import type { RecordedExchange } from '../http/recording';
import type { Scenario } from './scenarios';
import { variantById } from './variants';

export interface MockServerOptions extends DatasetOptions {
  readonly contracts: Contracts;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Start as a deliberately broken server (see deviations.ts). */
  readonly deviation?: string;
  /** Correct variants of the service's behaviour (src/mock/variants.ts), by id. */
  readonly variants?: readonly string[];
  /** Documented behaviours to show a client (src/mock/scenarios.ts); its data options win over seed and largeCount. */
  readonly scenario?: Scenario;
  /** Receives every exchange once answered, secrets redacted: the recording the client judge reads. */
  readonly record?: (exchange: RecordedExchange) => void;
  /** Every answer this late, as across a real network. */
  readonly latencyMs?: number;
  /** How long an idle keep-alive connection stays open (default 5 s), unannounced, as a gateway with a short idle timeout. */
  readonly keepAliveTimeoutMs?: number;
  /** How long a client may take to send its headers and its whole request (defaults: 10 s, 30 s). */
  readonly timeouts?: { readonly headersMs?: number; readonly requestMs?: number };
  /**
   * Who answers what Node's HTTP parser refuses before any handler runs (an unknown method, a malformed
   * request line, a header section too large): the API gateway, with its JSON error (`gateway`, the
   * default), or Node's own server, as a Node service without a gateway in front does (`node`: a bare
   * 400, 431 or 408 with no body).
   */
  readonly parseErrors?: 'gateway' | 'node';
}

export interface MockServer {
  readonly url: string;
  readonly dataset: MockDataset;
  /** How many requests it has answered. */
  readonly served: number;
  /** The most requests it has held at once (received, not yet answered): how hard a client pressed it. */
  readonly maxInFlight: number;
  /** Break the server in one way, or mend it with undefined. */
  setDeviation(id: string | undefined): void;
  close(): Promise<void>;
}

/** The embedded mock: the operations as the real service behaves, built from the same spec as the tests. */
export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  const dataset = buildDataset({ ...options, ...options.scenario?.dataset?.() });
  let deviation: Deviation | undefined = options.deviation ? deviationById(options.deviation) : undefined;
  const handle = createHandler({
    contracts: options.contracts,
    dataset,
    deviation: () => deviation,
    variants: (options.variants ?? []).map(variantById),
    ...(options.scenario ? { scenario: options.scenario } : {}),
    ...(options.record ? { record: options.record } : {}),
    ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
  });
  let served = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const headersTimeout = options.timeouts?.headersMs ?? 10_000;
  const server: Server = createServer({
    headersTimeout,
    requestTimeout: Math.max(options.timeouts?.requestMs ?? 30_000, headersTimeout),
    // How often Node looks for clients past those timeouts (its default is 30 s).
    connectionsCheckingInterval: Math.min(1_000, headersTimeout),
  }, (request, response) => {
    served += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.once('close', () => (inFlight -= 1));
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"error_code":"WKS.00169999","error_msg":"An internal service error occurred."}');
    });
  });
  if (options.keepAliveTimeoutMs === undefined) server.keepAliveTimeout = 5_000;
  else closeWhenIdle(server, options.keepAliveTimeoutMs);
  // Without a listener Node answers the client itself, as a service of its own without a gateway does.
  if (options.parseErrors !== 'node') server.on('clientError', answerClientError);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    dataset,
    get served() {
      return served;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    setDeviation(id) {
      deviation = id ? deviationById(id) : undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Closes a connection idle for `ms` after its last answer, without saying so beforehand. Node's own
 * keepAliveTimeout announces itself (`Keep-Alive: timeout=0` for a few ms), and Node's and undici's
 * clients then never reuse a connection; a gateway announces nothing, so a client reuses the connection
 * and may write a request on it just as it is closed: the race a run must survive.
 */
function closeWhenIdle(server: Server, ms: number): void {
  server.keepAliveTimeout = 0;
  const timers = new WeakMap<Duplex, NodeJS.Timeout>();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const { socket } = request;
    clearTimeout(timers.get(socket));
    response.once('finish', () => timers.set(socket, setTimeout(() => socket.destroy(), ms)));
  });
}

/**
 * What Node's HTTP parser refuses before any handler runs (oversized request line or headers, a
 * malformed request, a client too slow to send its headers) still gets a JSON error body, as the API
 * gateway answers, with the status HTTP requires; then the connection is closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const answer =
    error.code === 'HPE_HEADER_OVERFLOW' ? ERRORS.requestTooLarge : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? ERRORS.requestTimeout : ERRORS.malformedRequest;
  socket.end(closingAnswer(answer, randomBytes(16).toString('hex')));
}
