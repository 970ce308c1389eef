import type { BoundaryValue } from './boundaries';
import type { InputCell } from './input-classes';

/**
 * The ids of the rows of the rules matrix that are not written under x-contract-rules: one place, for
 * the checks that report against them, the evidence that counts them and the catalogue that lists them.
 */
export const RULE_IDS = {
  /** The status is one the operation documents. */
  documentedStatus: 'status-documented',
  /** A documented status is exercised and answered as documented. */
  status: (status: string | number) => `status-${status}`,
  contentType: 'content-type',
  header: (name: string) => `header-${name}`,
  schema: (status: string | number) => `schema-${status}`,
  /** One edge of a parameter's bounds: `limit-max+1`. */
  boundary: (boundary: Pick<BoundaryValue, 'parameter' | 'edge'>) => `${boundary.parameter}-${boundary.edge}`,
  notInteger: (parameter: string) => `${parameter}-not-integer`,
  /** A case of a rule of x-contract-rules: `unauthenticated:tampered-signature`. */
  ruleCase: (ruleId: string, caseId: string) => `${ruleId}:${caseId}`,
  /** The rows a cell of the input matrix judges, the one it is reported against first. */
  inputCell: ({ parameter, rows }: Pick<InputCell, 'parameter' | 'rows'>): string[] => [
    ...(rows.edge ? [RULE_IDS.boundary({ parameter, edge: rows.edge })] : []),
    ...(rows.notInteger ? [RULE_IDS.notInteger(parameter)] : []),
    ...(rows.ruleCase ? [RULE_IDS.ruleCase(rows.ruleCase.rule, rows.ruleCase.case)] : []),
    ...(rows.rule ? [rows.rule] : []),
  ],
} as const;
