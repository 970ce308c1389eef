import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { TOKEN_MUTATIONS } from '../../src/auth/credential-mutations';
import { INPUT_CLASSES_DOC, renderInputClassesDoc } from '../../src/report/input-classes-doc';
import { FAMILIES, familyCells } from '../../src/families/negative-families';
import { RULE_IDS } from '../../src/spec/rule-ids';
import { loadContract, loadContracts } from '../../src/contract';
import { buildCatalogue } from '../../src/report/rules-catalogue';
import { inputCells, percentEncodeAll } from '../../src/spec/input-classes';
import { PROJECT_ROOT, SpecError } from '../../src/spec/load-spec';
import { specCopy } from '../support/spec-copy';

const cellsOf = (file?: string) => inputCells(loadContract('ListTaskExecuteDetail', file).operation);
const cell = (cells: ReturnType<typeof cellsOf>, parameter: string, cls: string) => cells.find((c) => c.parameter === parameter && c.class === cls)!;

test.describe('the input matrix', () => {
  test('has every class the spec decides for every parameter, path, query and header', () => {
    const cells = cellsOf();

    const classes = (parameter: string) => cells.filter((c) => c.parameter === parameter).map((c) => `${c.class} ${c.statuses.join('|')}`);

    expect(classes('limit')).toEqual([
      'min-1 400', 'min 200', 'max 200', 'max+1 400',
      'wrong-type:fraction 400', 'wrong-type:word 400', 'wrong-type:exponent 400', 'empty 400',
      'repeated 400', 'percent-encoded:max 200', 'percent-encoded:max+1 400',
      'open-spelling:leading-zero 200|400', 'open-spelling:plus-sign 200|400', 'open-spelling:surrounding-space 200|400',
      'double-encoded 400', 'invalid-escape 400', 'nul 400', 'unicode-digits 400', 'hex 400',
      'name-percent-encoded 400', 'negative-zero 400',
    ]);
    expect(classes('project_id')).toEqual(['min-1 400|403|404', 'min 403|404', 'max 403|404', 'max+1 400|403|404', 'percent-encoded:own 200', 'semicolon 400|403|404']);
    expect(classes('execute_history_id')).toEqual(['min-1 400|404', 'min 404', 'max 404', 'max+1 400', 'percent-encoded:own 200', 'percent-encoded-lower:own 200', 'semicolon 400|404', 'reserved 400|404']);
    // Repeats, encodings and spellings pass one decoder: they are sent for limit, the bounds and types for offset too.
    expect(classes('offset')).toEqual(['min-1 400', 'min 200', 'max 200', 'max+1 400', 'wrong-type:fraction 400', 'wrong-type:word 400', 'wrong-type:exponent 400', 'empty 400']);
    expect(classes('X-Auth-Token')).toEqual(['min-1 401', 'min 401']);
  });

  test('writes each class as it is sent, with the place in the spec that decides it', () => {
    const cells = cellsOf();

    expect(cell(cells, 'limit', 'percent-encoded:max+1')).toMatchObject({ sent: 'limit=%31%30%31', verdict: 'invalid', pointer: expect.stringMatching(/x-rule-cases\/invalid-parameter\/percent-encoded$/) });
    expect(cell(cells, 'limit', 'repeated')).toMatchObject({ sent: 'limit=1&limit=100', pointer: expect.stringMatching(/invalid-parameter\/repeated$/) });
    expect(cell(cells, 'limit', 'open-spelling:plus-sign').sent).toBe('limit=%2B10');
    expect(cell(cells, 'project_id', 'max+1')).toMatchObject({ sent: 'x'.repeat(129), pointer: expect.stringMatching(/invalid-parameter\/project-id-out-of-bounds$/) });
    expect(RULE_IDS.inputCell(cell(cells, 'project_id', 'max+1'))).toEqual(['project_id-max+1', 'invalid-parameter:project-id-out-of-bounds']);
    expect(RULE_IDS.inputCell(cell(cells, 'limit', 'empty'))).toEqual(['limit-not-integer']);
    expect(cell(cells, 'execute_history_id', 'percent-encoded:own')).toMatchObject({ own: { encoded: 'upper' }, statuses: ['200'] });
    expect(percentEncodeAll('1 ü')).toBe('%31%20%C3%BC');
  });

  test('moves with the spec: bounds, status sets and the cases that decide a class', () => {
    const file = specCopy((text) =>
      text
        .replace(/(name: limit[\s\S]*?maximum: )100/, '$150')
        .replace("status: ['400', '403', '404']", "status: ['403']")
        .replace(/ {6}repeated:\n {8}class: repeated\n/, '      repeated-copy:\n        class: none\n'),
    );

    const cells = cellsOf(file);

    expect(cell(cells, 'limit', 'max+1').sent).toBe('limit=51');
    expect(cell(cells, 'limit', 'percent-encoded:max+1').sent).toBe('limit=%35%31');
    expect(cell(cells, 'project_id', 'max+1').statuses).toEqual(['403']);
    // Without its case, a repeated value is judged by invalid-parameter itself.
    expect(cell(cells, 'limit', 'repeated')).toMatchObject({ statuses: ['400'], rows: {} });
  });

  test('refuses an open spelling it cannot write, and a case naming a parameter the operation lacks', () => {
    const unknownSpelling = specCopy((text) => text.replace('leading-zero: A valid integer', 'roman-numerals: A valid integer'));
    const unknownParameter = specCopy((text) => text.replace('parameter: project_id\n        class: [min-1, max+1]', 'parameter: projectId\n        class: [min-1, max+1]'));

    expect(() => cellsOf(unknownSpelling)).toThrow(/case roman-numerals of open-spelling names no spelling the suite can write/);
    expect(() => loadContract('ListTaskExecuteDetail', unknownParameter)).toThrow(SpecError);
    expect(() => loadContract('ListTaskExecuteDetail', unknownParameter)).toThrow(/names parameter projectId, which the operation does not have/);
  });

  test('gives every cell a row of the rules matrix', () => {
    const contract = loadContract('ListTaskExecuteDetail');
    const rows = new Set(buildCatalogue(contract).map((r) => r.id));

    const missing = inputCells(contract.operation).flatMap((c) => RULE_IDS.inputCell(c)).filter((id) => !rows.has(id));

    expect(missing).toEqual([]);
    expect(rows).toContain('project_id-max+1');
    expect(rows).toContain('X-Auth-Token-min-1');
  });
});

