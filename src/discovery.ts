import type { Contract, Contracts } from './contract';
import type { Exchange } from './http/exchange';
import { linkedTotalProperty } from './checks/counts-match-subtasks';
import { linkedPath } from './paging/links';
import type { Link } from './spec/operation';
import { expectOk } from './checks/expectations';
import { checkExchange } from './checks/index';
import type { DiscoveryProbe, FoundIds, Target } from './target';

/** Sends one request of an operation to the target (path values, query), as the preflight does. */
export type SendTo = (contract: Contract, path: Readonly<Record<string, string>>, query: Readonly<Record<string, number>>) => Promise<Exchange>;

/** How many of a list's items the suite asks about at most before it gives up looking for one kind of record. */
const MAX_PROBES = 6;

/**
 * Records found by the suite itself: from each list whose owner the target names (a task, CONTRACT_TASK_ID),
 * the links of its success response (ExecuteDetail) lead to the lists of its items (an execution's
 * subtasks). For each owner parameter the target does not name, one list with items and one empty list
 * are picked from the first page, each verified with one request, and the reason said. A configured
 * value always wins. A linked list that cannot be found is one message (`problem`), never a run of failures.
 */
export async function discoverIds(contracts: Contracts, target: Target, sendTo: SendTo): Promise<FoundIds & { problem?: string }> {
  const ids: Record<string, string> = {};
  const emptyIds: Record<string, string> = {};
  const found: string[] = [];
  const broken: DiscoveryProbe[] = [];
  /**
   * An answer the search cannot use is judged: one that breaks the contract is the server's fault, not
   * the configuration's, and the run judges it (the probe is kept for it) instead of asking for a variable.
   */
  const unusable = (contract: Contract, path: Readonly<Record<string, string>>, query: Readonly<Record<string, number>>, exchange: Exchange) => {
    // A success that cannot be read, or any answer the contract does not allow as written; a documented refusal (a record gone since it was listed) is no fault.
    const success = String(exchange.response.status) === contract.operation.successStatus;
    const violations = checkExchange(contract, exchange, success ? expectOk(contract) : undefined);
    if (violations.length === 0) return false;
    const broke = [...new Set(violations.map((v) => `${v.title} [${v.check}]`))].join(', ');
    broken.push({ operationId: contract.operation.operationId, path, query, broke });
    return true;
  };
  const brokenResult = () => ({ ids, emptyIds, found, broken });
  for (const from of contracts.all) {
    const fromOwner = from.operation.list.owner.parameter;
    const ownerValue = target.ids[fromOwner];
    if (ownerValue === undefined) continue;
    for (const link of from.operation.links.values()) {
      const to = contracts.of(link.operationId);
      const toOwner = to.operation.list.owner.parameter;
      const wantIds = target.ids[toOwner] === undefined && ids[toOwner] === undefined;
      const wantEmpty = target.emptyIds[toOwner] === undefined && emptyIds[toOwner] === undefined;
      if (!wantIds && !wantEmpty) continue;
      const largest = to.operation.parameter(to.operation.list.limit).schema.maximum as number;
      const { list } = from.operation;
      const pagePath = { project_id: target.projectId, [fromOwner]: ownerValue };
      const pageQuery = { [list.limit]: from.operation.parameter(list.limit).schema.maximum as number };
      const page = await sendTo(from, pagePath, pageQuery);
      const where = `${from.operation.operationId} for ${fromOwner} ${ownerValue}`;
      const body = page.response.json as Record<string, unknown> | undefined;
      const items = body?.[list.items];
      if (String(page.response.status) !== from.operation.successStatus || !Array.isArray(items)) {
        if (unusable(from, pagePath, pageQuery, page)) return brokenResult();
        return { ids, emptyIds, found, problem: `${where} answered ${page.response.status} ${page.response.statusText} without a list of ${list.items}, so the suite cannot find the ${toOwner} to judge ${to.operation.operationId} with: check ${variableOf(from, fromOwner)}, or name one with ${variableOf(to, toOwner)}` };
      }
      if (items.length === 0) {
        if (!wantIds) continue;
        return { ids, emptyIds, found, problem: `${where} lists no ${list.items} (${list.total} ${String(body?.[list.total])}): the suite has no ${toOwner} to judge ${to.operation.operationId} with. Name one that has some (${variableOf(from, fromOwner)}), or name the ${toOwner} to judge (${variableOf(to, toOwner)}).` };
      }
      const size = sizeHint(from, link);
      const candidates = items.map((item, index) => ({ index, path: linkedPath(link, from.operation, page, index), hint: size ? (item as Record<string, unknown>)?.[size] : undefined })).filter((c) => c.path !== undefined);
      const totalOf = async (path: Readonly<Record<string, string>>) => {
        const query = { [to.operation.list.limit]: to.operation.parameter(to.operation.list.limit).schema.minimum as number };
        const answer = await sendTo(to, path, query);
        const total = (answer.response.json as Record<string, unknown> | undefined)?.[to.operation.list.total];
        if (String(answer.response.status) === to.operation.successStatus && typeof total === 'number') return total;
        unusable(to, path, query, answer);
        return undefined;
      };
      const via = `found through ${where} (link ${link.name})`;
      if (wantIds) {
        // More items than the largest page, so that every page size is judged, but as few as that allows; else the most there are.
        const numeric = candidates.filter((c) => typeof c.hint === 'number') as { index: number; path: Record<string, string>; hint: number }[];
        const ordered = numeric.length
          ? [...numeric.filter((c) => c.hint > largest).sort((a, b) => a.hint - b.hint), ...numeric.filter((c) => c.hint <= largest && c.hint > 0).sort((a, b) => b.hint - a.hint)]
          : candidates;
        let picked: { value: string; total: number; hint: unknown } | undefined;
        for (const candidate of ordered.slice(0, MAX_PROBES)) {
          const total = await totalOf(candidate.path!);
          if (total !== undefined && total > 0) {
            picked = { value: candidate.path![toOwner]!, total, hint: candidate.hint };
            break;
          }
        }
        if (!picked && broken.length) return brokenResult();
        if (!picked) {
          return { ids, emptyIds, found, problem: `${where}: none of the ${Math.min(ordered.length, MAX_PROBES)} ${list.items} asked about has ${to.operation.list.items} in ${to.operation.operationId}, so the suite has nothing to page through. Name a ${toOwner} with ${variableOf(to, toOwner)}.` };
        }
        ids[toOwner] = picked.value;
        const why = picked.total > largest ? `more than the largest page (${to.operation.list.limit} ${largest}), so every page size is judged` : `the most of the first page's ${list.items}${size ? ` by ${size}` : ''}; none holds more than the largest page (${largest}), so walks end on their first page of that size`;
        found.push(`${toOwner} ${picked.value}: ${picked.total} ${to.operation.list.items} (${to.operation.operationId} ${to.operation.list.total}), ${via}: ${why}.`);
      }
      if (wantEmpty) {
        const empties = size ? candidates.filter((c) => c.hint === 0) : [];
        for (const candidate of empties.slice(0, MAX_PROBES)) {
          if ((await totalOf(candidate.path!)) !== 0) continue;
          emptyIds[toOwner] = candidate.path![toOwner]!;
          found.push(`${toOwner} ${emptyIds[toOwner]}: an empty list (${size} 0, ${to.operation.operationId} ${to.operation.list.total} 0), ${via}.`);
          break;
        }
        if (emptyIds[toOwner] === undefined) found.push(`no empty list of ${to.operation.operationId} among the first page of ${where}: its tests of an empty list are skipped (or name one with ${to.operation.parameter(toOwner).variables?.empty ?? toOwner}).`);
      }
    }
  }
  return { ids, emptyIds, found, ...(broken.length ? { broken } : {}) };
}

/** The item property a rule following `link` says the linked list's total equals: a hint of each list's size. */
function sizeHint(from: Contract, link: Link): string | undefined {
  return [...from.operation.rules.values()].filter((rule) => rule.link?.name === link.name).map(linkedTotalProperty).find(Boolean);
}

function variableOf(contract: Contract, parameter: string): string {
  return contract.operation.parameter(parameter).variables?.value ?? parameter;
}
