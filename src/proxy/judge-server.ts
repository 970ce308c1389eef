import { CHECKS, checkAcrossPages, checkExchange, checkLinked } from '../checks/index';
import { pagingSteps } from '../paging/client-walks';
import { changedBetween, linkedPath, settled, settledText } from '../paging/links';
import { pageOf } from '../paging/page';
import type { Violation } from '../checks/violation';
import type { Contract, Contracts } from '../contract';
import type { Walk } from '../http/exchange';
import type { RecordedExchange, Recording } from '../http/recording';
import { pageRequest } from '../http/recorded-requests';
import { buildEvidence } from '../report/evidence';
import { buildCatalogue, type CatalogueRule } from '../report/rules-catalogue';

/** The rules only the pages of a walk together show: the checks of the registry that judge a walk. */
const WALK_RULES = CHECKS.filter((check) => check.walk).map((check) => check.id);
/** The rules only an item and the list its link leads to together show (counts-match-subtasks). */
const LINKED_RULES = CHECKS.filter((check) => check.linked).map((check) => check.id);

/** A rule of the service, judged on the upstream's answers to a client's traffic. */
export interface ServerRuleVerdict {
  /** The operationId whose rule it is: rule ids repeat across operations. */
  readonly operation: string;
  readonly row: CatalogueRule;
  readonly result: 'passed' | 'failed' | 'not-exercised';
  readonly reason?: string;
  /** How many answers (or walks, or linked lists, for a rule across pages or operations) showed it. */
  readonly exercised: number;
  readonly violations: readonly Violation[];
}

/** One operation's side of the service: its rules judged, and how many of the client's requests went to it. */
export interface ServerOperationJudgement {
  readonly contract: Contract;
  readonly requests: number;
  readonly verdicts: readonly ServerRuleVerdict[];
}

/**
 * Judges the service by what it answered a client, operation by operation (each answer by the contract
 * of the operation its path routes to): every rule one answer can show (status, content type, headers,
 * the schema of every status, the page invariants ...) on every answer, the rules across pages on every
 * walk of the client that reached its end (its last page short, or the total received), and the rules
 * across operations on each item whose linked list (an execution's subtasks) the client walked whole.
 * A rule the traffic did not show is not exercised: the proxy sends nothing of its own.
 */
export function judgeServer(contracts: Contracts, recording: Recording): { operations: ServerOperationJudgement[]; unjudged: number; walks: number } {
  const routed = (contract: Contract) => recording.exchanges.filter((exchange) => exchange.decision.route === 'operation' && exchange.operationId === contract.operation.operationId);
  // Every list of each operation the client walked whole, a single page too (what a linked rule reads).
  const wholeWalks = new Map(contracts.all.map((contract) => [contract.operation.operationId, pagingSteps(contract.operation, recording).walks.filter((pages) => walkedWhole(contract, pages))]));
  const target = { name: 'server', kind: 'live' as const, baseUrl: recording.header.baseUrl, projectId: '' };
  let unjudged = 0;
  let walked = 0;
  const operations = contracts.all.map((contract): ServerOperationJudgement => {
    const { operation } = contract;
    const requests = routed(contract);
    // The gateway's throttling answers the request in the operation's stead: the client's to honour.
    const throttling = gatewayThrottling(operation);
    const answered = requests.filter((exchange) => !throttling.has(String(exchange.response.status)));
    const answers = answered.filter((exchange) => !exchange.bodyCut);
    unjudged += answered.length - answers.length;
    const violations: Violation[] = answers.flatMap((exchange) => checkExchange(contract, exchange));
    const exercised = new Map<string, number>();
    const count = (id: string) => exercised.set(id, (exercised.get(id) ?? 0) + 1);
    for (const exchange of answers) for (const id of buildEvidence(contract, target, '', [exchange], []).rules) count(id);

    // Across pages: walks of more than one page (one page alone is judged as an answer).
    const walks = wholeWalks.get(operation.operationId)!.filter((pages) => pages.length > 1);
    walked += walks.length;
    for (const pages of walks) {
      violations.push(...checkAcrossPages(contract, walkOf(contract, pages)));
      for (const id of WALK_RULES) if (operation.rules.has(id)) count(id);
    }

    let moving = 0;
    for (const linked of linkedLists(contracts, contract, answers, wholeWalks)) {
      // An item still changing (an execution still running) is judged only as one snapshot with its list.
      if (!standsStill(contract, linked, answers)) {
        moving += 1;
        continue;
      }
      violations.push(...checkLinked(contract, linked.exchange, linked.item, linked.target, walkOf(linked.target, linked.pages)));
      for (const id of LINKED_RULES) if (operation.rules.get(id)?.link?.name === linked.link) count(id);
    }

    const verdicts = buildCatalogue(contract).map((row): ServerRuleVerdict => {
      const matches = (id: string) => id === row.id || id.startsWith(`${row.id}:`);
      const broken = violations.filter((violation) => matches(violation.ruleId));
      const times = [...exercised].filter(([id]) => matches(id)).reduce((sum, [, n]) => sum + n, 0);
      const verdict = { operation: operation.operationId, row };
      if (broken.length) return { ...verdict, result: 'failed', exercised: Math.max(times, 1), violations: broken };
      if (times > 0) return { ...verdict, result: 'passed', exercised: times, violations: [] };
      const link = operation.rules.get(row.id)?.link;
      const reason = WALK_RULES.includes(row.id)
        ? `the client walked no list of ${operation.operationId} to its end through the proxy`
        : LINKED_RULES.includes(row.id) && link
          ? moving
            ? `the client's traffic held ${moving} item${moving === 1 ? '' : 's'} of ${operation.operationId} whose list link ${link.name} leads to it walked whole, none of them ${settledText(operation.rules.get(row.id)!) ?? 'settled'} nor read again unchanged after that walk: an item still moving on is no snapshot of its list`
            : `the client walked no list that link ${link.name} leads to (${link.operationId}) from an item of ${operation.operationId} to its end through the proxy`
          : requests.length === 0
            ? `the client sent no request to ${operation.operationId} through the proxy`
            : 'the client\'s traffic held no answer that shows it (the suite\'s own tests send requests built for it: npm run conformance)';
      return { ...verdict, result: 'not-exercised', reason, exercised: 0, violations: [] };
    });
    return { contract, requests: requests.length, verdicts };
  });
  return { operations, unjudged, walks: walked };
}

