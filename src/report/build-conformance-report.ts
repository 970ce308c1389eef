import path from 'node:path';
import type { Contract } from '../contract';
import { PROJECT_ROOT } from '../spec/load-spec';
import { viewBaseline, withChanges, type BaselineReport } from './baseline';
import { REPORT_SCHEMA_VERSION, type ConformanceReport, type OperationVerdict, type RuleResult, type TargetVerdict, type TransportAnswerRow, type WaiverState } from './conformance-model';
import { coverageOf } from './coverage';
import type { TargetFacts } from './evidence';
import { judgeRule } from './judge-rules';
import { buildCatalogues } from './rules-catalogue';
import { suiteInfo } from '../suite';
import { summarise, verdictOf, worstVerdict } from './summary';
import { combineTargets } from './targets-matrix';
import { targetOf, type TestOutcome } from './test-outcome';
import { isExpired, waiverCovers, type Waiver } from './waivers';

/** The answers judged as the transport's, one row per operation, target, rule, status and media type, in the order first met. */
function transportRows(outcomes: readonly TestOutcome[], several: boolean, locate: (pointer: string) => string): TransportAnswerRow[] {
  const rows = new Map<string, TransportAnswerRow>();
  for (const outcome of outcomes) {
    const { evidence } = outcome;
    for (const answer of evidence?.transportAnswers ?? []) {
      const target = several ? targetOf(outcome) : undefined;
      const key = JSON.stringify([evidence!.operation, target, answer.ruleId, answer.status, answer.mediaType]);
      const row = rows.get(key);
      rows.set(key, row ? { ...row, count: row.count + 1 } : { operation: evidence!.operation, ...(target ? { target } : {}), rule: answer.ruleId, status: answer.status, mediaType: answer.mediaType, count: 1, because: answer.because, location: locate(answer.pointer), curl: answer.curl });
    }
  }
  return [...rows.values()];
}

/** Everything a conformance report is built from; the reporter gathers it, this module only judges and assembles. */
export interface ReportInput {
  /** The operations judged, each as its contract, in the order the spec writes them. */
  readonly contracts: readonly Contract[];
  readonly outcomes: readonly TestOutcome[];
  /** The run's projects, one per target, in their order. */
  readonly projects: readonly string[];
  /** Targets no test could describe (the run stopped before its first test). */
  readonly targets?: readonly TargetFacts[];
  /** The run stopped before its first test, and why (src/preflight.ts). */
  readonly stoppedBecause?: string;
  /** The kind of target the configuration names, for a target no test described. */
  readonly configuredKind: 'mock' | 'live';
  readonly waivers: readonly Waiver[];
  readonly baseline: { readonly file?: string; readonly report?: BaselineReport; readonly problem?: string };
  readonly startedAt: Date;
  readonly durationMs: number;
}

/**
 * The conformance report of a run: every rule of every operation's catalogue judged per target (the
 * rules × targets matrix when there are several), each operation's verdict, the baseline's changes, the
 * waivers' states, the run's problems and each operation's coverage. Pure: it reads no file and prints nothing.
 */
