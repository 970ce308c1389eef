import { checkExchange } from '../../src/checks';
import { loadContract } from '../../src/contract';
import type { Exchange } from '../../src/http/exchange';
import { buildUrl } from '../../src/http/send';
import { buildDataset } from '../../src/mock/dataset';
import { int, log } from './support';

/** 3. Validation throughput: the compiled validator of a page, and every check of an exchange. */

const VALIDATION_MS = 2_000;

/** How many times per second `work` runs, over about `ms` milliseconds, after a short warm-up. */
function perSecond(work: () => unknown, ms: number): number {
  const until = (end: number) => {
    let count = 0;
    while (performance.now() < end) {
      for (let i = 0; i < 50; i += 1) work();
      count += 50;
    }
    return count;
  };
  until(performance.now() + 200);
  const started = performance.now();
  const count = until(started + ms);
  return count / ((performance.now() - started) / 1000);
}

/** Pages of 100 subtasks validated per second by the 200 response's compiled schema, and by every check. */
export function benchValidation(): { pages: number; exchanges: number; violations: number } {
  const contract = loadContract('ListTaskExecuteDetail');
  const validate = contract.validators.at(contract.operation.responses.get('200')!.mediaTypes[0]!.schemaPointer);
  const { facts, lists } = buildDataset({ seed: 1 });
  const record = lists.get(facts.projectId)!.get(contract.operation.operationId)!.get(facts.executeHistoryId)!;
  const page = { count: record.length, items: record.slice(0, 100) };
  if (!validate(page)) throw new Error(`the dataset's page does not validate: ${JSON.stringify(validate.errors)}`);
  const text = JSON.stringify(page);
  const pathParams = { project_id: facts.projectId, execute_history_id: facts.executeHistoryId };
  const exchange: Exchange = {
    operationId: contract.operation.operationId,
    pathTemplate: contract.operation.pathTemplate,
    request: { method: 'GET', url: buildUrl('http://127.0.0.1:8080', contract.operation, { path: pathParams, query: { limit: 100 } }), headers: { 'X-Auth-Token': facts.token }, pathParams },
    response: { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json', 'x-request-id': '1d65691d233d55956a60a54a119399d0' }, text, json: JSON.parse(text) },
    durationMs: 1,
    attempts: 1,
  };
  const violations = checkExchange(contract, exchange).length;
  log(`validation: ${VALIDATION_MS / 1000} s of the page validator, then ${VALIDATION_MS / 1000} s of checkExchange (${violations} violations)`);
  return { pages: perSecond(() => validate(page), VALIDATION_MS), exchanges: perSecond(() => checkExchange(contract, exchange), VALIDATION_MS), violations };
}

export function validationTable(validation: ReturnType<typeof benchValidation>): string[] {
  return [
    `## 3. Validation throughput (in process, ${VALIDATION_MS / 1000} s each)`,
    '',
    '| what | per second |',
    '|---|---|',
    `| a 100-item page through the compiled validator of the 200 response | ${int(validation.pages)} pages (${int(validation.pages * 100)} items) |`,
    `| checkExchange: every check on a 200 exchange of that page (${validation.violations} violations) | ${int(validation.exchanges)} exchanges |`,
    '',
  ];
}
