import type { TestEvidence } from './evidence';

/** One test of the run as the reports judge it: its result and what it attached, nothing of Playwright's types. */
export interface TestOutcome {
  readonly id: string;
  /** The Playwright project it ran in; the evidence names its target too. */
  readonly project: string;
  readonly title: string;
  readonly status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  readonly skipReason?: string;
  /** Skipped because a target of this kind can never exercise it (NOT_APPLICABLE), and why. */
  readonly notApplicable?: string;
  readonly error?: string;
  readonly evidence?: TestEvidence;
}

/** A link into Playwright's HTML report (reports/html), relative to reports/conformance.html. */
export function linkTo(outcome: Pick<TestOutcome, 'id'>): string {
  return `html/index.html#?testId=${encodeURIComponent(outcome.id)}`;
}

/** The target a test ran against: the one its evidence names, else its project. */
export function targetOf(outcome: TestOutcome): string {
  return outcome.evidence?.target.name ?? outcome.project;
}
