import fc from 'fast-check';
import type { Expectation, JudgedInput } from '../../src/checks/check';
import { RULE_IDS } from '../../src/spec/rule-ids';
import { expectOk, expectRule } from '../../src/checks/expectations';
import { loadConfig } from '../../src/config';
import type { Contract } from '../../src/contract';
import { inputCells, INVALID_RULE, OPEN_SPELLING_RULE, percentEncodeAll, type InputVerdict } from '../../src/spec/input-classes';
import { METHOD_REGISTRY, nodeKnows } from '../../src/families/http-methods';
import type { Parameter } from '../../src/spec/operation';
import { covers, expect, forEachList, test } from '../fixtures';

/**
 * Property-based tests: random inputs built from the spec's own parameter schemas, judged by oracles
 * that need no knowledge of the data. The seed is printed in every failure (and can be set with
 * CONTRACT_FUZZ_SEED); CONTRACT_FUZZ_RUNS sets the number of requests per property.
 */
const config = loadConfig();
const seed = config.fuzz.seed ?? (Date.now() ^ process.pid) >>> 0;

forEachList(test, (contract: Contract) => {
  const { operation } = contract;
  const integerQuery = operation.parameters.filter((p) => p.in === 'query' && p.schema.type === 'integer');
  const owner = operation.list.owner;
  const ownerSchema = operation.parameter(owner.parameter).schema;

  /** What the spec makes of an input: served, rejected, or left open (any documented status but a 5xx). */
  type Verdict = InputVerdict;
  interface Input {
    readonly query: string;
    readonly verdict: Verdict;
    readonly shown: string;
    /** Each parameter's input class, as the input matrix names them. */
    readonly inputs: readonly JudgedInput[];
  }

  const worst = (verdicts: Verdict[]): Verdict => (verdicts.includes('invalid') ? 'invalid' : verdicts.includes('open') ? 'open' : 'valid');

  /** The matrix's verdict of a class, read from the spec through src/spec/input-classes.ts; in-range values are valid. */
  const cells = inputCells(operation);
  // A repeat or a spelling is a cell of one parameter (every query value passes one decoder): its verdict holds for each.
  const verdictOf = (parameter: string, cls: string): Verdict =>
    (cells.find((c) => c.parameter === parameter && c.class === cls) ?? cells.find((c) => c.in === 'query' && c.class === cls))?.verdict ?? 'valid';

  /** The longest query the fuzzer sends: the path and the query stay within HTTP's 8,000 octets. */
  const MAX_QUERY_OCTETS = 7_500;

  /** Values of one integer parameter, each with its input class (the matrix's, or in-range/below-min/above-max). */
  function valuesOf(parameter: Parameter): fc.Arbitrary<{ raw: string; class: string }> {
    const min = parameter.schema.minimum as number;
    const max = parameter.schema.maximum as number;
    const valid = fc.integer({ min, max });
    const tag = (cls: string) => (raw: string) => ({ raw, class: cls });
    return fc.oneof(
      { weight: 4, arbitrary: valid.map(String).map(tag('in-range')) },
      { weight: 1, arbitrary: fc.integer({ min: min - 1_000_000, max: min - 1 }).map(String).map(tag('below-min')) },
      { weight: 1, arbitrary: fc.bigInt({ min: BigInt(max) + 1n, max: 10n ** 30n }).map(String).map(tag('above-max')) },
      // Very long values: digits far beyond any integer a server parses (and short enough for the URL bound below).
      { weight: 1, arbitrary: fc.integer({ min: 40, max: 600 }).map((length) => `9${'7'.repeat(length)}`).map(tag('above-max')) },
      { weight: 1, arbitrary: fc.tuple(valid, fc.integer({ min: 1, max: 999 })).map(([a, b]) => `${a}.${b}`).map(tag('wrong-type:fraction')) },
      { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 3 })).map(([a, b]) => `${a}e${b}`).map(tag('wrong-type:exponent')) },
      { weight: 1, arbitrary: fc.constant('').map(tag('empty')) },
      { weight: 1, arbitrary: fc.oneof(fc.stringMatching(/^[a-zA-Z_]{1,12}$/), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((s) => !/^\s*[+-]?\d+\s*$/.test(s))).map(tag('wrong-type:word')) },
      // Spellings the spec leaves open: a leading zero, a plus sign, surrounding spaces.
      { weight: 1, arbitrary: fc.tuple(valid, fc.constantFrom('0', '00')).map(([n, prefix]) => `${prefix}${n}`).map(tag(`${OPEN_SPELLING_RULE}:leading-zero`)) },
      { weight: 1, arbitrary: valid.map((n) => `+${n}`).map(tag(`${OPEN_SPELLING_RULE}:plus-sign`)) },
      { weight: 1, arbitrary: fc.tuple(valid, fc.boolean()).map(([n, before]) => (before ? ` ${n}` : `${n} `)).map(tag(`${OPEN_SPELLING_RULE}:surrounding-space`)) },
    );
  }

  /** The class of a value as the matrix names it (below-min is judged like min-1, above-max like max+1). */
  const matrixClass = (cls: string) => (cls === 'below-min' ? 'min-1' : cls === 'above-max' ? 'max+1' : cls);

  /** A query string: each integer parameter absent, once, or repeated (invalid, as the spec decides), encoded plainly or fully. */
  const queries: fc.Arbitrary<Input> = fc
    .tuple(
      ...integerQuery.map((parameter) =>
        fc.oneof(
          { weight: 1, arbitrary: fc.constant(undefined) },
          { weight: 4, arbitrary: valuesOf(parameter).map((v) => ({ values: [v.raw], class: v.class, name: parameter.name })) },
          { weight: 1, arbitrary: fc.tuple(valuesOf(parameter), valuesOf(parameter)).map(([a, b]) => ({ values: [a.raw, b.raw], class: 'repeated', name: parameter.name })) },
        ),
      ),
      fc.boolean(),
    )
    .map(([...parts]) => {
      const fullyEncoded = parts.pop() as boolean;
      const present = (parts as ({ values: string[]; class: string; name: string } | undefined)[]).filter((p) => p !== undefined);
      const encode = (text: string) => (fullyEncoded ? percentEncodeAll(text) : encodeURIComponent(text));
      const pairs = present.flatMap((p) => p.values.map((value) => `${p.name}=${encode(value)}`));
      const judged = present.map((p) => {
        const verdict = verdictOf(p.name, matrixClass(p.class));
        return { verdict, input: { parameter: p.name, class: fullyEncoded ? `percent-encoded:${p.class}` : p.class, expected: expectationFor(verdict).statuses } };
      });
      return { query: pairs.join('&'), verdict: worst(judged.map((j) => j.verdict)), shown: pairs.join('&') || '(no query)', inputs: judged.map((j) => j.input) };
    })
    // A URL longer than HTTP asks every server to accept (8,000 octets, RFC 9110 4.1) may be refused before
    // the operation sees it (414 or 431 at a gateway): it would judge the gateway, not the contract.
    .filter((input) => input.query.length <= MAX_QUERY_OCTETS);

  /** Values of the owner path parameter: plain ones of a valid length name nothing; longer ones break maxLength; odd characters are left open. */
  const ids: fc.Arbitrary<{ id: string; verdict: Verdict | 'unknown' | 'odd-id' }> = fc.oneof(
    fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${ownerSchema.minLength},${ownerSchema.maxLength}}$`)).map((id) => ({ id, verdict: 'unknown' as const })),
    fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${(ownerSchema.maxLength as number) + 1},${(ownerSchema.maxLength as number) + 200}}$`)).map((id) => ({ id, verdict: 'invalid' as const })),
    // Unicode, dots, reserved and percent characters; an empty segment changes the route on a gateway.
    fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
      fc.constantFrom('', '.', '..', '...', '%2F', '%00', 'a%2Fb', 'a b', 'x;y=z', ':@!$&\'()*+,=', '%E4%B8%AD'),
    ).map((id) => ({ id, verdict: 'odd-id' as const })),
  );

  /** Documented statuses that are no server error: what an input the spec leaves open may get. */
  function expectNoServerError(): Expectation {
    const statuses = [...operation.responses.keys()].filter((s) => !s.startsWith('5'));
    return { ruleId: RULE_IDS.documentedStatus, statuses, rule: operation.responsesPointer, why: 'an input the spec leaves open gets a documented answer, never a server error' };
  }

  /** What the spec expects of a random input; a spelling left open gets the open-spelling rule's statuses, an odd id any but a 5xx. */
  function expectationFor(verdict: Verdict | 'unknown' | 'odd-id'): Expectation {
    if (verdict === 'valid') return expectOk(contract);
    if (verdict === 'invalid') return expectRule(contract, INVALID_RULE);
    if (verdict === 'unknown') return expectRule(contract, owner.unknownRule);
    if (verdict === 'open') return expectRule(contract, OPEN_SPELLING_RULE);
    return expectNoServerError();
  }

  /** A deterministic test that pins a failing random input, printed with every failure: add it, or its class to the matrix. */
  function pinningTest(title: string, request: string, verdict: Verdict | 'unknown' | 'odd-id'): string {
    const { ruleId, statuses } = expectationFor(verdict);
    const expectation = verdict === 'valid' ? 'expectOk(api.contract)' : verdict === 'odd-id' ? `{ ...expectOk(api.contract), statuses: ${JSON.stringify(statuses)} }` : `expectRule(api.contract, '${ruleId}')`;
    return `to pin it, add to tests/conformance/input-matrix.spec.ts:\n  test(covers(${JSON.stringify(`${title} is answered ${statuses.join(' or ')}`)}, '${ruleId}'), async ({ api }) => expect(await api.send(${request})).toConformToSpec(${expectation})));`;
  }

  // Shrinking sends more requests; a live target gets the first counterexample as found.
  const parameters = { seed, numRuns: config.fuzz.runs, endOnFailure: config.target === 'live', interruptAfterTimeLimit: 60_000 };

  /** Methods past the family's cells: any of the registry the operation does not document, or a random extension token. */
  const undocumentedMethods = Object.entries(METHOD_REGISTRY).filter(([method, kind]) => kind !== 'documented' && kind !== 'connect' && method !== operation.method && nodeKnows(method));
  const methods: fc.Arbitrary<{ method: string; kind: string }> = fc.oneof(
    fc.constantFrom(...undocumentedMethods).map(([method, kind]) => ({ method, kind })),
    fc.stringMatching(/^[A-Z][A-Z-]{2,14}$/).filter((m) => !(m in METHOD_REGISTRY)).map((method) => ({ method, kind: 'extension' })),
  );

  test.describe('under random input', { tag: '@fuzz' }, () => {
    test.beforeEach(() => {
      test.info().annotations.push({ type: 'fuzz', description: `seed ${seed}, ${config.fuzz.runs} runs per property; reproduce with CONTRACT_FUZZ_SEED=${seed}` });
    });

    test(covers('random offset and limit: valid values are served, invalid ones rejected, open spellings served or rejected', INVALID_RULE, OPEN_SPELLING_RULE, RULE_IDS.documentedStatus), async ({ api }) => {
      await fc.assert(
        fc.asyncProperty(queries, async (input) => {
          const exchange = await api.send({ query: input.query });

          const unpinned = input.inputs.filter((i) => !cells.some((c) => c.parameter === i.parameter && c.class === i.class)).map((i) => `${i.parameter} ${i.class}`);
          const pin = `${pinningTest(input.shown, `{ query: ${JSON.stringify(input.query)} }`, input.verdict)}${unpinned.length ? `\n  or add the class (${unpinned.join(', ')}) to the input matrix, src/spec/input-classes.ts` : ''}`;
          expect(exchange, `query ${input.shown} (${input.verdict}), seed ${seed}; ${pin}\n`).toConformToSpec({ ...expectationFor(input.verdict), inputs: input.inputs });
        }),
        parameters,
      );
    });

    // A method request costs what a page does: a tenth of the runs explores past the family's cells.
    test(covers('random methods the operation does not document: each answered as its kind allows, never a server error', 'method-not-allowed'), async ({ api }) => {
      await fc.assert(
        fc.asyncProperty(methods, async ({ method, kind }) => {
          // Closed after it, as the family's cells are: another method is not sent again after a reset.
          const exchange = await api.send({ method, headers: { Connection: 'close' } });

          expect(exchange, `method ${method} (${kind}), seed ${seed}\n`).toConformToSpec(expectRule(contract, 'method-not-allowed', kind));
        }),
        { ...parameters, numRuns: Math.max(1, Math.ceil(config.fuzz.runs / 10)) },
      );
    });

    test(covers(`random ${owner.parameter} values: unknown ones ${operation.rule(owner.unknownRule).statuses.join(' or ')}, too long ones rejected, odd ones never a server error`, owner.unknownRule, RULE_IDS.boundary({ parameter: owner.parameter, edge: 'max+1' }), RULE_IDS.documentedStatus), async ({ api }) => {
      await fc.assert(
        fc.asyncProperty(ids, async ({ id, verdict }) => {
          const exchange = await api.send({ path: { [owner.parameter]: id } });

          const pin = pinningTest(`${owner.parameter} ${JSON.stringify(id).slice(0, 40)}`, `{ path: { ${owner.parameter}: ${JSON.stringify(id)} } }`, verdict);
          const expectation = expectationFor(verdict);
          const judged = { parameter: owner.parameter, class: ({ unknown: 'in-range', invalid: 'above-max', 'odd-id': 'odd-characters' } as Record<string, string>)[verdict] ?? verdict, expected: expectation.statuses };
          expect(exchange, `${owner.parameter} ${JSON.stringify(id)} (${verdict}), seed ${seed}; ${pin}\n`).toConformToSpec({ ...expectation, inputs: [judged] });
        }),
        parameters,
      );
    });
  });
});
