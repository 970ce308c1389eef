import { SIGNATURE_MUTATIONS, surroundedByWhitespace, TOKEN_MUTATIONS } from '../../src/auth/credential-mutations';
import { expectInput } from '../../src/checks/expectations';
import { RULE_IDS } from '../../src/spec/rule-ids';
import { registerSecret } from '../../src/secrets';
import { percentEncodeAll, type InputCell } from '../../src/spec/input-classes';
import { FAMILIES, familyCells } from '../../src/families/negative-families';
import type { Target } from '../../src/target';
import type { Operation } from '../../src/spec/operation';
import { covers, expect, forEachList, test, type Api, type ApiRequest } from '../fixtures';

/**
 * Every request the suite sends on purpose, derived family by family from the standards and the spec
 * (src/families/negative-families.ts, docs/input-classes.md): sent once per run, each judged by the
 * statuses the spec allows for it. Detection of these families never depends on the random tests' seed.
 */
const authHeadersOf = (operation: Operation) => new Set(operation.securitySchemes.map((s) => s.headerName.toLowerCase()));

/** Why a cell cannot be sent to this target, if it cannot (a scheme or another project's list not configured). */
function unsendable(operation: Operation, cell: InputCell, target: Target): string | undefined {
  const authHeaders = authHeadersOf(operation);
  const owner = operation.parameter(operation.list.owner.parameter);
  const scheme = cell.scheme ?? (authHeaders.has(cell.parameter.toLowerCase()) ? (cell.parameter.toLowerCase() === 'authorization' ? 'aksk' : 'token') : undefined);
  if (scheme && !target.credentials[scheme]) {
    return `the target is not called with ${scheme === 'token' ? 'X-Auth-Token' : 'AK/SK'} (set ${scheme === 'token' ? 'CONTRACT_AUTH_TOKEN' : 'HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK'}); credential cells are judged for the configured schemes`;
  }
  if (cell.request?.kind === 'bola' && !target.credentials.otherProject?.ids[owner.name]) {
    return `set CONTRACT_OTHER_PROJECT_TOKEN, CONTRACT_OTHER_PROJECT_ID and ${owner.variables?.otherProject ?? owner.name} (a list of another project) to exercise it`;
  }
  return undefined;
}

/** The request of a cell: its parameter set to the class's value (or its other change), everything else valid. */
function requestOf(operation: Operation, cell: InputCell, target: Target): ApiRequest {
  const authHeaders = authHeadersOf(operation);
  const { owner } = operation.list;
  const own: Record<string, string> = { project_id: target.projectId, [owner.parameter]: target.ids[owner.parameter]! };
  const { request } = cell;
  // A request of another method is not sent again when a server closes an idle connection just as it is
  // written (only GET and HEAD are, see src/http/send.ts), so each closes its connection after it, and
  // the next one opens a fresh one instead of meeting such a race.
  if (request?.kind === 'method') return { method: request.method, headers: { Connection: 'close' } };
  if (request?.kind === 'trailing-slash') return { pathSuffix: cell.sent };
  if (request?.kind === 'token') {
    const valid = target.credentials.token!.token;
    const token = request.mutation === 'surrounded-by-whitespace' ? surroundedByWhitespace(valid) : TOKEN_MUTATIONS.find((m) => m.id === request.mutation)!.apply(valid);
    // A token derived from the valid one is as secret as it: an error message may quote it.
    registerSecret(token);
    return { auth: { token } };
  }
  if (request?.kind === 'signature') {
    return { query: cell.sent, auth: { aksk: target.credentials.aksk!, mutation: SIGNATURE_MUTATIONS.find((m) => m.id === request.mutation)! } };
  }
  if (request?.kind === 'bola') {
    const other = target.credentials.otherProject!;
    const projectId = request.case === 'other-project-path' ? other.projectId : target.projectId;
    return { path: { project_id: projectId, [owner.parameter]: other.ids[owner.parameter]! }, auth: { own: request.scheme, projectId } };
  }
  if (cell.own) {
    const value = own[cell.parameter]!;
    return { rawPath: { [cell.parameter]: cell.own.encoded ? percentEncodeAll(value, cell.own.encoded) : `${encodeURIComponent(value)}${cell.own.suffix ?? ''}` } };
  }
  if (cell.in === 'query') return { query: cell.sent };
  if (cell.in === 'path') return { path: { [cell.parameter]: cell.sent } };
  // A credential header is sent alone, or the valid credentials would decide the answer.
  return authHeaders.has(cell.parameter.toLowerCase()) ? { auth: 'none', headers: { [cell.parameter]: cell.sent } } : { headers: { [cell.parameter]: cell.sent } };
}

