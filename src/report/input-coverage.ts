import type { Contract } from '../contract';
import { inputCells } from '../spec/input-classes';
import type { Coverage } from './conformance-model';
import { countInputs, type TestEvidence } from './evidence';

/**
 * Input coverage: every cell of the spec's input matrix with how often a test judged it (0: never),
 * then the classes only the random tests produced; parameters in the spec's order.
 */
export function inputCoverage(contract: Contract, evidence: readonly TestEvidence[]): NonNullable<Coverage['inputs']> {
  const { parameters } = contract.operation;
  const matrix = inputCells(contract.operation).map((cell) => ({ parameter: cell.parameter, class: cell.class, expected: cell.statuses, count: 0 }));
  const counted = countInputs([...matrix, ...evidence.flatMap((e) => e.inputs ?? [])]);
  const order = (parameter: string) => parameters.findIndex((p) => p.name === parameter);
  return counted
    .map((row, index) => ({ row, index }))
    .sort((a, b) => order(a.row.parameter) - order(b.row.parameter) || a.index - b.index)
    .map(({ row }) => ({ parameter: row.parameter, class: row.class, expected: [...row.expected], count: row.count }));
}
