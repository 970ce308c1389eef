import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { checkExchange } from '../../src/checks/index';
import { loadContract, verifyContract } from '../../src/contract';
import type { Exchange } from '../../src/http/exchange';
import { buildUrl } from '../../src/http/send';
import { boundaryValues } from '../../src/spec/boundaries';
import { appendPointer, resolveRef } from '../../src/spec/json-pointer';
import { parseSpec, PROJECT_ROOT, readSpecText, SPEC_FILE, SpecError } from '../../src/spec/load-spec';
import { entryFile, readCompiled } from '../../src/contract-cache';
import { specCopy } from '../support/spec-copy';

test.describe('the spec', () => {
  test('is a valid OpenAPI 3.1 document with every $ref resolvable', async () => {
    await expect(verifyContract()).resolves.toBeTruthy();
  });

  test('every example is valid against its own schema and conforms to every check', () => {
    const contract = loadContract('ListTaskExecuteDetail');
    const { operation, spec, validators } = contract;
    let examples = 0;
    for (const response of operation.responses.values()) {
      for (const media of response.mediaTypes) {
        const named = (resolveRef(spec.doc, appendPointer(media.pointer, 'examples')).node ?? {}) as Record<string, unknown>;
        for (const name of Object.keys(named)) {
          const { node } = resolveRef(spec.doc, appendPointer(media.pointer, 'examples', name));
          const value = (node as { value: unknown }).value;
          examples += 1;

          const validate = validators.at(media.schemaPointer);
          expect(validate(value), `${response.status} example "${name}": ${JSON.stringify(validate.errors)}`).toBe(true);

          const executeId = (value as { items?: { execute_id?: string }[] }).items?.[0]?.execute_id ?? 'record';
          const path = { project_id: 'project', execute_history_id: executeId };
          const exchange: Exchange = {
            operationId: operation.operationId,
            pathTemplate: operation.pathTemplate,
            request: { method: 'GET', url: buildUrl('https://example.invalid', operation, { path }), headers: {}, pathParams: path },
            response: {
              status: Number(response.status),
              statusText: '',
              headers: { 'content-type': media.type, 'x-request-id': 'example', ...(response.headers.some((h) => h.name === 'Allow') ? { allow: 'GET' } : {}) },
              text: JSON.stringify(value),
              json: value,
            },
            durationMs: 0,
            attempts: 1,
          };
          expect(checkExchange(contract, exchange).map((v) => `${v.check}: ${v.at} ${v.actual}`), `${response.status} example "${name}"`).toEqual([]);
        }
      }
    }
    expect(examples, 'every documented response has an example').toBeGreaterThanOrEqual(operation.responses.size);
  });

  test('locates a JSON pointer at the line where the node is written', () => {
    const { spec } = loadContract('ListTaskExecuteDetail');
    const lines = readFileSync(SPEC_FILE, 'utf8').split('\n');

    const location = spec.locate('#/components/parameters/Limit/schema/maximum');

    const line = Number(location.split(':').pop());
    expect(location).toMatch(/schedule-task\.yaml:\d+$/);
    expect(lines[line - 1]!.trim()).toBe('maximum: 100');
    expect(lines.slice(0, line).reverse().find((l) => /^ {4}\w/.test(l))!.trim()).toBe('Limit:');
  });
});

