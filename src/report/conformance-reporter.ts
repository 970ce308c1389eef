import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { applyEnvFile, loadConfig, type Config } from '../config';
import { loadContracts, type Contracts } from '../contract';
import { redactText } from '../secrets';
import { PROJECT_ROOT } from '../spec/load-spec';
import { loadBaseline } from './baseline';
import { buildConformanceReport } from './build-conformance-report';
import { renderConformanceHtml } from './conformance-html';
import { renderConformanceMarkdown } from './conformance-markdown';
import type { ConformanceReport } from './conformance-model';
import { conformanceLines } from './console-summary';
import { EVIDENCE_ATTACHMENT, NOT_APPLICABLE, type TargetFacts, type TestEvidence } from './evidence';
import { ruleIdsByOperation } from './rules-catalogue';
import { operationInTitles, type TestOutcome } from './test-outcome';
import { loadWaivers } from './waivers';

/**
 * The Playwright adapter of the conformance report: it turns each test's result and the evidence the
 * test attached (EVIDENCE_ATTACHMENT) into a TestOutcome, and at the end of the run has the report
 * built (build-conformance-report.ts, pure), writes reports/conformance.{json,html,md} and prints the
 * verdict. It learns the targets only from what tests attached, so it judges any target alike and a
 * merged sharded run gives the same report.
 */
export default class ConformanceReporter implements Reporter {
  private readonly outcomes = new Map<string, TestOutcome>();
  private config!: Config;
  private contracts!: Contracts;
  private reportsDir = 'reports';
  /** The run's projects, one per target, in their order. */
  private projects: string[] = [];
  private exitCode: number | undefined;

  /**
   * `stoppedBecause`: the run ended before its first test (src/preflight.ts); the report says why, of
   * `targets`, which no test could describe.
   */
  constructor(private readonly options: { stoppedBecause?: string; targets?: readonly TargetFacts[] } = {}) {}

  printsToStdio(): boolean {
    return false;
  }

  onBegin(_config?: FullConfig, suite?: Suite): void {
    this.projects = suite?.suites.map((project) => project.project()?.name ?? project.title) ?? [];
    applyEnvFile();
    this.config = loadConfig();
    this.contracts = loadContracts();
    this.reportsDir = path.resolve(PROJECT_ROOT, this.config.reportsDir);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcomes.set(test.id, outcomeOf(test, result, this.contracts.all.map((c) => c.operation.operationId)));
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    // `playwright test --list` runs no test: there is no verdict to write.
    if (process.argv.includes('--list')) return undefined;
    const report = this.build(result);
    mkdirSync(this.reportsDir, { recursive: true });
    writeFileSync(path.join(this.reportsDir, 'conformance.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(this.reportsDir, 'conformance.html'), renderConformanceHtml(report));
    writeFileSync(path.join(this.reportsDir, 'conformance.md'), renderConformanceMarkdown(report));
    // A stopped run's reason is printed once, by src/preflight.ts.
    if (this.options.stoppedBecause) return undefined;
    const shown = path.relative(process.cwd(), path.join(this.reportsDir, 'conformance.html'));
    process.stdout.write(`\n${conformanceLines(report, shown).join('\n')}\n`);
    // An unreachable target is what a run that cannot start is (exit 2); its column stopped, the others ran.
    this.exitCode = (report.targets ?? []).some((t) => t.stopped) ? 2 : undefined;
    return report.problems.length ? { status: 'failed' } : undefined;
  }

  /** Exit code 2 is the worst of the targets' when one could not be reached; Playwright itself knows only 0 and 1. */
  async onExit(): Promise<void> {
    if (this.exitCode !== undefined) process.exit(this.exitCode);
  }

  private build(result: FullResult): ConformanceReport {
    const { baseline: report, problem } = this.config.baseline ? loadBaseline(this.config.baseline) : {};
    return buildConformanceReport({
      contracts: this.contracts.all,
      outcomes: [...this.outcomes.values()],
      projects: this.projects,
      ...(this.options.targets ? { targets: this.options.targets } : {}),
      ...(this.options.stoppedBecause ? { stoppedBecause: this.options.stoppedBecause } : {}),
      configuredKind: this.config.target,
      waivers: loadWaivers(this.config.waiverFiles, ruleIdsByOperation(this.contracts.all)).waivers,
      baseline: { ...(this.config.baseline ? { file: this.config.baseline } : {}), ...(report ? { report } : {}), ...(problem ? { problem } : {}) },
      startedAt: result.startTime,
      durationMs: result.duration,
    });
  }
}

/**
 * A test's result as the report judges it: status, the skip or not-applicable reason, its first error
 * (redacted), its operation (its evidence's, else the one its describe titles name), its evidence.
 */
function outcomeOf(test: TestCase, result: TestResult, operationIds: readonly string[]): TestOutcome {
  const attachment = result.attachments.find((a) => a.name === EVIDENCE_ATTACHMENT);
  let evidence: TestEvidence | undefined;
  try {
    const body = attachment?.body ?? (attachment?.path ? readFileSync(attachment.path) : undefined);
    if (body) evidence = JSON.parse(body.toString('utf8')) as TestEvidence;
  } catch {
    // A test that could not attach its evidence still counts by its title and status.
  }
  const annotations = [...result.annotations, ...test.annotations];
  const skip = annotations.find((a) => a.type === 'skip');
  const notApplicable = annotations.find((a) => a.type === NOT_APPLICABLE)?.description;
  const error = result.errors[0]?.message;
  const operation = evidence?.operation ?? operationInTitles(test.titlePath().slice(3), operationIds);
  return {
    id: test.id,
    project: test.parent.project()?.name ?? '',
    title: test.titlePath().slice(3).join(' › ') || test.title,
    status: result.status,
    ...(skip?.description ? { skipReason: skip.description } : {}),
    ...(notApplicable && result.status === 'skipped' ? { notApplicable } : {}),
    ...(error ? { error: redactText(stripAnsi(error)).split('\n').slice(0, 6).join('\n') } : {}),
    ...(operation ? { operation } : {}),
    ...(evidence ? { evidence } : {}),
  };
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Writes the conformance report of a run that stopped before its first test: every rule of every target not exercised, and why. */
export function writeStoppedReport(reason: string, startedAt: Date, targets: readonly TargetFacts[]): void {
  const reporter = new ConformanceReporter({ stoppedBecause: redactText(reason), targets });
  reporter.onBegin();
  // onEnd writes synchronously before its first await, so the files exist when the process exits.
  void reporter.onEnd({ status: 'interrupted', startTime: startedAt, duration: Date.now() - startedAt.getTime() });
}
