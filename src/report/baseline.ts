import { readFileSync } from 'node:fs';
import type { Contract } from '../contract';
import { shownPath } from '../targets-file';
import { REPORT_SCHEMA_VERSION, type ConformanceReport, type RuleChange, type RuleResult } from './conformance-model';
import { ruleKey } from './rules-catalogue';

/** The schema version of the reports that judged one operation, their rules named by id alone. */
const ONE_OPERATION_VERSION = 1;

/** What a baseline is read by, of either schema version: a version 1 report's rules have no operation. */
export interface BaselineReport {
  readonly schemaVersion: typeof ONE_OPERATION_VERSION | typeof REPORT_SCHEMA_VERSION;
  readonly verdict: ConformanceReport['verdict'];
  readonly run: { readonly startedAt: string };
  readonly rules: readonly BaselineRule[];
  readonly targets?: readonly { readonly name: string }[];
}

type BaselineRule = Pick<RuleResult, 'id' | 'pointer' | 'result' | 'byTarget'> & { readonly operation?: string };

/** Reads the conformance.json of an earlier run (CONTRACT_BASELINE); one that is not one is a problem, said in one line. */
export function loadBaseline(file: string): { baseline?: BaselineReport; problem?: string } {
  const shown = shownPath(file);
  let report: Partial<BaselineReport>;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as Partial<BaselineReport>;
  } catch (error) {
    return { problem: `CONTRACT_BASELINE ${shown} cannot be read as JSON: ${(error as Error).message}` };
  }
  const versions: unknown[] = [ONE_OPERATION_VERSION, REPORT_SCHEMA_VERSION];
  if (!versions.includes(report?.schemaVersion) || !Array.isArray(report.rules) || !report.run) {
    return { problem: `CONTRACT_BASELINE ${shown} is not the conformance.json of a run (schemaVersion ${versions.join(' or ')} with rules)` };
  }
  return { baseline: report as BaselineReport };
}

/** A baseline as the run compares with it: each target's results by rule key, and how it was read when not as it is. */
export interface BaselineView {
  /** How the baseline was read, when not as it is (an older report judged one operation). */
  readonly note?: string;
  /** It cannot be compared with at all. */
  readonly problem?: string;
  /**
   * A target's results in the baseline, by rule key: the target of the same name, or, when both runs
   * judged one target, that one (a single run's target is named after its kind, mock or live).
   */
  results(name: string, runHasOneTarget: boolean): Map<string, RuleResult['result']> | undefined;
}

/**
 * Reads a baseline against the operations of this run. A report of schema version 1 judged one
 * operation and named its rules by id alone: they are read as the operation of this spec its rules'
 * pointers lead into (the path and method it was judged at), and the note says so.
 */
export function viewBaseline(baseline: BaselineReport, file: string, contracts: readonly Contract[]): BaselineView {
  const shown = shownPath(file);
  let operationOf = (rule: BaselineRule): string | undefined => rule.operation;
  let note: string | undefined;
  if (baseline.schemaVersion === ONE_OPERATION_VERSION) {
    const inside = (pointer: string, contract: Contract) => pointer === contract.operation.pointer || pointer.startsWith(`${contract.operation.pointer}/`);
    const only = contracts.find((contract) => baseline.rules.some((rule) => typeof rule.pointer === 'string' && inside(rule.pointer, contract)));
    if (!only) {
      return { problem: `CONTRACT_BASELINE ${shown} is a report of schema version 1, of one operation, and none of its rules is written at an operation of the spec: its rules carry no change.`, results: () => undefined };
    }
    const id = only.operation.operationId;
    const others = contracts.map((c) => c.operation.operationId).filter((other) => other !== id);
    note = `${shown} is a report of schema version 1, which judged one operation: its rules are read as ${id}'s (the operation its rules are written at)${others.length ? `; ${others.join(', ')} ${others.length === 1 ? 'was' : 'were'} not in it, so a failing rule of ${others.length === 1 ? 'it' : 'theirs'} counts as a regression` : ''}.`;
    operationOf = () => id;
  }
  const keyed = (rule: BaselineRule) => {
    const operation = operationOf(rule);
    return operation === undefined ? undefined : ruleKey(operation, rule.id);
  };
  return {
    ...(note ? { note } : {}),
    results(name, runHasOneTarget) {
      const names = baseline.targets?.map((t) => t.name) ?? [];
      const entries = (result: (rule: BaselineRule) => RuleResult['result'] | undefined) =>
        new Map(baseline.rules.flatMap((rule) => {
          const key = keyed(rule);
          const value = result(rule);
          return key !== undefined && value !== undefined ? [[key, value] as const] : [];
        }));
      if (names.length > 1) return names.includes(name) ? entries((rule) => rule.byTarget?.[name]?.result) : undefined;
      if (!runHasOneTarget && names[0] !== name) return undefined;
      return entries((rule) => rule.result);
    },
  };
}

/** Failing now and not in the baseline (a rule it did not have included) is a regression. */
export function changeOf(before: RuleResult['result'] | undefined, now: RuleResult['result']): RuleChange {
  const failedBefore = before === 'failed';
  if (now === 'failed') return failedBefore ? 'still-failing' : 'regression';
  return failedBefore ? 'fixed' : 'unchanged';
}

/** The rules, each marked with its change since the baseline (rules are matched by key: operation and id). */
export function withChanges(rules: readonly RuleResult[], before: ReadonlyMap<string, RuleResult['result']>): RuleResult[] {
  return rules.map((rule) => ({ ...rule, change: changeOf(before.get(rule.key), rule.result) }));
}
