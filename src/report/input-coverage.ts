import type { Contract } from '../contract';
import { familyCells } from '../families/negative-families';
import type { Coverage } from './conformance-model';
import { countInputs, type TestEvidence } from './evidence';

/** What the report calls the classes only the random tests produced. */
export const RANDOM_FAMILY = 'random';

/**
 * Input coverage: every cell of every family of deliberate requests with how often a test judged it
 * (0: never), then the classes only the random tests produced; families in their order, parameters in
 * the spec's order within one.
 */
export function inputCoverage(contract: Contract, evidence: readonly TestEvidence[]): NonNullable<Coverage['inputs']> {
  const { parameters } = contract.operation;
  const cells = familyCells(contract.operation);
  const matrix = cells.map((cell) => ({ parameter: cell.parameter, class: cell.class, expected: cell.statuses, count: 0 }));
  const counted = countInputs([...matrix, ...evidence.flatMap((e) => e.inputs ?? [])]);
  const familyOf = (row: { parameter: string; class: string }) => cells.find((c) => c.parameter === row.parameter && c.class === row.class)?.family ?? RANDOM_FAMILY;
  const families = [...new Set(cells.map((c) => c.family)), RANDOM_FAMILY];
  const order = (parameter: string) => parameters.findIndex((p) => p.name === parameter);
  return counted
    .map((row, index) => ({ row, index, family: familyOf(row) }))
    .sort((a, b) => families.indexOf(a.family) - families.indexOf(b.family) || order(a.row.parameter) - order(b.row.parameter) || a.index - b.index)
    .map(({ row, family }) => ({ family, parameter: row.parameter, class: row.class, expected: [...row.expected], count: row.count }));
}