test.describe('the families of deliberate requests', () => {
  test('docs/input-classes.md is what the generator writes from the spec (npm run input-classes-doc)', () => {
    const committed = readFileSync(path.join(PROJECT_ROOT, INPUT_CLASSES_DOC), 'utf8');

    expect(committed, 'docs/input-classes.md is out of date: run npm run input-classes-doc').toBe(renderInputClassesDoc(loadContracts()));
  });

  test('every family has cells, each cell a class unique within its parameter and statuses the spec documents', () => {
    const { operation } = loadContract('ListTaskExecuteDetail');
    const cells = familyCells(operation);

    for (const family of FAMILIES) expect(cells.filter((c) => c.family === family.id).length, family.id).toBeGreaterThan(0);
    const keys = cells.map((c) => `${c.parameter} ${c.class}`);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    expect(cells.flatMap((c) => c.statuses).filter((s) => !operation.responses.has(s))).toEqual([]);
  });

  test('every method of the registry the operation does not document is sent or stands for by its kind, never CONNECT', () => {
    const cells = familyCells(loadContract('ListTaskExecuteDetail').operation).filter((c) => c.family === 'methods');

    expect(cells.map((c) => c.sent)).toEqual(['HEAD', 'OPTIONS', 'TRACE', 'POST', 'DELETE', 'QUERY', 'CONTRACTTEST']);
    expect(cells.find((c) => c.sent === 'OPTIONS')!.statuses).toEqual(['200', '204', '405']);
  });

  test('credential mutations differ from the valid credential they are derived from', () => {
    const token = 'MIITvalid-0123456789abcdef';

    for (const mutation of TOKEN_MUTATIONS) expect(mutation.apply(token), mutation.id).not.toBe(token);
    expect(TOKEN_MUTATIONS.find((m) => m.id === 'first-8')!.apply(token)).toBe('MIITvali');
  });
});
