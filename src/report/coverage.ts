import { RULE_IDS } from '../spec/rule-ids';
import type { Contract } from '../contract';
import { boundaryValues } from '../spec/boundaries';
import type { Coverage, RuleResult } from './conformance-model';
import { inputCoverage } from './input-coverage';
import { documentedShape } from './schema-paths';
import type { TestOutcome } from './test-outcome';

/**
 * Coverage of one operation by a run, from its tests' evidence alone: documented statuses exercised and how often, boundary values
 * exercised, response properties and enum values observed, what the spec does not document (warnings),
 * and the input classes judged. Pure: read from what the tests attached.
 */
export function coverageOf(contract: Contract, outcomes: readonly TestOutcome[], rules: readonly RuleResult[]): Coverage {
  const { operation } = contract;
  const own = outcomes.filter((o) => o.evidence?.operation === operation.operationId);
  const statusCounts = new Map<string, number>();
  const properties = new Set<string>();
  const enumCounts = new Map<string, Map<string, number>>();
  const unknown = new Map<string, number>();
  for (const { evidence } of own) {
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
  const shape = documentedShape(contract, operation.responses.get(operation.successStatus)!.mediaTypes[0]!.schemaPointer);
  const documentedStatuses = [...operation.responses.keys()];
  const undocumented = [...statusCounts.keys()].filter((s) => !operation.responses.has(s)).sort();
  const byId = new Map(rules.filter((r) => r.operation === operation.operationId).map((r) => [r.id, r]));
  return {
    operation: operation.operationId,
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
    inputs: inputCoverage(contract, own.flatMap((o) => (o.evidence ? [o.evidence] : []))),
  };
}
