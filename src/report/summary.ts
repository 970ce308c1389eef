import type { ConformanceReport, RuleResult } from './conformance-model';

/** The counts of a report's rules by result. */
export function summarise(rules: readonly RuleResult[]): ConformanceReport['summary'] {
  const count = (value: RuleResult['result']) => rules.filter((rule) => rule.result === value).length;
  return {
    rules: rules.length,
    passed: count('passed'),
    failed: count('failed'),
    notExercised: count('not-exercised'),
    waived: count('waived'),
    warnings: count('warning'),
    notApplicable: count('not-applicable'),
    ...(rules.some((rule) => rule.change) ? { regressions: rules.filter((rule) => rule.change === 'regression').length } : {}),
  };
}

/** The worst verdict first: what several targets' verdicts add up to. */
export function worstVerdict(verdicts: readonly ConformanceReport['verdict'][]): ConformanceReport['verdict'] {
  return verdicts.includes('not-conformant') ? 'not-conformant' : verdicts.includes('incomplete') ? 'incomplete' : 'conformant';
}

/** The variables a release manager can set to exercise what was not, read from the reasons of the rules not exercised. */
export function variablesToSet(rules: readonly RuleResult[]): string[] {
  const reasons = rules.filter((rule) => rule.result === 'not-exercised').map((rule) => rule.reason ?? '');
  return [...new Set(reasons.flatMap((reason) => /^set /.test(reason) ? (reason.match(/\b(?:CONTRACT|HW|HUAWEICLOUD)_[A-Z_]+\b/g) ?? []) : []))];
}

/** A failed rule makes it not conformant; else a rule that could have been exercised and was not makes it incomplete. */
export function verdictOf(summary: ConformanceReport['summary']): ConformanceReport['verdict'] {
  return summary.failed ? 'not-conformant' : summary.notExercised ? 'incomplete' : 'conformant';
}
