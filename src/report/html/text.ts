import type { ConformanceReport, RuleChange, RuleGroup, RuleResult, TargetVerdict } from '../conformance-model';

/** The words and small pieces of markup every section of the conformance HTML uses; everything from the report is escaped here. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const VERDICTS: Readonly<Record<ConformanceReport['verdict'], { word: string; icon: string }>> = {
  conformant: { word: 'Conformant', icon: '✔' },
  'not-conformant': { word: 'Not conformant', icon: '✘' },
  incomplete: { word: 'Incomplete', icon: '!' },
};

const RESULTS: Readonly<Record<RuleResult['result'], string>> = {
  passed: 'passed',
  failed: 'FAILED',
  'not-exercised': 'not exercised',
  waived: 'waived',
  warning: 'warning',
  'not-applicable': 'not applicable',
};

export const GROUPS: Readonly<Record<RuleGroup, string>> = {
  status: 'Status codes',
  parameter: 'Parameters',
  schema: 'Response schemas',
  headers: 'Headers',
  invariant: 'Invariants',
  auth: 'Authentication and authorisation',
  paging: 'Paging',
  retries: 'Retries and refusals',
};

/** The operations a report's rules name, in their order, when there are several; one operation needs no sections. */
export function severalOperations(rules: readonly Pick<RuleResult, 'operation'>[]): string[] {
  const operations = [...new Set(rules.map((rule) => rule.operation))];
  return operations.length > 1 ? operations : [];
}

/**
 * The rules of each operation in their order (those of `operations`, by default the rules' own), an
 * operation without rules left out: one group of all the rules when there is one operation.
 */
export function byOperation<T extends Pick<RuleResult, 'operation'>>(rules: readonly T[], operations: readonly string[] = severalOperations(rules)): { operation?: string; rules: T[] }[] {
  if (operations.length === 0) return [{ rules: [...rules] }];
  return operations.map((operation) => ({ operation, rules: rules.filter((rule) => rule.operation === operation) })).filter((part) => part.rules.length > 0);
}

/** The fragment id of a rule's row: its key, unique across operations. */
export function ruleAnchor(rule: Pick<RuleResult, 'key'>): string {
  return anchor(rule.key);
}

/** The targets of a run that judged several (CONTRACT_TARGETS), else none: one target needs no matrix. */
export function severalTargets(report: ConformanceReport): readonly TargetVerdict[] {
  return (report.targets?.length ?? 0) > 1 ? report.targets! : [];
}

const CHANGES: Readonly<Record<RuleChange, string>> = { regression: 'regression', fixed: 'fixed', 'still-failing': 'still failing', unchanged: 'unchanged' };

/** A change worth a badge: what a release manager looks for first; unchanged says nothing. */
export function changeBadge(change: RuleChange | undefined): string {
  return change && change !== 'unchanged' ? ` <span class="badge change change-${escapeHtml(change)}">${escapeHtml(CHANGES[change])}</span>` : '';
}

export function card(title: string, body: string): string {
  return `<div class="card"><h3>${escapeHtml(title)}</h3>${body}</div>`;
}

export function badge(result: RuleResult['result']): string {
  return `<span class="badge badge-${escapeHtml(result)}">${escapeHtml(RESULTS[result] ?? result)}</span>`;
}

/** Links into Playwright's report are relative; anything with a scheme (javascript:, http:) stays text. */
export function link(href: string, text: string): string {
  const compact = href.replace(/[\u0000-\u0020\u007f]/g, '');
  const relative = !/^[a-z][a-z0-9+.-]*:/i.test(compact) && !/^[/\\]{2}/.test(compact);
  return relative ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/** Rule ids such as `limit-max+1` or `unauthenticated:tampered-signature` as fragment-safe ids. */
export function anchor(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Counts come from the report too: escaped like any text, in case a JSON file carries a string there. */
export function number(value: number): string {
  return escapeHtml(String(value));
}

export function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** A report of recorded traffic (a client's, or both sides' through the proxy): its evidence is requests, not tests. */
export function judgesTraffic(report: Pick<ConformanceReport, 'target'>): boolean {
  return report.target.kind === 'client' || report.target.kind === 'proxy';
}
