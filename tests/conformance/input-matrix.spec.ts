import { expectInput } from '../../src/checks/expectations';
import { RULE_IDS } from '../../src/spec/rule-ids';
import { loadContract } from '../../src/contract';
import { inputCells, percentEncodeAll, type InputCell } from '../../src/spec/input-classes';
import type { Target } from '../../src/target';
import { covers, expect, test, type Api, type ApiRequest } from '../fixtures';

/**
 * The input-space matrix, derived from the spec (src/spec/input-classes.ts): every class of values of
 * every parameter that the spec decides, sent once per run, each judged by the statuses the spec allows
 * for it. Detection of these classes never depends on the random tests' seed.
 */
const { operation } = loadContract();
const authHeaders = new Set(operation.securitySchemes.map((s) => s.headerName.toLowerCase()));

/** The request of a cell: its parameter set to the class's value, everything else valid. */
function requestOf(cell: InputCell, target: Target): ApiRequest {
  if (cell.ownValueEncoded) {
    const own: Record<string, string> = { project_id: target.projectId, execute_history_id: target.executeHistoryId };
    return { rawPath: { [cell.parameter]: percentEncodeAll(own[cell.parameter]!) } };
  }
  if (cell.in === 'query') return { query: cell.sent };
  if (cell.in === 'path') return { path: { [cell.parameter]: cell.sent } };
  // A credential header is sent alone, or the valid credentials would decide the answer.
  return authHeaders.has(cell.parameter.toLowerCase()) ? { auth: 'none', headers: { [cell.parameter]: cell.sent } } : { headers: { [cell.parameter]: cell.sent } };
}

/** Whether a header is judged on this target: a credential header only where the target is called with its scheme. */
function schemeConfigured(name: string, target: Target): boolean {
  if (!authHeaders.has(name.toLowerCase())) return true;
  return name.toLowerCase() === 'authorization' ? !!target.credentials.aksk : !!target.credentials.token;
}

const title = (cell: InputCell) => `${cell.shown} (${cell.class}) is answered ${cell.statuses.join(' or ')}`;

/** One cell: its request, judged by the statuses the spec allows for its class; soft, so every cell of a parameter is judged. */
async function judge(api: Api, cell: InputCell): Promise<void> {
  const exchange = await api.send(requestOf(cell, api.target));

  expect.soft(exchange).toConformToSpec(expectInput(cell));
}

test.describe('ListTaskExecuteDetail input matrix', { tag: '@inputs' }, () => {
  const cells = inputCells(operation);
  // One cell is its own test, in the smoke selection: the page size one above its maximum.
  const isSmoke = (cell: InputCell) => cell.parameter === 'limit' && cell.class === 'max+1';
  for (const cell of cells.filter(isSmoke)) {
    test(covers(title(cell), ...RULE_IDS.inputCell(cell)), { tag: '@smoke' }, async ({ api }) => judge(api, cell));
  }

  // The other cells, one test a parameter and a step a cell: a test each would cost more than its request.
  for (const parameter of operation.parameters) {
    const group = cells.filter((cell) => cell.parameter === parameter.name && !isSmoke(cell));
    if (group.length === 0) continue;
    const rows = [...new Set(group.flatMap((cell) => RULE_IDS.inputCell(cell)))];
    test(covers(`${parameter.name} (${parameter.in}): each of its ${group.length} input classes is answered as the spec says`, ...rows), async ({ api }) => {
      test.skip(!schemeConfigured(parameter.name, api.target), `the target is not called with ${parameter.name} (like the authentication tests, credential headers are judged for the configured schemes)`);
      for (const cell of group) await test.step(title(cell), () => judge(api, cell));
    });
  }
});
