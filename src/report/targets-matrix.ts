import type { RuleChange, RuleResult } from './conformance-model';

/** One target's judged rules, in catalogue order. */
export interface JudgedTarget {
  readonly name: string;
  readonly rules: readonly RuleResult[];
  /** It could not be reached: its column says so, and it does not count in a rule's combined result. */
  readonly stopped?: boolean;
}

/** Worst first: what a rule's row says across targets. */
const RESULT_ORDER: readonly RuleResult['result'][] = ['failed', 'not-exercised', 'warning', 'waived', 'passed', 'not-applicable'];
const CHANGE_ORDER: readonly RuleChange[] = ['regression', 'still-failing', 'fixed', 'unchanged'];

/**
 * The rules × targets matrix: each rule once, its result the worst of the judged targets' (failed on one
 * target is failed for the release; one that could not be reached has its own verdict instead), each
 * target's result under `byTarget`, the evidence of every target named by target.
 */
export function combineTargets(targets: readonly JudgedTarget[]): RuleResult[] {
  const [first] = targets;
  if (!first) return [];
  return first.rules.map((rule, index) => {
    const rows = targets.map((target) => ({ name: target.name, rule: target.rules[index]!, stopped: target.stopped }));
    const judged = rows.some((row) => !row.stopped) ? rows.filter((row) => !row.stopped) : rows;
    const result = RESULT_ORDER.find((r) => judged.some((row) => row.rule.result === r)) ?? rule.result;
    const changes = rows.map((row) => row.rule.change).filter((c): c is RuleChange => c !== undefined);
    const change = CHANGE_ORDER.find((c) => changes.includes(c));
    // One reason once, named by target only where the targets' reasons differ.
    const withResult = judged.filter((row) => row.rule.result === result && row.rule.reason);
    const distinct = [...new Set(withResult.map((row) => row.rule.reason!))];
    const reasons = distinct.length === 1 && withResult.length === judged.length ? distinct : distinct.map((reason) => `${withResult.filter((row) => row.rule.reason === reason).map((row) => row.name).join(', ')}: ${reason}`);
    const { reason: _reason, change: _change, ...shared } = rule;
    return {
      ...shared,
      result,
      ...(reasons.length ? { reason: reasons.join('; ') } : {}),
      ...(change ? { change } : {}),
      tests: rows.flatMap((row) => row.rule.tests.map((test) => ({ ...test, title: `[${row.name}] ${test.title}` }))),
      evidence: rows.flatMap((row) => row.rule.evidence.map((evidence) => ({ target: row.name, ...evidence }))),
      byTarget: Object.fromEntries(
        rows.map((row) => [row.name, { result: row.rule.result, ...(row.rule.reason ? { reason: row.rule.reason } : {}), ...(row.rule.change ? { change: row.rule.change } : {}) }]),
      ),
    };
  });
}
