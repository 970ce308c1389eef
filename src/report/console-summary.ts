import type { ConformanceReport } from './conformance-model';

/** `conformant (54 passed, 0 failed, ...)`, and the regressions when there is a baseline. */
function verdictLine(verdict: ConformanceReport['verdict'], summary: ConformanceReport['summary']): string {
  const regressions = summary.regressions === undefined ? '' : `, ${summary.regressions} ${summary.regressions === 1 ? 'regression' : 'regressions'} since the baseline`;
  return `${verdict}${regressions} (${summary.passed} passed, ${summary.failed} failed, ${summary.notExercised} not exercised, ${summary.notApplicable} not applicable here, ${summary.waived} waived)`;
}

/**
 * What a run prints at its end: the verdict and where the report is, each operation's verdict when
 * there are several, each target's when there are several, the records the suite found on a target
 * itself and why it picked them, how an older baseline was read, and the run's problems (a target that
 * could not be reached was said once as the run started: its report files say it again, the console does not).
 */
export function conformanceLines(report: ConformanceReport, shownHtml: string): string[] {
  const targets = report.targets ?? [];
  const operations = report.operations ?? [];
  return [
    `Conformance: ${verdictLine(report.verdict, report.summary)} — ${shownHtml}`,
    ...(operations.length > 1 ? operations.map((o) => `  ${o.operation} (${o.method} ${o.path}): ${verdictLine(o.verdict, o.summary)}`) : []),
    ...(targets.length > 1 ? targets.map((target) => `  ${target.name}: ${target.stopped ? 'not judged: the run could not reach it (said when it started)' : verdictLine(target.verdict, target.summary)}`) : []),
    ...targets.flatMap((target) => (target.found?.length ? [`  Records the suite found${targets.length > 1 ? ` on ${target.name}` : ''}:`, ...target.found.map((record) => `    - ${record}`)] : [])),
    ...(report.baseline?.note ? [`  Baseline: ${report.baseline.note}`] : []),
    ...report.problems.filter((p) => !targets.some((t) => t.stopped && p.endsWith(t.stopped))).map((problem) => `  ${problem}`),
  ];
}
