import { CHECKS } from '../checks/index';
import type { Contract } from '../contract';
import { RULE_IDS } from '../spec/rule-ids';
import { inputCells, INVALID_RULE, OPEN_SPELLING_RULE } from '../spec/input-classes';
import { appendPointer } from '../spec/json-pointer';
import type { RuleGroup } from './conformance-model';

/** One row of the rules matrix: a rule of one operation of the contract, read from the spec. */
export interface CatalogueRule {
  /** The rule's id in its operation (`count-is-total`): the same in every operation that shares the rule. */
  readonly id: string;
  /** The operationId of the operation the rule is judged in. */
  readonly operation: string;
  /** Unique across the operations of the spec: `ListTaskExecuteHistory/count-is-total` (ruleKey). */
  readonly key: string;
  readonly group: RuleGroup;
  readonly title: string;
  readonly pointer: string;
}

/** The key of a rule unique across the operations: the operationId, a slash, the rule's id (an operationId holds no slash: the key parts at its first). */
export function ruleKey(operation: string, id: string): string {
  return `${operation}/${id}`;
}

/** Rules of x-contract-rules that every page is judged by, whichever test sent the request: the checks of one exchange named after a rule. */
export function pageRules(contract: Contract): string[] {
  return CHECKS.filter((check) => check.run && contract.operation.rules.has(check.id)).map((check) => check.id);
}

/**
 * Every rule of one operation (the test titles of its tests name them, tests/fixtures/titles.ts): each documented status, the documented status set, content type and
 * headers, each response schema, each parameter bound at min-1/min/max/max+1 and each integer
 * parameter's type (cells of the input matrix), each rule of x-contract-rules and each of its cases.
 */
export function buildCatalogue(contract: Contract): CatalogueRule[] {
  const { operation } = contract;
  const rows: Omit<CatalogueRule, 'operation' | 'key'>[] = [];
  const statusKey = (status: string) => appendPointer(operation.responsesPointer, status);

  for (const status of operation.responses.keys()) {
    rows.push({ id: RULE_IDS.status(status), group: 'status', title: `${status} is exercised and answered as documented`, pointer: statusKey(status) });
  }
  rows.push({ id: RULE_IDS.documentedStatus, group: 'status', title: 'Every response has a documented status', pointer: operation.responsesPointer });

  rows.push({ id: RULE_IDS.contentType, group: 'headers', title: 'Every response carries its documented media type', pointer: operation.responsesPointer });
  const headers = new Map<string, string>();
  for (const response of operation.responses.values()) for (const header of response.headers) headers.set(header.name, header.pointer);
  for (const [name, pointer] of headers) rows.push({ id: RULE_IDS.header(name), group: 'headers', title: `Documented header ${name} is present and valid`, pointer });

  for (const [status, response] of operation.responses) {
    for (const media of response.mediaTypes) {
      rows.push({ id: RULE_IDS.schema(status), group: 'schema', title: `The ${status} body conforms to its schema (${media.type})`, pointer: media.schemaPointer });
    }
  }

  // Every parameter at every edge, and each integer parameter's type: the rows of the input matrix
  // that are not cases of a rule. Where a gateway's order of checks makes several statuses correct
  // (a project_id of another length), the cell expects that set, as the spec writes it.
  for (const cell of inputCells(operation)) {
    const [id] = RULE_IDS.inputCell(cell);
    if (!id || rows.some((row) => row.id === id) || (!cell.rows.edge && !cell.rows.notInteger)) continue;
    const title = cell.rows.edge ? `${cell.shown} (${cell.class}) is answered ${cell.statuses.join(' or ')}` : `${cell.parameter} that is not an integer is rejected`;
    rows.push({ id, group: 'parameter', title, pointer: cell.rows.edge ? cell.pointer : appendPointer(operation.parameter(cell.parameter).schemaPointer, 'type') });
  }

  for (const rule of operation.rules.values()) {
    const group: RuleGroup = rule.statuses.some((s) => s === '401' || s === '403') ? 'auth' : rule.id === INVALID_RULE || rule.id === OPEN_SPELLING_RULE ? 'parameter' : rule.statuses.length ? 'status' : 'invariant';
    rows.push({ id: rule.id, group, title: rule.summary, pointer: rule.pointer });
    for (const ruleCase of rule.cases) rows.push({ id: RULE_IDS.ruleCase(rule.id, ruleCase.id), group, title: ruleCase.summary, pointer: ruleCase.pointer });
  }

  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.id)) throw new Error(`rule id ${row.id} stands twice in the catalogue of ${operation.operationId}`);
    seen.add(row.id);
  }
  return rows.map((row) => ({ ...row, operation: operation.operationId, key: ruleKey(operation.operationId, row.id) }));
}

/**
 * The rules matrix of every operation the run judges: each operation's catalogue in the order the spec
 * writes the operations, a rule the operations share standing once per operation (its key tells them apart).
 */
export function buildCatalogues(contracts: readonly Contract[]): CatalogueRule[] {
  const rows = contracts.flatMap(buildCatalogue);
  const keys = new Set(rows.map((row) => row.key));
  if (keys.size !== rows.length) throw new Error(`an operation stands twice among the operations judged: ${contracts.map((c) => c.operation.operationId).join(', ')}`);
  return rows;
}

/** The rule ids of each operation, by operationId: what a waiver may name (waivers.ts). */
export function ruleIdsByOperation(contracts: readonly Contract[]): Map<string, Set<string>> {
  return new Map(contracts.map((contract) => [contract.operation.operationId, new Set(buildCatalogue(contract).map((row) => row.id))]));
}
