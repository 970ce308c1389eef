import type { IncomingHttpHeaders } from 'node:http';
import type { MockDecision } from '../http/recording';
import { judgeParameters } from './parameters';
import type { Route } from './route';

/**
 * The header with which a client's own negative tests mark a request they send invalid on purpose: the
 * client judge does not hold its parameters or credentials against the client. Its value names the
 * test, and two requests with different values are different requests.
 */
export const NEGATIVE_TEST_HEADER = 'x-contract-negative-test';

export type Decided = { -readonly [K in keyof MockDecision]: MockDecision[K] };

/** What one request is, judged without a service: its route, its first parameter the spec's schemas refuse, a negative test's marker. */
export function decideRequest(routed: Route, url: URL, headers: IncomingHttpHeaders): Decided {
  const decision: Decided = { route: routed.route };
  if ('problem' in routed) decision.parameterProblem = routed.problem;
  if ('path' in routed) {
    const parameters = judgeParameters(routed.contract, routed.path, url.searchParams);
    if (!parameters.ok) decision.parameterProblem = parameters.problem;
  }
  const negative = headers[NEGATIVE_TEST_HEADER];
  if (negative !== undefined) decision.negative = String(negative);
  return decision;
}