test.describe('the compiled contract, kept for the next process', () => {
  /** A copy of the spec with bytes no earlier run had, and its cache entry removed afterwards. */
  function freshCopy(edit: (text: string) => string = (text) => text) {
    const file = specCopy((text) => `${edit(text)}\n# ${process.pid}-${Date.now()}-${Math.random()}\n`);
    const { sha256 } = readSpecText(file);
    return { file, sha256, [Symbol.dispose]: () => rmSync(entryFile(sha256), { force: true }) };
  }

  test('is what the YAML gives, and is marked valid OpenAPI once validated', async () => {
    using copy = freshCopy();
    expect(readCompiled(copy.sha256), 'bytes never seen before').toBeUndefined();

    const contract = await verifyContract(copy.file);

    const kept = readCompiled(copy.sha256)!;
    const { absolutePath, text } = readSpecText(copy.file);
    const parsed = parseSpec(absolutePath, text);
    expect(kept.openapiValid).toBe(true);
    expect(kept.doc).toEqual(parsed.doc);
    expect(kept.lines).toEqual(parsed.lines);
    expect(contract.spec.locate('#/components/parameters/Limit/schema/maximum')).toBe(loadContract('ListTaskExecuteDetail').spec.locate('#/components/parameters/Limit/schema/maximum').replace('openapi/schedule-task.yaml', contract.spec.file));
  });

  test('is built again when its entry cannot be read, and judges as before', () => {
    using copy = freshCopy();
    loadContract('ListTaskExecuteDetail', copy.file);
    writeFileSync(entryFile(copy.sha256), '{"doc": {"cut off');
    const same = path.join(path.dirname(copy.file), 'same-bytes.yaml');
    copyFileSync(copy.file, same);

    const { validators, operation } = loadContract('ListTaskExecuteDetail', same);

    expect(readCompiled(copy.sha256)?.validators.code).toContain('exports.v0');
    const page = validators.at(operation.responses.get('200')!.mediaTypes[0]!.schemaPointer);
    expect(page({ count: '1', items: [] })).toBe(false);
    expect(page.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual(['/count must be integer']);
  });

  test('of a spec that is not valid OpenAPI is never marked valid: each run refuses it', async () => {
    using copy = freshCopy((text) => text.replace(/^openapi: 3\.1\.\d+/m, 'openapi: 3.1.0\nwebhooks: 7'));
    const first = await verifyContract(copy.file).catch((error: Error) => error.message);
    const same = path.join(path.dirname(copy.file), 'same-bytes.yaml');
    copyFileSync(copy.file, same);

    const second = await verifyContract(same).catch((error: Error) => error.message);

    expect(first).toMatch(/not a valid OpenAPI document/);
    expect(second).toMatch(/not a valid OpenAPI document/);
    expect(readCompiled(copy.sha256)?.openapiValid).toBeFalsy();
  });
});

test.describe('boundary values', () => {
  test('are min-1, min, max and max+1 of the spec', () => {
    const { operation } = loadContract('ListTaskExecuteDetail');

    const values = (name: string) => boundaryValues(operation.parameter(name)).map((b) => [b.edge, b.value, b.valid]);

    expect(values('limit')).toEqual([['min-1', 0, false], ['min', 1, true], ['max', 100, true], ['max+1', 101, false]]);
    expect(values('offset')).toEqual([['min-1', -1, false], ['min', 0, true], ['max', 2147483647, true], ['max+1', 2147483648, false]]);
  });

  test('move when the spec changes its bounds', () => {
    const file = specCopy((text) =>
      text
        .replace(/(name: limit[\s\S]*?maximum: )100/, '$150')
        .replace(/(name: offset[\s\S]*?minimum: )0/, '$15'),
    );

    const { operation } = loadContract('ListTaskExecuteDetail', file);

    expect(boundaryValues(operation.parameter('limit')).map((b) => b.value)).toEqual([0, 1, 50, 51]);
    expect(boundaryValues(operation.parameter('offset')).map((b) => b.value)).toEqual([4, 5, 2147483647, 2147483648]);
    expect(boundaryValues(operation.parameter('limit'))[2]!.pointer).toBe('#/components/parameters/Limit/schema/maximum');
  });
});

test.describe('a broken spec', () => {
  const broken: [string, (text: string) => string, RegExp][] = [
    ['YAML that does not parse', (t) => t.replace('openapi: 3.1.0', 'openapi: [3.1.0'), /broken\.yaml:\d+:\d+: not valid YAML/],
    ['a dangling $ref', (t) => t.replace("$ref: '#/components/schemas/ScheduleTaskStatus'", "$ref: '#/components/schemas/Nope'"), /broken\.yaml: (a schema cannot be compiled|not a valid OpenAPI document).*Nope/],
    ['a misspelt schema keyword', (t) => t.replace('maxLength: 16', 'maxLenght: 16'), /broken\.yaml: a schema cannot be compiled: .*maxLenght/],
    ['a document that is not OpenAPI', (t) => t.replace(/^paths:/m, 'pathz:'), /broken\.yaml: not a valid OpenAPI document/],
    ['a rule expecting an undocumented status', (t) => t.replace("status: '405'", "status: '418'"), /broken\.yaml:\d+: rule method-not-allowed expects status 418, which the operation does not document/],
    ['a link to an operation it does not have', (t) => t.replace('operationId: ListTaskExecuteDetail', 'operationId: Other'), /broken\.yaml:\d+: link ExecuteDetail leads to operationId ListTaskExecuteDetail, which the spec does not have/],
    ['a list shape naming a parameter the operation lacks', (t) => t.replace('        offset: offset\n', '        offset: skip\n'), /broken\.yaml:\d+: x-list names skip, which is no query parameter of the operation/],
    ['a list shape naming a property the page lacks', (t) => t.replace('        total: count\n', '        total: total\n'), /broken\.yaml:\d+: x-list names total, which the success response's schema has no property of/],
    ['a rule served other than empty', (t) => t.replace('          served: empty\n          parameter: task_id\n', '          served: full\n          parameter: task_id\n'), /broken\.yaml:\d+: rule unknown-task has served: "full"; the one value it takes is "empty"/],
    ['a rule following a link the response lacks', (t) => t.replace('          link: ExecuteDetail\n', '          link: Nowhere\n'), /broken\.yaml:\d+: rule counts-match-subtasks follows link Nowhere, which the success response does not have/],
  ];
  for (const [what, edit, message] of broken) {
    test(`with ${what} is refused with one message naming the file`, async () => {
      const file = specCopy(edit, 'broken.yaml');

      const error = await verifyContract(file).then(() => undefined, (e: unknown) => e);

      expect(error).toBeInstanceOf(SpecError);
      expect((error as Error).message).toMatch(message);
    });
  }
});

test.describe('the documentation', () => {
  test('quotes each place of the spec at the line the spec writes it (README.md, docs/*.md)', () => {
    const { spec } = loadContract('ListTaskExecuteDetail');
    const files = ['README.md', ...readdirSync(path.join(PROJECT_ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
    const quoted = files.flatMap((file) =>
      [...readFileSync(path.join(PROJECT_ROOT, file), 'utf8').matchAll(/openapi\/schedule-task\.yaml:(\d+)\s+(#\/\S+)/g)].map(([, line, pointer]) => ({ file, line: Number(line), pointer: pointer! })),
    );

    expect(quoted.length, 'the failures shown in the docs quote places of the spec').toBeGreaterThan(0);
    for (const { file, line, pointer } of quoted) expect(`${file}: ${spec.locate(pointer)}`, pointer).toBe(`${file}: openapi/schedule-task.yaml:${line}`);
  });
});
