import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { RULE_IDS } from '../checks/rule-ids';
import { applyEnvFile, loadConfig, type Config } from '../config';
import { loadContract, type Contract } from '../contract';
import { PROJECT_ROOT } from '../spec/load-spec';
import { boundaryValues } from '../spec/boundaries';
import { renderConformanceHtml } from './conformance-html';
import { renderConformanceMarkdown } from './conformance-markdown';
import type { ConformanceReport, Coverage, Evidence, RuleResult, TargetVerdict, WaiverState } from './conformance-model';
import { EVIDENCE_ATTACHMENT, NOT_APPLICABLE, rulesInTitle, type TargetFacts, type TestEvidence } from './evidence';
import { redactText } from '../secrets';
import { baselineResults, loadBaseline, withChanges } from './baseline';
import { combineTargets } from './targets-matrix';
import { buildCatalogue, type CatalogueRule } from './rules-catalogue';
import { documentedShape } from './schema-paths';
import { inputCoverage } from './input-coverage';
import { suiteInfo, summarise, verdictOf, worstVerdict } from './summary';
import { isExpired, loadWaivers } from './waivers';

/** How many failures a rule shows as evidence; the rest are in Playwright's report. */
const EVIDENCE_PER_RULE = 3;

interface TestOutcome {
  readonly id: string;
  /** The Playwright project it ran in; the evidence names its target too. */
  readonly project: string;
  readonly title: string;
  readonly status: TestResult['status'];
  readonly skipReason?: string;
  /** Skipped because a target of this kind can never exercise it (NOT_APPLICABLE), and why. */
  readonly notApplicable?: string;
  readonly error?: string;
  readonly evidence?: TestEvidence;
}

/**
 * Writes reports/conformance.json and reports/conformance.html: the contract's answer for the run —
 * every rule of the spec with its result and evidence, per target when there are several, the coverage
 * of the contract, the waivers. It learns the targets and everything else only from what tests attached
 * (EVIDENCE_ATTACHMENT), so it judges any target alike and a merged sharded run gives the same report.
 */
