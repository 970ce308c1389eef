import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { RULE_IDS } from '../checks/rule-ids';
import { applyEnvFile, loadConfig, type Config } from '../config';
import { loadContract, type Contract } from '../contract';
import { buildDataset } from '../mock/dataset';
import { PROJECT_ROOT } from '../spec/load-spec';
import { boundaryValues } from '../spec/boundaries';
import { renderConformanceHtml } from './conformance-html';
import type { ConformanceReport, Coverage, Evidence, RuleResult, WaiverState } from './conformance-model';
import { EVIDENCE_ATTACHMENT, rulesInTitle, type TestEvidence } from './evidence';
import { redactText, redactUrl } from '../secrets';
import { buildCatalogue, type CatalogueRule } from './rules-catalogue';
import { documentedShape } from './schema-paths';
import { inputCoverage } from './input-coverage';
import { isExpired, loadWaivers } from './waivers';

/** How many failures a rule shows as evidence; the rest are in Playwright's report. */
const EVIDENCE_PER_RULE = 3;

interface TestOutcome {
  readonly id: string;
  readonly title: string;
  readonly status: TestResult['status'];
  readonly skipReason?: string;
  readonly error?: string;
  readonly evidence?: TestEvidence;
}

/**
 * Writes reports/conformance.json and reports/conformance.html: the contract's answer for the run —
 * every rule of the spec with its result and evidence, the coverage of the contract, the waivers.
 * It reads only what tests attached (EVIDENCE_ATTACHMENT), so a merged sharded run gives the same report.
 */
export default class ConformanceReporter implements Reporter {
  private readonly outcomes = new Map<string, TestOutcome>();
  private config!: Config;
  private contract!: Contract;
  private reportsDir = 'reports';

  /** `stoppedBecause`: the run ended before its first test (src/preflight.ts); the report says why. */
  constructor(private readonly options: { stoppedBecause?: string } = {}) {}

  printsToStdio(): boolean {
    return false;
  }

  onBegin(_config?: FullConfig, _suite?: Suite): void {
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
    const skip = [...result.annotations, ...test.annotations].find((a) => a.type === 'skip');
    const error = result.errors[0]?.message;
    this.outcomes.set(test.id, {
      id: test.id,
      title: test.titlePath().slice(3).join(' › ') || test.title,
      status: result.status,
      ...(skip?.description ? { skipReason: skip.description } : {}),
      ...(error ? { error: redactText(stripAnsi(error)).split('\n').slice(0, 6).join('\n') } : {}),
      ...(evidence ? { evidence } : {}),
    });
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const report = this.build(result);
    mkdirSync(this.reportsDir, { recursive: true });
    writeFileSync(path.join(this.reportsDir, 'conformance.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(this.reportsDir, 'conformance.html'), renderConformanceHtml(report));
    const shown = path.relative(process.cwd(), path.join(this.reportsDir, 'conformance.html'));
    // A stopped run's reason is printed once, by src/preflight.ts.
    if (this.options.stoppedBecause) return undefined;
    process.stdout.write(`\nConformance: ${report.verdict} (${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.notExercised} not exercised, ${report.summary.waived} waived) — ${shown}\n`);
    for (const problem of report.problems) process.stdout.write(`  ${problem}\n`);
    return report.problems.length ? { status: 'failed' } : undefined;
  }

  private build(result: FullResult): ConformanceReport {
    const { spec } = this.contract;
    const catalogue = buildCatalogue(this.contract);
    const outcomes = [...this.outcomes.values()];
    const { waivers } = loadWaivers(this.config.waiverFiles, new Set(catalogue.map((r) => r.id)));
    const rules = catalogue.map((rule) => this.judge(rule, outcomes));
    const waiverStates: WaiverState[] = waivers.map((waiver) => ({
      ...waiver,
      state: isExpired(waiver) ? 'expired' : rules.some((r) => r.result === 'waived' && (r.id === waiver.rule || r.id.startsWith(`${waiver.rule}:`))) ? 'applied' : 'stale',
    }));
    const problems = [
      ...(this.options.stoppedBecause ? [`The run stopped before its first test: ${this.options.stoppedBecause}`] : []),
      ...waiverStates
        .filter((w) => w.state === 'expired')
        .map((w) => `The waiver of rule ${w.rule} in ${w.source} (owner ${w.owner}) expired on ${w.expires}: fix the server, or renew the waiver with a reason.`),
    ];
    const count = (value: RuleResult['result']) => rules.filter((r) => r.result === value).length;
    const summary = { rules: rules.length, passed: count('passed'), failed: count('failed'), notExercised: count('not-exercised'), waived: count('waived') };
    const live = this.config.live;
    const projectId = live?.projectId ?? buildDataset({ seed: this.config.mock.seed }).facts.projectId;
    const info = spec.doc.info;
    return {
      schemaVersion: 1,
      verdict: summary.failed ? 'not-conformant' : summary.notExercised ? 'incomplete' : 'conformant',
      summary,
      target: {
        kind: this.config.target,
        baseUrl: live ? redactUrl(live.baseURL) : 'embedded mock (127.0.0.1, a port per worker)',
        projectId: mask(projectId),
      },
      spec: { file: path.relative(PROJECT_ROOT, spec.absolutePath), title: info.title, version: info.version, sha256: spec.sha256 },
      suite: { name: packageJson().name, version: packageJson().version },
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
    };
  }

  /** A rule failed if a test recorded a violation of it (or failed without one while exercising it). */
  private judge(rule: CatalogueRule, outcomes: readonly TestOutcome[]): RuleResult {
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
    const result: RuleResult['result'] = evidence.length ? 'failed' : waivedReason ? 'waived' : ran.length ? 'passed' : 'not-exercised';
    const reason =
      result === 'waived'
        ? waivedReason
        : result === 'not-exercised'
          ? [...new Set(skipped)].join('; ') || (this.options.stoppedBecause ? 'the run stopped before its first test' : 'no test of this run exercised it')
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

/** `0123…cdef`: enough to recognise a project, not to copy it. */
function mask(id: string): string {
  return id.length <= 8 ? `${id.slice(0, 2)}…` : `${id.slice(0, 4)}…${id.slice(-4)}`;
}

function packageJson(): { name: string; version: string } {
  return JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Writes the conformance report of a run that stopped before its first test: every rule not exercised, and why. */
export function writeStoppedReport(reason: string, startedAt: Date): void {
  const reporter = new ConformanceReporter({ stoppedBecause: redactText(reason) });
  reporter.onBegin();
  // onEnd writes synchronously before its first await, so the files exist when the process exits.
  void reporter.onEnd({ status: 'interrupted', startTime: startedAt, duration: Date.now() - startedAt.getTime() });
}