/**
 * The statuses the gateway answers with when it throttles a client, in the operation's stead: those the
 * client rule retry-after-honoured names that the operation does not document (429, APIG's throttling).
 * The suite sends such a request again and stops a run that stays throttled; on traffic they are judged
 * on the client's side (retry-after-honoured, retries-bounded), never as the service's answer.
 */
function gatewayThrottling(operation: Contract['operation']): ReadonlySet<string> {
  const rule = operation.clientRules.get('retry-after-honoured');
  return new Set((rule?.statuses ?? []).filter((status) => !operation.responses.has(status)));
}

/** An item of a page of `contract`, and the whole walk of the list a link of its operation leads to for it. */
interface LinkedList {
  readonly link: string;
  readonly exchange: RecordedExchange;
  readonly item: number;
  readonly target: Contract;
  readonly pages: readonly RecordedExchange[];
}

/**
 * For each link of the operation's success response, each item of an answer whose linked list the client
 * walked whole (its path parameters those the link fills for the item); each linked list once, at the
 * first item that leads to it.
 */
function linkedLists(contracts: Contracts, contract: Contract, answers: readonly RecordedExchange[], wholeWalks: ReadonlyMap<string, readonly RecordedExchange[][]>): LinkedList[] {
  const { operation } = contract;
  const found: LinkedList[] = [];
  for (const link of operation.links.values()) {
    const target = contracts.of(link.operationId);
    const walks = wholeWalks.get(link.operationId) ?? [];
    const judged = new Set<readonly RecordedExchange[]>();
    for (const exchange of answers) {
      if (!exchange.page) continue;
      for (let item = 0; item < exchange.page.items; item += 1) {
        const path = linkedPath(link, operation, exchange, item);
        if (!path) continue;
        const pages = walks.find((walk) => !judged.has(walk) && Object.entries(path).every(([name, value]) => walk[0]!.request.pathParams[name] === value));
        if (!pages) continue;
        judged.add(pages);
        found.push({ link: link.name, exchange, item, target, pages });
      }
    }
  }
  return found;
}

/**
 * Whether the item stood still while the client read its linked list: settled by every rule that follows
 * the link (an execution that has ended), or read again unchanged in an answer after the list's last page.
 */
function standsStill(contract: Contract, linked: LinkedList, answers: readonly RecordedExchange[]): boolean {
  const item = pageOf(contract, linked.exchange)?.items[linked.item];
  const rules = [...contract.operation.rules.values()].filter((rule) => rule.link?.name === linked.link);
  if (rules.every((rule) => settled(rule, item))) return true;
  const end = linked.pages[linked.pages.length - 1]!.seq;
  // A later page without the item is no second read of it: changedBetween says it is gone.
  return answers.some((later) => later.seq > end && changedBetween(contract, linked.exchange, later, linked.item) === undefined);
}

function walkOf(contract: Contract, pages: readonly RecordedExchange[]): Walk {
  return { kind: 'walk', limit: pageRequest(contract.operation, pages[0]!).limit!, pages };
}

/**
 * The client walked the list as the rules of a client ask (each offset where the page before ended)
 * to its end (a short page, or the total received): what the pages add up to is the service's doing.
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
