import { expect, test } from '@playwright/test';
import { RULE_IDS } from '../../src/checks/rule-ids';
import { loadContract } from '../../src/contract';
import { buildCatalogue } from '../../src/report/rules-catalogue';
import { inputCells, percentEncodeAll } from '../../src/spec/input-classes';
import { SpecError } from '../../src/spec/load-spec';
import { specCopy } from '../support/spec-copy';

const cellsOf = (file?: string) => inputCells(loadContract(file).operation);
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
    ]);
    expect(classes('project_id')).toEqual(['min-1 400|403|404', 'min 403|404', 'max 403|404', 'max+1 400|403|404', 'percent-encoded:own 200']);
    expect(classes('execute_history_id')).toEqual(['min-1 400|404', 'min 404', 'max 404', 'max+1 400', 'percent-encoded:own 200']);
    expect(classes('X-Auth-Token')).toEqual(['min-1 401', 'min 401']);
    expect(cells.length).toBeLessThanOrEqual(40);
  });

  test('writes each class as it is sent, with the place in the spec that decides it', () => {
    const cells = cellsOf();

    expect(cell(cells, 'limit', 'percent-encoded:max+1')).toMatchObject({ sent: 'limit=%31%30%31', verdict: 'invalid', pointer: expect.stringMatching(/x-contract-rules\/invalid-parameter\/cases\/percent-encoded$/) });
    expect(cell(cells, 'offset', 'repeated')).toMatchObject({ sent: 'offset=0&offset=2147483647', pointer: expect.stringMatching(/invalid-parameter\/cases\/repeated$/) });
    expect(cell(cells, 'limit', 'open-spelling:plus-sign').sent).toBe('limit=%2B10');
    expect(cell(cells, 'project_id', 'max+1')).toMatchObject({ sent: 'x'.repeat(129), pointer: expect.stringMatching(/cases\/project-id-out-of-bounds$/) });
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
        .replace(/ {12}repeated:\n {14}class: repeated\n/, '            repeated-copy:\n              class: none\n'),
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
    const unknownParameter = specCopy((text) => text.replace('parameter: project_id\n              class: [min-1, max+1]', 'parameter: projectId\n              class: [min-1, max+1]'));

    expect(() => cellsOf(unknownSpelling)).toThrow(/case roman-numerals of open-spelling names no spelling the suite can write/);
    expect(() => loadContract(unknownParameter)).toThrow(SpecError);
    expect(() => loadContract(unknownParameter)).toThrow(/names parameter projectId, which the operation does not have/);
  });

  test('gives every cell a row of the rules matrix', () => {
    const contract = loadContract();
    const rows = new Set(buildCatalogue(contract).map((r) => r.id));

    const missing = inputCells(contract.operation).flatMap((c) => RULE_IDS.inputCell(c)).filter((id) => !rows.has(id));

    expect(missing).toEqual([]);
    expect(rows).toContain('project_id-max+1');
    expect(rows).toContain('X-Auth-Token-min-1');
  });
});
