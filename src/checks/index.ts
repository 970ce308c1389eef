import type { Contract } from '../contract';
import type { Exchange } from '../http/exchange';
import type { Violation } from './violation';
import type { Check, Expectation } from './check';
import { completeResponse } from './complete-response';
import { contentTypeConformance } from './content-type-conformance';
import { countCoversPage } from './count-covers-page';
import { endAfterBegin } from './end-after-begin';
import { executeIdMatchesPath } from './execute-id-matches-path';
import { expectedStatus } from './expected-status';
import { itemsWithinLimit } from './items-within-limit';
import { pageLength } from './page-length';
import { responseHeadersConformance } from './response-headers-conformance';
import { responseSchemaConformance } from './response-schema-conformance';
import { statusCodeConformance } from './status-code-conformance';
import { uniqueIds } from './unique-ids';

/** Every check that judges a single exchange, in the order their findings are listed. */
export const CHECKS: readonly Check[] = [
  completeResponse,
  statusCodeConformance,
  expectedStatus,
  contentTypeConformance,
  responseHeadersConformance,
  responseSchemaConformance,
  itemsWithinLimit,
  countCoversPage,
  pageLength,
  executeIdMatchesPath,
  endAfterBegin,
  uniqueIds,
];

const ids = new Set<string>();
for (const check of CHECKS) {
  if (ids.has(check.id)) throw new Error(`A check named ${check.id} is already registered`);
  ids.add(check.id);
}

/** Every check on the exchange; an answer that did not arrive whole is judged by complete-response alone (what came is no answer to judge). */
export function checkExchange(contract: Contract, exchange: Exchange, expectation?: Expectation): Violation[] {
  return (exchange.response.incomplete ? [completeResponse] : CHECKS).flatMap((check) =>
    check
      .run(expectation ? { contract, exchange, expectation } : { contract, exchange })
      .map((finding) => ({ check: check.id, title: check.title, exchange, ...finding })),
  );
}
