import { readFileSync } from 'node:fs';
import { shownPath } from '../targets-file';
import type { ConformanceReport, RuleChange, RuleResult } from './conformance-model';

/** Reads the conformance.json of an earlier run (CONTRACT_BASELINE); one that is not one is a problem, said in one line. */
export function loadBaseline(file: string): { baseline?: ConformanceReport; problem?: string } {
  const shown = shownPath(file);
  let report: Partial<ConformanceReport>;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as Partial<ConformanceReport>;
  } catch (error) {
    return { problem: `CONTRACT_BASELINE ${shown} cannot be read as JSON: ${(error as Error).message}` };
  }
  if (report?.schemaVersion !== 1 || !Array.isArray(report.rules) || !report.run) {
    return { problem: `CONTRACT_BASELINE ${shown} is not the conformance.json of a run (schemaVersion 1 with rules)` };
  }
  return { baseline: report as ConformanceReport };
}

/**
 * A target's results in the baseline, by rule id: the target of the same name, or, when both runs
 * judged one target, that one (a single run's target is named after its kind, mock or live).
 */
export function baselineResults(baseline: ConformanceReport, name: string, runHasOneTarget: boolean): Map<string, RuleResult['result']> | undefined {
  const names = baseline.targets?.map((t) => t.name) ?? [];
  if (names.length > 1) {
    if (!names.includes(name)) return undefined;
    return new Map(baseline.rules.flatMap((rule) => (rule.byTarget?.[name] ? [[rule.id, rule.byTarget[name]!.result] as const] : [])));
  }
  if (!runHasOneTarget && names[0] !== name) return undefined;
  return new Map(baseline.rules.map((rule) => [rule.id, rule.result]));
}

/** Failing now and not in the baseline (a rule it did not have included) is a regression. */
export function changeOf(before: RuleResult['result'] | undefined, now: RuleResult['result']): RuleChange {
  const failedBefore = before === 'failed';
  if (now === 'failed') return failedBefore ? 'still-failing' : 'regression';
  return failedBefore ? 'fixed' : 'unchanged';
}

/** The rules, each marked with its change since the baseline. */
export function withChanges(rules: readonly RuleResult[], before: ReadonlyMap<string, RuleResult['result']>): RuleResult[] {
  return rules.map((rule) => ({ ...rule, change: changeOf(before.get(rule.id), rule.result) }));
}
