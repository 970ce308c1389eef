import fc from 'fast-check';
import type { Expectation } from '../../src/checks/check';
import { RULE_IDS } from '../../src/checks/rule-ids';
import { expectOk, expectRule } from '../../src/checks/expectations';
import { loadConfig } from '../../src/config';
import { loadContract } from '../../src/contract';
import type { Parameter } from '../../src/spec/operation';
import { covers, expect, test, type Api } from '../fixtures';

/**
 * Property-based tests: random inputs built from the spec's own parameter schemas, judged by oracles
 * that need no knowledge of the data. The seed is printed in every failure (and can be set with
 * CONTRACT_FUZZ_SEED); CONTRACT_FUZZ_RUNS sets the number of requests per property.
 */
const config = loadConfig();
const contract = loadContract();
const { operation } = contract;
const integerQuery = operation.parameters.filter((p) => p.in === 'query' && p.schema.type === 'integer');
const executeHistoryId = operation.parameter('execute_history_id').schema;

/** What the spec makes of an input: served, rejected, or left open (any documented status but a 5xx). */
type Verdict = 'valid' | 'invalid' | 'open';
interface Input {
  readonly query: string;
  readonly verdict: Verdict;
  readonly shown: string;
}

const worst = (verdicts: Verdict[]): Verdict => (verdicts.includes('invalid') ? 'invalid' : verdicts.includes('open') ? 'open' : 'valid');

/** Values of one integer parameter, each with what the spec says of it. */
function valuesOf(parameter: Parameter): fc.Arbitrary<{ raw: string; verdict: Verdict }> {
  const min = parameter.schema.minimum as number;
  const max = parameter.schema.maximum as number;
  const valid = fc.integer({ min, max });
  const tag = (verdict: Verdict) => (raw: string) => ({ raw, verdict });
  return fc.oneof(
    { weight: 4, arbitrary: valid.map(String).map(tag('valid')) },
    { weight: 1, arbitrary: fc.integer({ min: min - 1_000_000, max: min - 1 }).map(String).map(tag('invalid')) },
    { weight: 1, arbitrary: fc.bigInt({ min: BigInt(max) + 1n, max: 10n ** 30n }).map(String).map(tag('invalid')) },
    // Very long values: digits far beyond any integer a server parses.
    { weight: 1, arbitrary: fc.integer({ min: 40, max: 3000 }).map((length) => `9${'7'.repeat(length)}`).map(tag('invalid')) },
    { weight: 1, arbitrary: fc.tuple(valid, fc.integer({ min: 1, max: 999 })).map(([a, b]) => `${a}.${b}`).map(tag('invalid')) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 3 })).map(([a, b]) => `${a}e${b}`).map(tag('invalid')) },
    { weight: 1, arbitrary: fc.oneof(fc.constant(''), fc.stringMatching(/^[a-zA-Z_]{1,12}$/), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((s) => !/^\s*[+-]?\d+\s*$/.test(s))).map(tag('invalid')) },
    // Spellings the spec leaves open: a leading zero, a plus sign, surrounding spaces.
    { weight: 1, arbitrary: fc.tuple(valid, fc.constantFrom('0', '+', ' ', '00')).map(([n, prefix]) => `${prefix}${n}`).map(tag('open')) },
    { weight: 1, arbitrary: valid.map((n) => `${n} `).map(tag('open')) },
  );
}

