import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ClientOperationJudgement } from '../checks/client/index';
import type { Contracts } from '../contract';
import type { Recording } from '../http/recording';
import { buildClientReport, operationVerdict, recordedRule, type ClientRun } from '../report/client-report';
import { renderConformanceHtml } from '../report/conformance-html';
import { renderConformanceMarkdown } from '../report/conformance-markdown';
import type { ConformanceReport, RuleResult, TargetVerdict } from '../report/conformance-model';
import { summarise, worstVerdict } from '../report/summary';
import { maskId, redactUrl } from '../secrets';
import type { ServerOperationJudgement } from './judge-server';

/** The two sides of the traffic, as the report's targets name them. */
export const SIDES = { server: 'server', client: 'client' } as const;

/**
 * A side's verdict on traffic it did not choose: a broken rule makes it not conformant; else it is
 * conformant once the traffic exercised a rule at all. The rules the traffic did not exercise are
 * listed as not exercised, and do not make it incomplete: only the client decides what is sent.
 */
export function sideVerdict(summary: ConformanceReport['summary']): ConformanceReport['verdict'] {
  return summary.failed ? 'not-conformant' : summary.passed ? 'conformant' : 'incomplete';
}

export interface ProxyRun extends ClientRun {
  readonly upstream: string;
  readonly proxyUrl: string;
}

/**
 * One report of both sides: the client's rules and the service's, each with its side's verdict
 * (targets[] client and server), and a section per operation (`operations`: each operation's rules of
 * both sides, its verdict by the sides' rule; not exercised when the client never called it).
 */
export function buildProxyReport(contracts: Contracts, recording: Recording, client: readonly ClientOperationJudgement[], server: readonly ServerOperationJudgement[], run: ProxyRun): ConformanceReport {
  const clientReport = buildClientReport(contracts, recording, client, run);
  const serverRules = server.flatMap(({ contract, verdicts }) =>
    verdicts.map((verdict) =>
      recordedRule(contract, { id: verdict.row.id, group: verdict.row.group, title: verdict.row.title, pointer: verdict.row.pointer, result: verdict.result, reason: verdict.reason, exercised: verdict.exercised }, verdict.violations),
    ),
  );
  const bySide = (side: string, rules: readonly RuleResult[]) => rules.map((rule): RuleResult => ({ ...rule, byTarget: { [side]: { result: rule.result, ...(rule.reason ? { reason: rule.reason } : {}) } } }));
  const clientRules = bySide(SIDES.client, clientReport.rules);
  const clashing = clientRules.find((rule) => serverRules.some((other) => other.id === rule.id && other.operation === rule.operation));
  if (clashing) throw new Error(`rule id ${clashing.id} of ${clashing.operation} names a rule of the client and one of the service`);
  const projectId = maskId(recording.header.facts.projectId);
  const side = (name: string, rules: readonly RuleResult[], target: TargetVerdict['target']): TargetVerdict => {
    const summary = summarise(rules);
    return { name, verdict: sideVerdict(summary), summary, target };
  };
  const targets = [
    side(SIDES.server, serverRules, { kind: 'live', baseUrl: redactUrl(run.upstream), projectId }),
    side(SIDES.client, clientRules, { kind: 'client', baseUrl: run.proxyUrl, projectId }),
  ];
  // Operation by operation, as the report's sections read them: the service's rules, then the client's.
  const rules = contracts.all.flatMap(({ operation }) => [...bySide(SIDES.server, serverRules), ...clientRules].filter((rule) => rule.operation === operation.operationId));
  return {
    ...clientReport,
    verdict: worstVerdict(targets.map((t) => t.verdict)),
    summary: summarise(rules),
    target: { kind: 'proxy', baseUrl: redactUrl(run.upstream), projectId, ...(run.command === undefined ? {} : { command: run.command }) },
    rules,
    operations: contracts.all.map((contract) => operationVerdict(contract, rules, { names: [SIDES.server, SIDES.client], verdictOf: sideVerdict })),
    targets,
  };
}

/** Writes reports/proxy-conformance.json, .html and .md; returns the path of the HTML. */
export function writeProxyReport(report: ConformanceReport, reportsDir: string): string {
  mkdirSync(reportsDir, { recursive: true });
  writeFileSync(path.join(reportsDir, 'proxy-conformance.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(reportsDir, 'proxy-conformance.md'), renderConformanceMarkdown(report));
  const html = path.join(reportsDir, 'proxy-conformance.html');
  writeFileSync(html, renderConformanceHtml(report));
  return html;
}