export default class ConformanceReporter implements Reporter {
  private readonly outcomes = new Map<string, TestOutcome>();
  private config!: Config;
  private contract!: Contract;
  private reportsDir = 'reports';
  /** The run's projects, one per target, in their order. */
  private projects: string[] = [];

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
    this.contract = loadContract();
    this.reportsDir = path.resolve(PROJECT_ROOT, this.config.reportsDir);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
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
    this.outcomes.set(test.id, {
      id: test.id,
      project: test.parent.project()?.name ?? '',
      title: test.titlePath().slice(3).join(' › ') || test.title,
      status: result.status,
      ...(skip?.description ? { skipReason: skip.description } : {}),
      ...(notApplicable && result.status === 'skipped' ? { notApplicable } : {}),
      ...(error ? { error: redactText(stripAnsi(error)).split('\n').slice(0, 6).join('\n') } : {}),
      ...(evidence ? { evidence } : {}),
    });
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const report = this.build(result);
    mkdirSync(this.reportsDir, { recursive: true });
    writeFileSync(path.join(this.reportsDir, 'conformance.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(this.reportsDir, 'conformance.html'), renderConformanceHtml(report));
    writeFileSync(path.join(this.reportsDir, 'conformance.md'), renderConformanceMarkdown(report));
    const shown = path.relative(process.cwd(), path.join(this.reportsDir, 'conformance.html'));
    // A stopped run's reason is printed once, by src/preflight.ts.
    if (this.options.stoppedBecause) return undefined;
    process.stdout.write(`\nConformance: ${verdictLine(report.verdict, report.summary)} — ${shown}\n`);
    const targets = report.targets ?? [];
    if (targets.length > 1) for (const target of targets) process.stdout.write(`  ${target.name}: ${target.stopped ? 'not judged: the run could not reach it (said when it started)' : verdictLine(target.verdict, target.summary)}\n`);
    // The preflight said once why a target could not be reached; the report files say it too.
    for (const problem of report.problems.filter((p) => !targets.some((t) => t.stopped && p.endsWith(t.stopped)))) process.stdout.write(`  ${problem}\n`);
    // An unreachable target is what a run that cannot start is (exit 2); its column stopped, the others ran.
    this.exitCode = targets.some((t) => t.stopped) ? 2 : undefined;
    return report.problems.length ? { status: 'failed' } : undefined;
  }

  /** Exit code 2 is the worst of the targets' when one could not be reached; Playwright itself knows only 0 and 1. */
  async onExit(): Promise<void> {
    if (this.exitCode !== undefined) process.exit(this.exitCode);
  }

  private exitCode: number | undefined;

  private build(result: FullResult): ConformanceReport {
    const { spec } = this.contract;
    const catalogue = buildCatalogue(this.contract);
    const outcomes = [...this.outcomes.values()];
    const { waivers } = loadWaivers(this.config.waiverFiles, new Set(catalogue.map((r) => r.id)));
    const targetOf = (o: TestOutcome) => o.evidence?.target.name ?? o.project;
    const names = [...new Set([...this.projects, ...outcomes.map(targetOf), ...(this.options.targets ?? []).map((t) => t.name)])];
    const baseline = this.config.baseline ? loadBaseline(this.config.baseline) : {};
    const judged = names.map((name) => {
      const own = outcomes.filter((o) => targetOf(o) === name);
      const facts = own.find((o) => o.evidence)?.evidence?.target ?? this.options.targets?.find((t) => t.name === name) ?? { name, kind: this.config.target, baseUrl: 'unknown', projectId: 'unknown' };
      const rules = catalogue.map((rule) => this.judge(rule, own, facts.stopped));
      const before = baseline.baseline && baselineResults(baseline.baseline, name, names.length === 1);
      return { name, facts, rules: before ? withChanges(rules, before) : rules, inBaseline: !!before, stopped: !!facts.stopped };
    });
    const rules = judged.length === 1 ? judged[0]!.rules : combineTargets(judged);
    const targets: TargetVerdict[] = judged.map(({ name, facts, rules: own }) => {
      const summary = summarise(own);
      const { kind, baseUrl, projectId } = facts;
      return { name, verdict: verdictOf(summary), summary, target: { kind, baseUrl, projectId }, ...(facts.stopped ? { stopped: facts.stopped } : {}) };
    });
    const waiverStates: WaiverState[] = waivers.map((waiver) => ({
      ...waiver,
      state: isExpired(waiver) ? 'expired' : rules.some((r) => r.result === 'waived' && (r.id === waiver.rule || r.id.startsWith(`${waiver.rule}:`))) ? 'applied' : 'stale',
    }));
    const problems = [
      ...(this.options.stoppedBecause ? [`The run stopped before its first test: ${this.options.stoppedBecause}`] : []),
      ...(this.options.stoppedBecause ? [] : targets.filter((t) => t.stopped).map((t) => `Target ${t.name} could not be reached, so none of its rules was exercised: ${t.stopped}`)),
      ...(baseline.problem ? [baseline.problem] : []),
      ...(baseline.baseline ? judged.filter((t) => !t.inBaseline).map((t) => `Target ${t.name} is not in the baseline; its rules carry no change.`) : []),
      ...waiverStates
        .filter((w) => w.state === 'expired')
        .map((w) => `The waiver of rule ${w.rule} in ${w.source} (owner ${w.owner}) expired on ${w.expires}: fix the server, or renew the waiver with a reason.`),
    ];
    const summary = summarise(rules);
    const info = spec.doc.info;
    const only = targets.length === 1 ? targets[0]!.target : undefined;
    return {
      schemaVersion: 1,
      verdict: targets.length > 1 ? worstVerdict(targets.map((t) => t.verdict)) : verdictOf(summary),
      summary,
      target: only ?? { kind: targets[0]?.target.kind ?? this.config.target, baseUrl: `${targets.length} targets: ${targets.map((t) => t.name).join(', ')}`, projectId: 'per target' },
      spec: { file: path.relative(PROJECT_ROOT, spec.absolutePath), title: info.title, version: info.version, sha256: spec.sha256 },
      suite: suiteInfo(),
      run: {
        startedAt: result.startTime.toISOString(),
        durationMs: Math.round(result.duration),
        requests: outcomes.reduce((sum, o) => sum + (o.evidence?.requests ?? 0), 0),
        tests: {
          passed: outcomes.filter((o) => o.status === 'passed').length,
          failed: outcomes.filter((o) => o.status === 'failed' || o.status === 'timedOut' || o.status === 'interrupted').length,
          skipped: outcomes.filter((o) => o.status === 'skipped').length,
        },
      },
      rules,
      coverage: this.coverage(outcomes, rules),
      waivers: waiverStates,
      problems,
      targets,
      ...(baseline.baseline ? { baseline: { file: path.relative(PROJECT_ROOT, this.config.baseline!), startedAt: baseline.baseline.run.startedAt, verdict: baseline.baseline.verdict } } : {}),
    };
  }

  /** A rule failed if a test recorded a violation of it (or failed without one while exercising it). */
  private judge(rule: CatalogueRule, outcomes: readonly TestOutcome[], targetStopped?: string): RuleResult {
    const matches = (id: string) => id === rule.id || id.startsWith(`${rule.id}:`);
    const related = outcomes.filter((o) => (o.evidence?.rules ?? rulesInTitle(o.title)).some(matches) || o.evidence?.violations.some((v) => matches(v.ruleId)));
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
        evidence.push({ test: outcome.title, link, check: v.check, title: v.title, ...(v.at ? { at: v.at } : {}), expected: v.expected, actual: v.actual, curl: v.curl, response: v.response });
      }
      const failedWithoutViolation = outcome.status !== 'passed' && !outcome.evidence?.violations.some((v) => !v.waiver) && rulesInTitle(outcome.title).some(matches);
      if (failedWithoutViolation) {
        evidence.push({ test: outcome.title, link, check: 'test-error', title: 'The test could not judge the rule', expected: 'a response to judge', actual: outcome.error ?? outcome.status, curl: '', response: '' });
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
          ? this.options.stoppedBecause
            ? 'the run stopped before its first test'
            : targetStopped
              ? 'the run could not reach this target (see the problems of the run)'
              : [...new Set(skipped)].join('; ') || 'no test of this run exercised it'
          : undefined;
    return {
      id: rule.id,
      group: rule.group,
      title: rule.title,
      pointer: rule.pointer,
      location: this.contract.spec.locate(rule.pointer),
      result,
      ...(reason ? { reason } : {}),
      tests: related.map((o) => ({ title: o.title, status: o.status, link: linkTo(o) })),
      evidence: evidence.slice(0, EVIDENCE_PER_RULE),
    };
  }

  private coverage(outcomes: readonly TestOutcome[], rules: readonly RuleResult[]): Coverage {
    const { operation } = this.contract;
    const statusCounts = new Map<string, number>();
    const properties = new Set<string>();
    const enumCounts = new Map<string, Map<string, number>>();
    const unknown = new Map<string, number>();
    for (const { evidence } of outcomes) {
      if (!evidence) continue;
      for (const [status, n] of Object.entries(evidence.statuses)) statusCounts.set(status, (statusCounts.get(status) ?? 0) + n);
      evidence.properties.forEach((p) => properties.add(p));
      for (const [p, values] of Object.entries(evidence.enumValues)) {
        const counts = enumCounts.get(p) ?? new Map<string, number>();
        for (const [value, n] of Object.entries(values)) counts.set(value, (counts.get(value) ?? 0) + n);
        enumCounts.set(p, counts);
      }
      for (const [p, n] of Object.entries(evidence.unknownProperties)) unknown.set(p, (unknown.get(p) ?? 0) + n);
    }
    const shape = documentedShape(this.contract, operation.responses.get(operation.successStatus)!.mediaTypes[0]!.schemaPointer);
    const documentedStatuses = [...operation.responses.keys()];
    const undocumented = [...statusCounts.keys()].filter((s) => !operation.responses.has(s)).sort();
    const byId = new Map(rules.map((r) => [r.id, r]));
    return {
      statuses: [...documentedStatuses, ...undocumented].map((status) => ({ status, documented: operation.responses.has(status), count: statusCounts.get(status) ?? 0 })),
      boundaries: operation.parameters.flatMap((parameter) =>
        boundaryValues(parameter)
          .filter((b) => byId.has(RULE_IDS.boundary(b)))
          .map((b) => ({
            parameter: b.parameter,
            edge: b.edge,
            value: typeof b.value === 'string' ? `${b.value.length} characters` : String(b.value),
            exercised: byId.get(RULE_IDS.boundary(b))!.result !== 'not-exercised',
          })),
      ),
      properties: shape.properties.map((p) => ({ path: p, observed: properties.has(p) })),
      enums: [...shape.enums].map(([p, values]) => {
        const counts = enumCounts.get(p) ?? new Map<string, number>();
        return { path: p, values: values.map((value) => ({ value, count: counts.get(value) ?? 0 })) };
      }),
      unknownProperties: [...unknown].sort().map(([p, n]) => ({ path: p, count: n })),
      unknownEnumValues: [...shape.enums].flatMap(([p, values]) =>
        [...(enumCounts.get(p) ?? new Map<string, number>())].filter(([value]) => !values.includes(value)).map(([value, n]) => ({ path: p, value, count: n })),
      ),
      inputs: inputCoverage(this.contract, outcomes.flatMap((o) => (o.evidence ? [o.evidence] : []))),
    };
  }
}

/** A link into Playwright's HTML report (reports/html), relative to reports/conformance.html. */
function linkTo(outcome: TestOutcome): string {
  return `html/index.html#?testId=${encodeURIComponent(outcome.id)}`;
}


/** `conformant (54 passed, 0 failed, ...)`, and the regressions when there is a baseline. */
function verdictLine(verdict: ConformanceReport['verdict'], summary: ConformanceReport['summary']): string {
  const regressions = summary.regressions === undefined ? '' : `, ${summary.regressions} ${summary.regressions === 1 ? 'regression' : 'regressions'} since the baseline`;
  return `${verdict}${regressions} (${summary.passed} passed, ${summary.failed} failed, ${summary.notExercised} not exercised, ${summary.notApplicable} not applicable here, ${summary.waived} waived)`;
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
