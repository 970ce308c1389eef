import type { ClientCheck } from './client-check';
import { meantRequests } from '../../http/recorded-requests';

/** A request sends no query parameter the operation does not define (a warning: the service ignores it). */
export const noUnknownParameter: ClientCheck = {
  id: 'no-unknown-parameter',
  title: 'Query parameter the operation does not define',
  group: 'parameter',
  run: ({ contract: { operation }, recording }) => {
    const known = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    const requests = meantRequests(recording).filter((exchange) => exchange.decision.route === 'operation');
    // Each unknown name once, at the first request that sent it.
    const firstSent = new Map<string, (typeof requests)[number]>();
    for (const exchange of requests) {
      for (const name of new URL(exchange.request.url).searchParams.keys()) if (!known.has(name) && !firstSent.has(name)) firstSent.set(name, exchange);
    }
    const findings = [...firstSent].map(([name, exchange]) => ({
      exchange,
      at: `query ${name}`,
      expected: `only ${[...known].join(', ')}`,
      actual: `${name}, which the service ignores`,
    }));
    return { exercised: requests.length, findings, unexercised: 'the client sent no request to the operation' };
  },
};
