import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ClientOperationJudgement } from '../checks/client/index';
import { shown } from '../http/recorded-requests';
import type { Contract, Contracts } from '../contract';
import type { RecordedExchange, Recording } from '../http/recording';
import type { Violation } from '../checks/violation';
import { maskId } from '../secrets';
import { renderConformanceHtml } from './conformance-html';
import { REPORT_SCHEMA_VERSION, type ConformanceReport, type Coverage, type Evidence, type OperationVerdict, type RequestRow, type RuleResult } from './conformance-model';
import { recordViolation } from './evidence';
import { EVIDENCE_PER_RULE } from './judge-rules';
import { ruleKey } from './rules-catalogue';
import { suiteInfo } from '../suite';
import { summarise, verdictOf } from './summary';

/** How many failing requests a rule links to (its evidence is as long as a server report's, judge-rules.ts). */
const REQUESTS_PER_RULE = 5;

/** How the client's command ran, when the judge ran it (a recording made elsewhere has none). */
export interface ClientRun {
  /** The command line, secrets redacted. */
  readonly command?: string;
  readonly exitCode?: number | null;
  readonly startedAt: Date;
  readonly durationMs: number;
  /** Problems of the check itself, each one line: the command failed, no request reached the mock ... */
  readonly problems: readonly string[];
}

/**
 * The client's conformance report: the server report's model, its rules those of x-client-rules, a
 * section per operation (`operations`; each rule, its evidence and its coverage name the operation).
 * An operation the client never called is not exercised, and leaves the verdict as the operations it
 * called make it: a client calls what it needs. A client that called none is incomplete.
 */
export function buildClientReport(contracts: Contracts, recording: Recording, judgements: readonly ClientOperationJudgement[], run: ClientRun): ConformanceReport {
  const { spec } = contracts;
  const rules = judgements.flatMap(({ contract, verdicts }) =>
    verdicts.map((verdict) =>
      recordedRule(contract, { id: verdict.rule.id, group: verdict.group, title: verdict.title, pointer: verdict.rule.pointer, result: verdict.result, reason: verdict.reason, exercised: verdict.exercised }, verdict.violations),
    ),
  );
  const summary = summarise(rules);
  const { header, exchanges } = recording;
  const problems = [
    ...run.problems,
    ...(header.spec.sha256 === spec.sha256 ? [] : [`The recording was made with another version of the spec (${header.spec.file}, sha256 ${header.spec.sha256.slice(0, 12)}); it is judged by ${spec.file} as it is now.`]),
  ];
  const first = exchanges[0]?.startedAt ?? 0;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    verdict: verdictOf(summarise(calledRules(judgements, rules))),
    summary,
    target: {
      kind: 'client',
      baseUrl: header.baseUrl,
      projectId: maskId(header.facts.projectId),
      ...(run.command === undefined ? {} : { command: run.command }),
      scenario: { id: header.scenario.id, description: header.scenario.description },
    },
    spec: { file: spec.file, title: spec.doc.info.title, version: spec.doc.info.version, sha256: spec.sha256 },
    suite: suiteInfo(),
    run: {
      startedAt: run.startedAt.toISOString(),
      durationMs: Math.round(run.durationMs),
      requests: exchanges.length,
      ...(run.exitCode === undefined ? {} : { exitCode: run.exitCode }),
    },
    operations: judgements.map(({ contract }) => operationVerdict(contract, rules)),
    rules,
    coverage: contracts.all.map((contract) => statusCoverage(contract, recording)),
    waivers: [],
    problems,
    requests: exchanges.map((exchange): RequestRow => {
      const url = new URL(exchange.request.url);
      return { seq: exchange.seq, atMs: Math.round(exchange.startedAt - first), method: exchange.request.method, target: `${url.pathname}${url.search}`, status: exchange.response.status, notes: notesOf(exchange) };
    }),
  };
}

/** The rules of the operations the client called; all of them when it called none (then nothing was judged). */
export function calledRules<T extends Pick<RuleResult, 'operation'>>(judgements: readonly Pick<ClientOperationJudgement, 'contract' | 'notCalled'>[], rules: readonly T[]): T[] {
  const called = new Set(judgements.filter((j) => !j.notCalled).map((j) => j.contract.operation.operationId));
  return called.size === 0 ? [...rules] : rules.filter((rule) => called.has(rule.operation));
}

