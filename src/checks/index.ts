import type { Contract, Contracts } from '../contract';
import { SpecError } from '../spec/load-spec';
import type { Exchange, Walk } from '../http/exchange';
import type { Violation } from './violation';
import { answerOf } from './answer';
import { methodExpectation } from './expectations';
import { violationOf, type Check, type Expectation } from './check';
import { completeResponse } from './complete-response';
import { contentTypeConformance } from './content-type-conformance';
import { countCoversPage } from './count-covers-page';
import { countIsTotal } from './count-is-total';
import { countsMatchSubtasks } from './counts-match-subtasks';
import { defaultPage } from './default-page';
import { endAfterBegin } from './end-after-begin';
import { expectedStatus } from './expected-status';
import { itemsWithinLimit } from './items-within-limit';
import { jsonText } from './json-text';
import { ownerMatchesPath } from './owner-matches-path';
import { pageLength } from './page-length';
import { registry } from './registry';
import { responseHeadersConformance } from './response-headers-conformance';
import { responseSchemaConformance } from './response-schema-conformance';
import { servedEmpty } from './served-empty';
import { stableOrder } from './stable-order';
import { statusCodeConformance } from './status-code-conformance';
import { uniqueIds } from './unique-ids';
import { walkComplete } from './walk-complete';

/** Every server check, in the order their findings are listed: those of one exchange, then those across pages and walks. */
export const CHECKS: readonly Check[] = registry('check', [
  completeResponse,
  statusCodeConformance,
  expectedStatus,
  servedEmpty,
  contentTypeConformance,
  jsonText,
  responseHeadersConformance,
  responseSchemaConformance,
  itemsWithinLimit,
  countCoversPage,
  pageLength,
  ownerMatchesPath,
  endAfterBegin,
  uniqueIds,
  countIsTotal,
  walkComplete,
  stableOrder,
  defaultPage,
  countsMatchSubtasks,
]);

/**
 * Every check of one exchange, and the expectation of the test's own rule if given; an answer that did
 * not arrive whole is judged by complete-response alone (what came is no answer to judge), and the
 * transport's own refusal by the checks of its status alone (its representation is the layer's, answer.ts).
 */
export function checkExchange(contract: Contract, exchange: Exchange, given?: Expectation): Violation[] {
  // A method other than the operation's is judged by its case of method-not-allowed, whoever sent it (a client through the proxy too).
  const expectation = given ?? methodExpectation(contract, exchange.request.method);
  const answer = answerOf(contract, exchange, expectation);
  const checks = exchange.response.incomplete ? [completeResponse] : answer.kind === 'transport' ? CHECKS.filter((check) => !check.representation) : CHECKS;
  return checks.flatMap((check) =>
    (check.run?.(expectation ? { contract, exchange, expectation, answer } : { contract, exchange, answer }) ?? []).map((finding) => violationOf(check, finding, exchange)),
  );
}

/** Every page of a walk on its own, then the rules only the pages together can break. */
export function checkWalk(contract: Contract, walk: Walk): Violation[] {
  return [...walk.pages.flatMap((exchange) => checkExchange(contract, exchange)), ...checkAcrossPages(contract, walk)];
}

/** What only the pages of a walk together show: totals, duplicates and gaps across pages. */
export function checkAcrossPages(contract: Contract, walk: Walk): Violation[] {
  return CHECKS.flatMap((check) => (check.walk?.({ contract, walk }) ?? []).map(({ exchange, ...finding }) => violationOf(check, finding, exchange)));
}

/** Several walks of one record: each walk, then the rules across walks (the order does not depend on the page size). */
export function checkWalks(contract: Contract, walks: readonly Walk[]): Violation[] {
  return [
    ...walks.flatMap((walk) => checkWalk(contract, walk)),
    ...CHECKS.flatMap((check) => (check.walks?.({ contract, walks }) ?? []).map(({ exchange, ...finding }) => violationOf(check, finding, exchange))),
  ];
}

/** Item `item` of a page, and the walk of the list a link leads to for it: the rules across operations. */
export function checkLinked(contract: Contract, exchange: Exchange, item: number, target: Contract, walk: Walk): Violation[] {
  return CHECKS.flatMap((check) => (check.linked?.({ contract, exchange, item, target, walk }) ?? []).map((finding) => violationOf(check, finding, exchange)));
}

/**
 * Every rule the spec states for a check that reads fields of it (`begin`, `counts` ...) states them: a
 * rule a check cannot judge would make that check one that never fails, so it is a broken spec, one
 * SpecError naming each place (the preflight and the commands that judge call this once).
 */
export function checkRuleFields({ all }: Contracts): void {
  const problems = all.flatMap(({ spec, operation }) =>
    CHECKS.flatMap((check) => {
      const rule = check.ruleFields && operation.rules.get(check.id);
      return rule ? check.ruleFields!(rule).map((missing) => `${spec.locate(rule.pointer)}: rule ${rule.id} of ${operation.operationId} has no ${missing} (${rule.pointer})`) : [];
    }),
  );
  if (problems.length) throw new SpecError([...new Set(problems)].join('\n'));
}
