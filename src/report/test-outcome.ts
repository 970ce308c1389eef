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
  /**
   * The operation the test judged: its evidence's, else the operationId its title starts with (a test
   * skipped before its fixtures ran attaches none); unknown, it counts for every operation that has the
   * rules its title names.
   */
  readonly operation?: string;
  readonly evidence?: TestEvidence;
}

/** Whether a test judged this operation (one whose operation is unknown counts for each). */
export function judges(outcome: Pick<TestOutcome, 'operation' | 'evidence'>, operation: string): boolean {
  const own = outcome.evidence?.operation ?? outcome.operation;
  return own === undefined || own === operation;
}

/**
 * The operation a test's titles name: the first of its describe titles (outermost first) that is an
 * operationId or starts with one followed by what cannot continue it (`ListTaskExecuteHistory paging`,
 * `ListTaskExecuteHistory: paging`), if any.
 */
export function operationInTitles(titles: readonly string[], operationIds: readonly string[]): string | undefined {
  for (const title of titles) {
    const found = operationIds.find((id) => title.startsWith(id) && !/^[A-Za-z0-9_]/.test(title.slice(id.length)));
    if (found) return found;
  }
  return undefined;
}

/** A link into Playwright's HTML report (reports/html), relative to reports/conformance.html. */
export function linkTo(outcome: Pick<TestOutcome, 'id'>): string {
  return `html/index.html#?testId=${encodeURIComponent(outcome.id)}`;
}

/** The target a test ran against: the one its evidence names, else its project. */
export function targetOf(outcome: TestOutcome): string {
  return outcome.evidence?.target.name ?? outcome.project;
}
