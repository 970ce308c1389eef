import type { ConformanceReport, Evidence, OperationVerdict, RuleResult, TargetVerdict } from './conformance-model';
import { variablesToSet } from './summary';

const WORDS: Readonly<Record<ConformanceReport['verdict'], string>> = {
  conformant: '✅ Conformant',
  'not-conformant': '❌ Not conformant',
  incomplete: '⚠️ Incomplete',
};

/** How long a line may be that is read whole (why a record was picked, how a baseline was read), not skimmed. */
const WHOLE = 600;

/** One failure of one rule on one target: a line of the summary. */
interface FailedLine {
  readonly rule: RuleResult;
  readonly target?: string;
  readonly regression: boolean;
  readonly evidence?: Evidence;
}

/**
 * reports/conformance.md: the report in a few lines for a CI job summary or a merge-request comment —
 * the verdict per operation and per target, the records the suite found itself, regressions first, then
 * each failed rule in one line (named by its operation and id) with its evidence link (relative to
 * reports/, as the HTML's are).
 */
export function renderConformanceMarkdown(report: ConformanceReport): string {
  const targets = report.targets ?? [];
  const operations = report.operations ?? [];
  const several = targets.length > 1;
  const regressions = report.summary.regressions;
  const lines = [
    `## ${WORDS[report.verdict]}: ${text(`${report.spec.title} ${report.spec.version}`)}`,
    '',
    `${several ? targetsLine(targets) : summaryLine(report.summary)}${regressions === undefined ? '' : ` **${regressions} ${regressions === 1 ? 'regression' : 'regressions'}** since the baseline (${text(report.baseline?.startedAt.slice(0, 10) ?? '')}).`}`,
    '',
  ];
  if (operations.length > 1) {
    lines.push('| operation | verdict | passed | failed | not exercised | not applicable |', '|---|---|---:|---:|---:|---:|');
    for (const operation of operations) lines.push(operationRow(operation));
    lines.push('');
  }
  if (several) {
    lines.push('| target | verdict | passed | failed | not exercised | not applicable |' + (regressions === undefined ? '' : ' regressions |'), '|---|---|---:|---:|---:|---:|' + (regressions === undefined ? '' : '---:|'));
    for (const target of targets) lines.push(targetRow(target, regressions !== undefined));
    lines.push('');
  }
  for (const target of targets.filter((t) => t.found?.length)) {
    lines.push(`Records the suite found${several ? ` on **${text(target.name)}**` : ''}:`, ...target.found!.map((record) => `- ${text(record, WHOLE)}`), '');
  }
  if (report.baseline?.note) lines.push(`Baseline: ${text(report.baseline.note, WHOLE)}`, '');
  const failed = failedLines(report.rules, several);
  const regressed = failed.filter((line) => line.regression);
  if (regressed.length > 0) lines.push(`### Regressions (${regressed.length})`, '', ...regressed.map(failedLine), '');
  const others = failed.filter((line) => !line.regression);
  if (others.length > 0) lines.push(`### ${regressed.length > 0 ? 'Still failing' : 'Failed rules'} (${others.length})`, '', ...others.map(failedLine), '');
  const fixed = report.rules.filter((rule) => rule.change === 'fixed');
  if (fixed.length > 0) lines.push(`Fixed since the baseline: ${fixed.map((rule) => `\`${rule.key}\``).join(', ')}.`, '');
  const toSet = variablesToSet(report.rules);
  if (report.verdict === 'incomplete' && toSet.length > 0) lines.push(`Not exercised: set ${toSet.map((name) => `\`${name}\``).join(', ')} to exercise the rest.`, '');
  const transport = report.transportAnswers ?? [];
  if (transport.length > 0) {
    const answers = transport.reduce((sum, row) => sum + row.count, 0);
    const kinds = [...new Set(transport.map((row) => `${row.status} ${row.mediaType}`))];
    lines.push(`${answers} ${answers === 1 ? 'answer was' : 'answers were'} judged as the transport's (a layer in front of the service refusing a request itself: ${kinds.map(text).join(', ')}); their status is judged, their representation is the layer's ([why](conformance.html#transport)).`, '');
  }
  for (const problem of report.problems) lines.push(`> ${text(problem)}`);
  if (report.problems.length > 0) lines.push('');
  lines.push('Full report: [conformance.html](conformance.html)', '');
  return lines.join('\n');
}

function summaryLine(summary: ConformanceReport['summary']): string {
  return `${summary.passed} passed, ${summary.failed} failed, ${summary.notExercised} not exercised, ${summary.notApplicable} not applicable, ${summary.waived} waived of ${summary.rules} rules.`;
}

function targetsLine(targets: readonly TargetVerdict[]): string {
  const count = (verdict: ConformanceReport['verdict']) => targets.filter((t) => !t.stopped && t.verdict === verdict).length;
  const stopped = targets.filter((t) => t.stopped).length;
  return `${targets.length} targets: ${count('conformant')} conformant, ${count('not-conformant')} not conformant, ${count('incomplete')} incomplete${stopped ? `, ${stopped} not judged (unreachable)` : ''}.`;
}

function operationRow(operation: OperationVerdict): string {
  const { summary } = operation;
  const perTarget = operation.byTarget ? ` (${Object.entries(operation.byTarget).map(([name, own]) => `${text(name)}: ${WORDS[own.verdict]}`).join(', ')})` : '';
  return `| ${text(operation.operation)} (${text(`${operation.method} ${operation.path}`)}) | ${WORDS[operation.verdict]}${perTarget} | ${summary.passed} | ${summary.failed} | ${summary.notExercised} | ${summary.notApplicable} |`;
}

function targetRow(target: TargetVerdict, withRegressions: boolean): string {
  const { summary } = target;
  const verdict = target.stopped ? `⛔ Not judged: ${text(target.stopped)}` : WORDS[target.verdict];
  return `| ${text(target.name)} | ${verdict} | ${summary.passed} | ${summary.failed} | ${summary.notExercised} | ${summary.notApplicable} |${withRegressions ? ` ${summary.regressions ?? '—'} |` : ''}`;
}

/** Each failed rule, per target when there are several; a regression is one that did not fail in the baseline. */
function failedLines(rules: readonly RuleResult[], several: boolean): FailedLine[] {
  return rules.flatMap((rule) => {
    if (!several || !rule.byTarget) return rule.result === 'failed' ? [{ rule, regression: rule.change === 'regression', ...(rule.evidence[0] ? { evidence: rule.evidence[0] } : {}) }] : [];
    return Object.entries(rule.byTarget)
      .filter(([, row]) => row.result === 'failed')
      .map(([target, row]) => {
        const evidence = rule.evidence.find((e) => e.target === target);
        return { rule, target, regression: row.change === 'regression', ...(evidence ? { evidence } : {}) };
      });
  });
}

function failedLine({ rule, target, evidence }: FailedLine): string {
  const where = target ? ` on **${text(target)}**` : '';
  const detail = evidence ? `: expected ${text(evidence.expected)}, got ${text(evidence.actual)} — [evidence](${evidence.link})` : '';
  return `- \`${rule.key}\`${where} ${text(rule.title.replace(/\.$/, ''))}${detail}`;
}

/** One line of Markdown, at most `max` characters: no line breaks, no table or markup characters taken literally (underscores inside names are not markup). */
function text(value: string, max = 160): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return (line.length > max ? `${line.slice(0, max - 1)}…` : line).replace(/[\\`*[\]<>|]/g, (char) => `\\${char}`);
}
