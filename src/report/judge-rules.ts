import type { CatalogueRule } from './rules-catalogue';
import type { Evidence, RuleResult } from './conformance-model';
import { rulesInTitle } from './evidence';
import { judges, linkTo, type TestOutcome } from './test-outcome';

/** How many failures a rule shows as evidence; the rest are in Playwright's report. */
export const EVIDENCE_PER_RULE = 3;

/** Why no test of a target exercised anything: the run stopped before its first test, or could not reach the target. */
export interface JudgingContext {
  readonly locate: (pointer: string) => string;
  readonly runStopped?: string;
  readonly targetStopped?: string;
}

/**
 * One rule of the catalogue judged on the outcomes of one target's tests of its operation (a rule two
 * operations share is judged in each on that operation's tests alone): failed if a test recorded a
 * violation of it (or failed without one while exercising it), waived if every violation is waived,
 * passed if a test exercised it, not applicable if every test that could is impossible on this kind of
 * target, else not exercised, with the reasons the skipped tests gave. Pure: the reporter is an adapter.
 */
export function judgeRule(rule: CatalogueRule, outcomes: readonly TestOutcome[], context: JudgingContext): RuleResult {
  const matches = (id: string) => id === rule.id || id.startsWith(`${rule.id}:`);
  const related = outcomes.filter((o) => judges(o, rule.operation)).filter((o) => (o.evidence?.rules ?? rulesInTitle(o.title)).some(matches) || o.evidence?.violations.some((v) => matches(v.ruleId)));
  const ran = related.filter((o) => o.status !== 'skipped');
  const evidence: Evidence[] = [];
  let waivedReason: string | undefined;
  for (const outcome of ran) {
    const link = linkTo(outcome);
    const violations = outcome.evidence?.violations.filter((v) => matches(v.ruleId)) ?? [];
    for (const v of violations) {
      if (v.waiver) {
        waivedReason ??= `${v.waiver.reason} (owner ${v.waiver.owner}, until ${v.waiver.expires}, ${v.waiver.source})`;
        continue;
      }
      evidence.push({ test: outcome.title, link, operation: rule.operation, check: v.check, title: v.title, ...(v.at ? { at: v.at } : {}), expected: v.expected, actual: v.actual, curl: v.curl, response: v.response });
    }
    const failedWithoutViolation = outcome.status !== 'passed' && !outcome.evidence?.violations.some((v) => !v.waiver) && rulesInTitle(outcome.title).some(matches);
    if (failedWithoutViolation) {
      evidence.push({ test: outcome.title, link, operation: rule.operation, check: 'test-error', title: 'The test could not judge the rule', expected: 'a response to judge', actual: outcome.error ?? outcome.status, curl: '', response: '' });
    }
  }
  const skipped = related.filter((o) => o.status === 'skipped').map((o) => o.skipReason).filter((r): r is string => !!r);
  // Not applicable only when every test that could exercise it cannot on this kind of target.
  const inapplicable = related.length > 0 && related.every((o) => o.notApplicable);
  const result: RuleResult['result'] = evidence.length ? 'failed' : waivedReason ? 'waived' : ran.length ? 'passed' : inapplicable ? 'not-applicable' : 'not-exercised';
  const reason =
    result === 'waived'
      ? waivedReason
      : result === 'not-applicable'
        ? [...new Set(related.map((o) => o.notApplicable))].join('; ')
        : result === 'not-exercised'
          ? context.runStopped
            ? 'the run stopped before its first test'
            : context.targetStopped
              ? 'the run could not reach this target (see the problems of the run)'
              : [...new Set(skipped)].join('; ') || 'no test of this run exercised it'
          : undefined;
  return {
    id: rule.id,
    operation: rule.operation,
    key: rule.key,
    group: rule.group,
    title: rule.title,
    pointer: rule.pointer,
    location: context.locate(rule.pointer),
    result,
    ...(reason ? { reason } : {}),
    tests: related.map((o) => ({ title: o.title, status: o.status, link: linkTo(o) })),
    evidence: evidence.slice(0, EVIDENCE_PER_RULE),
  };
}
