import { CHECKS, checkAcrossPages, checkExchange } from '../checks/index';
import { pagingSteps } from '../paging/client-walks';
import type { Violation } from '../checks/violation';
import type { Contract } from '../contract';
import type { RecordedExchange, Recording } from '../http/recording';
import { pageRequest } from '../http/recorded-requests';
import { buildEvidence } from '../report/evidence';
import { buildCatalogue, type CatalogueRule } from '../report/rules-catalogue';

/** The rules only the pages of a walk together show: the checks of the registry that judge a walk. */
const WALK_RULES = CHECKS.filter((check) => check.walk).map((check) => check.id);

/** A rule of the service, judged on the upstream's answers to a client's traffic. */
export interface ServerRuleVerdict {
  readonly row: CatalogueRule;
  readonly result: 'passed' | 'failed' | 'not-exercised';
  readonly reason?: string;
  /** How many answers (or walks, for a rule across pages) showed it. */
  readonly exercised: number;
  readonly violations: readonly Violation[];
}

/**
 * Judges the service by what it answered a client: every rule one answer can show (status, content type,
 * headers, the schema of every status, the page invariants ...) on every answer of the operation, and the
 * rules across pages on every walk of the client that reached its end (its last page short, or count
 * items received). A rule the traffic did not show is not exercised: the proxy sends nothing of its own.
 */
export function judgeServer(contract: Contract, recording: Recording): { verdicts: ServerRuleVerdict[]; unjudged: number; walks: number } {
  const { operation } = contract;
  const answers = recording.exchanges.filter((exchange) => exchange.decision.route === 'operation' && !exchange.bodyCut);
  const unjudged = recording.exchanges.filter((exchange) => exchange.decision.route === 'operation' && exchange.bodyCut).length;
  const violations: Violation[] = answers.flatMap((exchange) => checkExchange(contract, exchange));
  const exercised = new Map<string, number>();
  const count = (id: string) => exercised.set(id, (exercised.get(id) ?? 0) + 1);
  const target = { name: 'server', kind: 'live' as const, baseUrl: recording.header.baseUrl, projectId: '' };
  for (const exchange of answers) for (const id of buildEvidence(contract, target, '', [exchange], []).rules) count(id);

  const walks = pagingSteps(operation, recording).walks.filter((pages) => pages.length > 1 && walkedWhole(contract, pages));
  for (const pages of walks) {
    const { limit } = pageRequest(operation, pages[0]!);
    violations.push(...checkAcrossPages(contract, { kind: 'walk', limit: limit!, pages }));
    for (const id of WALK_RULES) count(id);
  }

  const verdicts = buildCatalogue(contract).map((row): ServerRuleVerdict => {
    const matches = (id: string) => id === row.id || id.startsWith(`${row.id}:`);
    const broken = violations.filter((violation) => matches(violation.ruleId));
    const times = [...exercised].filter(([id]) => matches(id)).reduce((sum, [, n]) => sum + n, 0);
    if (broken.length) return { row, result: 'failed', exercised: Math.max(times, 1), violations: broken };
    if (times > 0) return { row, result: 'passed', exercised: times, violations: [] };
    const reason = WALK_RULES.includes(row.id)
      ? 'the client walked no record to its end through the proxy'
      : 'the client\'s traffic held no answer that shows it (the suite\'s own tests send requests built for it: npm run conformance)';
    return { row, result: 'not-exercised', reason, exercised: 0, violations: [] };
  });
  return { verdicts, unjudged, walks: walks.length };
}

/**
 * The client walked the record as the rules of a client ask (each offset where the page before ended)
 * to its end (a short page, or count items received): what the pages add up to is the service's doing.
 */
function walkedWhole({ operation }: Contract, pages: readonly RecordedExchange[]): boolean {
  let received = 0;
  for (const page of pages) {
    if (pageRequest(operation, page).offset !== received || !page.page) return false;
    received += page.page.items;
  }
  const last = pages[pages.length - 1]!;
  return received >= last.page!.count || last.page!.items < (pageRequest(operation, last).limit ?? Infinity);
}