/** One operation's section: its rules' summary (those that name it) and the verdict they make, on each side when given. */
export function operationVerdict(
  { operation }: Contract,
  rules: readonly RuleResult[],
  sides?: { readonly names: readonly string[]; readonly verdictOf: (summary: ConformanceReport['summary']) => ConformanceReport['verdict'] },
): OperationVerdict {
  const own = rules.filter((rule) => rule.operation === operation.operationId);
  const summary = summarise(own);
  const bySide = sides?.names.map((name) => {
    const sideSummary = summarise(own.filter((rule) => rule.byTarget?.[name]));
    return [name, { verdict: sides.verdictOf(sideSummary), summary: sideSummary }] as const;
  });
  return {
    operation: operation.operationId,
    method: operation.method,
    path: operation.pathTemplate,
    verdict: sides ? sides.verdictOf(summary) : verdictOf(summary),
    summary,
    ...(bySide ? { byTarget: Object.fromEntries(bySide) } : {}),
  };
}

/**
 * The statuses the client met at one operation, documented or not: for a client, the gateway's answers
 * the client rules name (429) are documented behaviour too. The client judge holds requests against
 * rules; it does not sort a client's inputs into classes, nor read the bodies' properties.
 */
function statusCoverage({ operation }: Contract, recording: Recording): Coverage {
  const statuses = new Map<string, number>();
  for (const exchange of recording.exchanges) {
    if (exchange.decision.route === 'iam' || exchange.operationId !== operation.operationId) continue;
    statuses.set(String(exchange.response.status), (statuses.get(String(exchange.response.status)) ?? 0) + 1);
  }
  const documented = new Set([...operation.responses.keys(), ...[...operation.clientRules.values()].flatMap((rule) => rule.statuses)]);
  return {
    operation: operation.operationId,
    statuses: [...new Set([...operation.responses.keys(), ...statuses.keys()])].map((status) => ({ status, documented: documented.has(status), count: statuses.get(status) ?? 0 })),
    boundaries: [],
    properties: [],
    enums: [],
    unknownProperties: [],
    unknownEnumValues: [],
    inputs: [],
  };
}

/** A rule's row of one operation judged on recorded traffic: its result, links to the requests that broke it, the first few as evidence. */
export function recordedRule(
  { spec, operation }: Contract,
  rule: Pick<RuleResult, 'id' | 'group' | 'title' | 'pointer' | 'result' | 'exercised'> & { readonly reason?: string | undefined },
  violations: readonly Violation[],
): RuleResult {
  const failing = [...new Set(violations.map((v) => v.exchange as RecordedExchange))];
  const { reason, ...rest } = rule;
  return {
    ...rest,
    operation: operation.operationId,
    key: ruleKey(operation.operationId, rule.id),
    location: spec.locate(rule.pointer),
    ...(reason ? { reason } : {}),
    tests: failing.slice(0, REQUESTS_PER_RULE).map((exchange) => ({ title: shown(exchange), status: 'failed', link: requestLink(exchange) })),
    evidence: violations.slice(0, EVIDENCE_PER_RULE).map((violation): Evidence => {
      const { check, title, at, expected, actual, curl, response } = recordViolation(violation);
      const exchange = violation.exchange as RecordedExchange;
      return { operation: operation.operationId, test: shown(exchange), link: requestLink(exchange), check, title, ...(at ? { at } : {}), expected, actual, curl, response };
    }),
  };
}

/** Writes reports/client-conformance.json and .html; returns their paths. */
export function writeClientReport(report: ConformanceReport, reportsDir: string): { json: string; html: string } {
  mkdirSync(reportsDir, { recursive: true });
  const json = path.join(reportsDir, 'client-conformance.json');
  const html = path.join(reportsDir, 'client-conformance.html');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(html, renderConformanceHtml(report));
  return { json, html };
}

/** The request's row in the report's list of requests. */
function requestLink(exchange: RecordedExchange): string {
  return `#request-${exchange.seq}`;
}

function notesOf({ decision }: RecordedExchange): string[] {
  return [
    ...(decision.route === 'iam' ? ['IAM token request'] : decision.route === 'unknown' ? ['no operation\'s path'] : []),
    ...(decision.injected ? [`scenario: ${decision.injected}`] : []),
    ...(decision.negative !== undefined ? [`negative test: ${decision.negative}`] : []),
    ...(decision.credentials?.refused ? [`credentials refused (${decision.credentials.refused.case})`] : []),
    ...(decision.parameterProblem ? [decision.parameterProblem] : []),
  ];
}
