import type { ClientCheck, ClientFinding } from './client-check';
import { meantRequests, shown } from '../../http/recorded-requests';

/** Every request is one the operation accepts: its method, its path, parameters valid by their schemas and none repeated. */
export const requestAccepted: ClientCheck = {
  id: 'request-accepted',
  title: 'Request the operation does not accept',
  group: 'parameter',
  run: ({ contract: { operation }, recording }) => {
    const requests = meantRequests(recording);
    const expectedRoute = `${operation.method} ${operation.pathTemplate}`;
    const findings = requests.flatMap((exchange): ClientFinding[] => {
      const { route, parameterProblem } = exchange.decision;
      const { method, url } = exchange.request;
      if (route === 'unknown') {
        return [{ case: 'path', exchange, expected: expectedRoute, actual: `${method} ${new URL(url).pathname}` }];
      }
      if (method !== operation.method) return [{ case: 'method', exchange, expected: `method ${operation.method}`, actual: `${method} (${shown(exchange)})` }];
      if (parameterProblem) {
        return [{ case: 'parameter', exchange, at: 'request', expected: 'path and query parameters valid against their schemas, each given at most once', actual: parameterProblem }];
      }
      return [];
    });
    return {
      exercised: requests.length,
      findings,
      unexercised: 'the client sent no request of its own to the mock (only marked negative tests, or none)',
    };
  },
};