export function buildConformanceReport(input: ReportInput): ConformanceReport {
  const { contracts, outcomes, stoppedBecause, waivers, baseline } = input;
  const [first] = contracts;
  if (!first) throw new Error('a conformance report judges at least one operation');
  const { spec } = first;
  const catalogue = buildCatalogues(contracts);
  const names = [...new Set([...input.projects, ...outcomes.map(targetOf), ...(input.targets ?? []).map((t) => t.name)])];
  const view = baseline.report && baseline.file ? viewBaseline(baseline.report, baseline.file, contracts) : undefined;
  const judged = names.map((name) => {
    const own = outcomes.filter((o) => targetOf(o) === name);
    const facts = own.find((o) => o.evidence)?.evidence?.target ?? input.targets?.find((t) => t.name === name) ?? { name, kind: input.configuredKind, baseUrl: 'unknown', projectId: 'unknown' };
    const context = { locate: (pointer: string) => spec.locate(pointer), ...(stoppedBecause ? { runStopped: stoppedBecause } : {}), ...(facts.stopped ? { targetStopped: facts.stopped } : {}) };
    const rules = catalogue.map((rule) => judgeRule(rule, own, context));
    const before = view?.results(name, names.length === 1);
    return { name, facts, rules: before ? withChanges(rules, before) : rules, inBaseline: !!before, stopped: !!facts.stopped };
  });
  const rules = judged.length === 1 ? judged[0]!.rules : combineTargets(judged);
  const targets: TargetVerdict[] = judged.map(({ name, facts, rules: own }) => {
    const summary = summarise(own);
    const { kind, baseUrl, projectId } = facts;
    return { name, verdict: verdictOf(summary), summary, target: { kind, baseUrl, projectId }, ...(facts.stopped ? { stopped: facts.stopped } : {}), ...(facts.found?.length ? { found: facts.found } : {}) };
  });
  const operations: OperationVerdict[] = contracts.map(({ operation }) => {
    const of = (list: readonly RuleResult[]) => list.filter((rule) => rule.operation === operation.operationId);
    const summary = summarise(of(rules));
    const byTarget = judged.map(({ name, rules: own }) => {
      const ownSummary = summarise(of(own));
      return [name, { verdict: verdictOf(ownSummary), summary: ownSummary }] as const;
    });
    return {
      operation: operation.operationId,
      method: operation.method.toUpperCase(),
      path: operation.pathTemplate,
      verdict: judged.length > 1 ? worstVerdict(byTarget.map(([, t]) => t.verdict)) : verdictOf(summary),
      summary,
      ...(judged.length > 1 ? { byTarget: Object.fromEntries(byTarget) } : {}),
    };
  });
  const waiverStates: WaiverState[] = waivers.map((waiver) => ({
    ...waiver,
    state: isExpired(waiver) ? 'expired' : rules.some((r) => r.result === 'waived' && waiverCovers(waiver, r.operation, r.id)) ? 'applied' : 'stale',
  }));
  const problems = [
    ...(stoppedBecause ? [`The run stopped before its first test: ${stoppedBecause}`] : []),
    ...(stoppedBecause ? [] : targets.filter((t) => t.stopped).map((t) => `Target ${t.name} could not be reached, so none of its rules was exercised: ${t.stopped}`)),
    ...(baseline.problem ? [baseline.problem] : []),
    ...(view?.problem ? [view.problem] : []),
    ...(view && !view.problem ? judged.filter((t) => !t.inBaseline).map((t) => `Target ${t.name} is not in the baseline; its rules carry no change.`) : []),
    ...waiverStates
      .filter((w) => w.state === 'expired')
      .map((w) => `The waiver of rule ${w.rule}${w.operation ? ` of ${w.operation}` : ''} in ${w.source} (owner ${w.owner}) expired on ${w.expires}: fix the server, or renew the waiver with a reason.`),
  ];
  const summary = summarise(rules);
  const info = spec.doc.info;
  const only = targets.length === 1 ? targets[0]!.target : undefined;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    verdict: targets.length > 1 ? worstVerdict(targets.map((t) => t.verdict)) : verdictOf(summary),
    summary,
    target: only ?? { kind: targets[0]?.target.kind ?? input.configuredKind, baseUrl: `${targets.length} targets: ${targets.map((t) => t.name).join(', ')}`, projectId: 'per target' },
    spec: { file: path.relative(PROJECT_ROOT, spec.absolutePath), title: info.title, version: info.version, sha256: spec.sha256 },
    suite: suiteInfo(),
    run: {
      startedAt: input.startedAt.toISOString(),
      durationMs: Math.round(input.durationMs),
      requests: outcomes.reduce((sum, o) => sum + (o.evidence?.requests ?? 0), 0),
      tests: {
        passed: outcomes.filter((o) => o.status === 'passed').length,
        failed: outcomes.filter((o) => o.status === 'failed' || o.status === 'timedOut' || o.status === 'interrupted').length,
        skipped: outcomes.filter((o) => o.status === 'skipped').length,
      },
    },
    operations,
    rules,
    coverage: contracts.map((contract) => coverageOf(contract, outcomes, rules)),
    waivers: waiverStates,
    problems,
    transportAnswers: transportRows(outcomes, names.length > 1, (pointer) => spec.locate(pointer)),
    targets,
    ...(baseline.report && baseline.file
      ? { baseline: { file: path.relative(PROJECT_ROOT, baseline.file), startedAt: baseline.report.run.startedAt, verdict: baseline.report.verdict, ...(view?.note ? { note: view.note } : {}) } }
      : {}),
  };
}
