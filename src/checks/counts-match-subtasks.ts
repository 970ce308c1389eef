import { settledStates } from '../paging/links';
import { pageOf } from '../paging/page';
import { redactUrl } from '../secrets';
import type { Rule } from '../spec/operation';
import type { Check, Finding } from './check';

/** How a rule states that an item's counts sum up the items of the list its link leads to. */
interface CountsRule {
  /** The item's property that equals the linked list's total. */
  readonly total?: string;
  /** The property of a linked item the counts are by (its status). */
  readonly countedBy?: string;
  /** Item property → the values of countedBy it counts exactly. */
  readonly counts: Readonly<Record<string, readonly string[]>>;
  /** Item property → values it may count as well. */
  readonly mayAlsoCount: Readonly<Record<string, readonly string[]>>;
}

function countsOf(fields: Readonly<Record<string, unknown>>): CountsRule {
  const mapping = (value: unknown) =>
    Object.fromEntries(Object.entries(value && typeof value === 'object' ? value : {}).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)]));
  return {
    ...(typeof fields.total === 'string' ? { total: fields.total } : {}),
    ...(typeof fields['counted-by'] === 'string' ? { countedBy: fields['counted-by'] } : {}),
    counts: mapping(fields.counts),
    mayAlsoCount: mapping(fields['may-also-count']),
  };
}

/**
 * An item's counts sum up the list its link leads to (counts-match-subtasks): an execution's
 * total_count is the count of its subtasks, and each status count the number of its subtasks in those
 * statuses. Judged on an item of a page and the walk of the linked list for it, taken one after the other.
 */
export const countsMatchSubtasks: Check = {
  id: 'counts-match-subtasks',
  title: 'Counts differ from the linked list',
  ruleFields: (rule) => {
    const { total, countedBy, counts } = countsOf(rule.fields);
    return [
      ...(rule.link ? [] : ['link: the link of the success response it follows']),
      ...(total === undefined && Object.keys(counts).length === 0 ? ['total or counts: what of an item sums up the linked list'] : []),
      ...(Object.keys(counts).length > 0 && countedBy === undefined ? ['counted-by: the property of a linked item its counts are by'] : []),
      // Written otherwise, settled would take every item for one that has ended: the check would judge running ones.
      ...(rule.fields.settled !== undefined && !settledStates(rule) ? ['settled as a mapping of an item property to the values in which the item no longer changes (status: [SUCCESS, FAILED])'] : []),
    ];
  },
  linked: ({ contract, exchange, item, target, walk }) => {
    const rule = contract.operation.rules.get(countsMatchSubtasks.id);
    const page = rule && pageOf(contract, exchange);
    const entry = page?.items[item];
    if (!rule || !page || !entry || walk.stoppedEarly) return [];
    const pages = walk.pages.map((p) => pageOf(target, p));
    if (pages.some((p) => !p)) return [];
    const linkedTotal = pages[0]!.total;
    const linkedItems = pages.flatMap((p) => p!.items);
    // A linked list whose walk does not add up is walk-complete's finding, not a count's.
    if (linkedItems.length !== linkedTotal) return [];
    const { total, countedBy, counts, mayAlsoCount } = countsOf(rule.fields);
    const at = (property: string) => `body.${page.list.items}[${item}].${property}`;
    // The linked list as it was asked for, so that both sides of a difference can be sent again.
    const linked = walk.pages[0]!.request;
    const via = `${target.operation.operationId} (link ${rule.link?.name ?? '?'}) for ${JSON.stringify(entry[page.list.itemId])}, ${linked.method} ${redactUrl(linked.url)}${walk.pages.length > 1 ? ` and the ${walk.pages.length - 1} page${walk.pages.length === 2 ? '' : 's'} after it` : ''}`;
    const findings: Finding[] = [];
    if (total !== undefined && entry[total] !== undefined && entry[total] !== linkedTotal) {
      findings.push({ at: at(total), expected: `${linkedTotal}, the ${target.operation.list.total} of ${via}`, actual: JSON.stringify(entry[total]), rule: rule.pointer, ruleId: rule.id });
    }
    for (const [property, values] of countedBy ? Object.entries(counts) : []) {
      if (entry[property] === undefined) continue;
      const exact = linkedItems.filter((i) => values.includes(String(i[countedBy!]))).length;
      const also = linkedItems.filter((i) => (mayAlsoCount[property] ?? []).includes(String(i[countedBy!]))).length;
      const actual = entry[property];
      if (typeof actual === 'number' && actual >= exact && actual <= exact + also) continue;
      const which = `${values.join(', ')}${also ? ` (and up to ${also} more in ${mayAlsoCount[property]!.join(', ')})` : ''}`;
      findings.push({ at: at(property), expected: `${also ? `${exact} to ${exact + also}` : exact}, the items of ${via} with ${countedBy} ${which}`, actual: JSON.stringify(actual), rule: rule.pointer, ruleId: rule.id });
    }
    return findings;
  },
};

/** The item property a rule of counts-match-subtasks says equals the linked list's total (its `total`), if it names one: a hint of the size of each linked list. */
export function linkedTotalProperty(rule: Rule): string | undefined {
  return rule.id === countsMatchSubtasks.id ? countsOf(rule.fields).total : undefined;
}


