import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Contract } from '../contract';
import { buildDataset, type DatasetOptions, type MockDataset } from './dataset';
import { deviationById, type Deviation } from './deviations';
import { createHandler } from './handler';

export interface MockServerOptions extends DatasetOptions {
  readonly contract: Contract;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Start as a deliberately broken server (see deviations.ts). */
  readonly deviation?: string;
}

export interface MockServer {
  readonly url: string;
  readonly dataset: MockDataset;
  /** How many requests it has answered. */
  readonly served: number;
  /** Break the server in one way, or mend it with undefined. */
  setDeviation(id: string | undefined): void;
  close(): Promise<void>;
}

/** The embedded mock: the operation as the real service behaves, built from the same spec as the tests. */
export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  const dataset = buildDataset(options);
  let deviation: Deviation | undefined = options.deviation ? deviationById(options.deviation) : undefined;
  const handle = createHandler({ contract: options.contract, dataset, deviation: () => deviation });
  let served = 0;
  const server: Server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (request, response) => {
    served += 1;
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"error_code":"WKS.00169999","error_msg":"An internal service error occurred."}');
    });
  });
  server.keepAliveTimeout = 5_000;
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