const title = (cell: InputCell) => `${cell.shown} (${cell.class}) is answered ${cell.statuses.join(' or ')}`;

/** One cell: its request, judged by the statuses the spec allows for its class; soft, so every cell of a test is judged. */
async function judge(api: Api, cell: InputCell): Promise<void> {
  const { operation } = api.contract;
  const why = unsendable(operation, cell, api.target);
  if (why) return void test.info().annotations.push({ type: 'skipped cell', description: `${cell.class}: ${why}` });
  const exchange = await api.send(requestOf(operation, cell, api.target));

  expect.soft(exchange).toConformToSpec(expectInput(cell));
}

/**
 * A worker sends one request at a time, so a family's cells are spread over tests of a few cells
 * each, which the workers share; a test of a parameter's cells skips when none of them can be sent.
 */
const CELLS_PER_TEST = 8;

/** The concern each family's tests are tagged with as well, beside @inputs: a selection by concern includes them. */
const FAMILY_TAGS: Readonly<Record<string, string>> = { methods: '@status', 'header-fields': '@auth', credentials: '@auth', 'object-level-authorisation': '@auth' };

forEachList(test, ({ operation }) => {
  test.describe('input families', { tag: '@inputs' }, () => {
    const cells = familyCells(operation);
    // Two cells are tests of their own, in the smoke selection: the page size one above its maximum, and
    // POST, whose 405 also shows the documented answer to a method not allowed (status, Allow).
    const isSmoke = (cell: InputCell) => (cell.parameter === 'limit' && cell.class === 'max+1') || cell.class === 'method:POST';
    const methodRows = (cell: InputCell) => (cell.family === 'methods' ? ['method-not-allowed', ...cell.statuses.map(RULE_IDS.status), RULE_IDS.header('Allow')] : []);
    for (const cell of cells.filter(isSmoke)) {
      test(covers(title(cell), ...RULE_IDS.inputCell(cell), ...methodRows(cell)), { tag: '@smoke' }, async ({ api }) => judge(api, cell));
    }

    for (const family of FAMILIES) {
      const subjects = [...new Set(cells.filter((c) => c.family === family.id).map((c) => c.parameter))];
      for (const subject of subjects) {
        const group = cells.filter((c) => c.family === family.id && c.parameter === subject && !isSmoke(c));
        for (let start = 0; start < group.length; start += CELLS_PER_TEST) {
          const part = group.slice(start, start + CELLS_PER_TEST);
          const rows = [...new Set(part.flatMap((c) => RULE_IDS.inputCell(c)))];
          const parts = Math.ceil(group.length / CELLS_PER_TEST);
          const label = parts > 1 ? ` (part ${start / CELLS_PER_TEST + 1} of ${parts})` : '';
          const tag = FAMILY_TAGS[family.id] ?? [];
          test(covers(`${family.id}: ${subject}: ${part.length === 1 ? 'its cell' : `each of its ${part.length} cells`}${label} is answered as the spec says`, ...rows), { tag }, async ({ api }) => {
            const reasons = part.map((c) => unsendable(operation, c, api.target));
            test.skip(reasons.every(Boolean), reasons[0] ?? '');
            for (const c of part) await test.step(title(c), () => judge(api, c));
          });
        }
      }
    }
  });
});