/** A query string: each integer parameter absent, once, or repeated (left open), encoded plainly or fully. */
const queries: fc.Arbitrary<Input> = fc
  .tuple(
    ...integerQuery.map((parameter) =>
      fc.oneof(
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 4, arbitrary: valuesOf(parameter).map((v) => ({ ...v, name: parameter.name, repeat: false })) },
        { weight: 1, arbitrary: fc.tuple(valuesOf(parameter), valuesOf(parameter)).map(([a, b]) => ({ raw: `${a.raw}\u0000${b.raw}`, verdict: 'open' as const, name: parameter.name, repeat: true })) },
      ),
    ),
    fc.boolean(),
  )
  .map(([...parts]) => {
    const fullyEncoded = parts.pop() as boolean;
    const present = (parts as ({ raw: string; verdict: Verdict; name: string; repeat: boolean } | undefined)[]).filter((p) => p !== undefined);
    const encode = (text: string) => (fullyEncoded ? [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('') : encodeURIComponent(text));
    const pairs = present.flatMap((p) => p.raw.split('\u0000').map((value) => `${p.name}=${encode(value)}`));
    return { query: pairs.join('&'), verdict: worst(present.map((p) => p.verdict)), shown: pairs.join('&') || '(no query)' };
  });

/** execute_history_id values: plain ones of a valid length name no record; longer ones break maxLength; odd characters are left open. */
const ids: fc.Arbitrary<{ id: string; verdict: Verdict | 'unknown' }> = fc.oneof(
  fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${executeHistoryId.minLength},${executeHistoryId.maxLength}}$`)).map((id) => ({ id, verdict: 'unknown' as const })),
  fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${(executeHistoryId.maxLength as number) + 1},${(executeHistoryId.maxLength as number) + 200}}$`)).map((id) => ({ id, verdict: 'invalid' as const })),
  // Unicode, dots, reserved and percent characters; an empty segment changes the route on a gateway.
  fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.constantFrom('', '.', '..', '...', '%2F', '%00', 'a%2Fb', 'a b', 'x;y=z', ':@!$&\'()*+,=', '%E4%B8%AD'),
  ).map((id) => ({ id, verdict: 'open' as const })),
);

/** Documented statuses that are no server error: what an input the spec leaves open may get. */
function expectNoServerError(): Expectation {
  const statuses = [...operation.responses.keys()].filter((s) => !s.startsWith('5'));
  return { ruleId: RULE_IDS.documentedStatus, statuses, rule: operation.responsesPointer, why: 'an input the spec leaves open gets a documented answer, never a server error' };
}

function expectationFor(verdict: Verdict | 'unknown', api: Api): Expectation {
  if (verdict === 'valid') return expectOk(api.contract);
  if (verdict === 'invalid') return expectRule(api.contract, 'invalid-parameter');
  if (verdict === 'unknown') return expectRule(api.contract, 'unknown-record');
  return expectNoServerError();
}

const seed = config.fuzz.seed ?? (Date.now() ^ process.pid) >>> 0;
// Shrinking sends more requests; a live target gets the first counterexample as found.
const parameters = { seed, numRuns: config.fuzz.runs, endOnFailure: config.target === 'live', interruptAfterTimeLimit: 60_000 };

test.describe('ListTaskExecuteDetail under random input', { tag: '@fuzz' }, () => {
  test.beforeEach(() => {
    test.info().annotations.push({ type: 'fuzz', description: `seed ${seed}, ${config.fuzz.runs} runs per property; reproduce with CONTRACT_FUZZ_SEED=${seed}` });
  });

  test(covers('random offset and limit: valid values are served, invalid ones rejected, the rest never a server error', 'invalid-parameter', RULE_IDS.documentedStatus), async ({ api }) => {
    await fc.assert(
      fc.asyncProperty(queries, async (input) => {
        const exchange = await api.send({ query: input.query });

        expect(exchange, `query ${input.shown} (${input.verdict}), seed ${seed}`).toConformToSpec(expectationFor(input.verdict, api));
      }),
      parameters,
    );
  });

  test(covers('random execute_history_id values: unknown ones 404, too long ones rejected, odd ones never a server error', 'unknown-record', RULE_IDS.boundary({ parameter: 'execute_history_id', edge: 'max+1' }), RULE_IDS.documentedStatus), async ({ api }) => {
    await fc.assert(
      fc.asyncProperty(ids, async ({ id, verdict }) => {
        const exchange = await api.send({ path: { execute_history_id: id } });

        expect(exchange, `execute_history_id ${JSON.stringify(id)} (${verdict}), seed ${seed}`).toConformToSpec(expectationFor(verdict, api));
      }),
      parameters,
    );
  });
});
