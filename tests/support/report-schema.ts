import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConformanceReport } from '../../src/report/conformance-model';
import { sharedAjv } from '../../src/validation/ajv';

const SCHEMA = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'src', 'report', 'conformance.schema.json'), 'utf8')) as { $id: string };

/** conformance.json's documented schema, compiled once per process however many test files check against it. */
export const validateReport = sharedAjv().getSchema(SCHEMA.$id) ?? sharedAjv().compile(SCHEMA);

/**
 * What the schema documents and JSON Schema cannot say, of a server's report: every rule's key is its
 * operation and id and stands once, every rule, piece of evidence and coverage names an operation the
 * report gives a verdict for, in the order of `operations`.
 */
export function reportProblems(report: ConformanceReport): string[] {
  const operations = (report.operations ?? []).map((o) => o.operation);
  const problems: string[] = [];
  if (operations.length === 0) problems.push('the report has no operations');
  const keys = new Set<string>();
  for (const rule of report.rules) {
    if (rule.key !== `${rule.operation}/${rule.id}`) problems.push(`rule ${rule.id} of ${rule.operation} has the key ${rule.key}`);
    if (keys.has(rule.key)) problems.push(`the key ${rule.key} stands twice`);
    keys.add(rule.key);
    if (!operations.includes(rule.operation)) problems.push(`rule ${rule.key} names an operation without a verdict`);
    for (const evidence of rule.evidence) if (evidence.operation !== rule.operation) problems.push(`evidence of ${rule.key} names ${evidence.operation}`);
  }
  const order = report.rules.map((rule) => operations.indexOf(rule.operation));
  if (order.some((at, index) => index > 0 && at < order[index - 1]!)) problems.push('the rules are not operation by operation, in the order of operations');
  const covered = report.coverage.map((c) => c.operation);
  if (JSON.stringify(covered) !== JSON.stringify(operations)) problems.push(`coverage is of ${covered.join(', ')}, the verdicts of ${operations.join(', ')}`);
  return problems;
}
