import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect as baseExpect } from '@playwright/test';
import { authenticationHeaders } from '../src/auth/authenticate';
import type { AkSk } from '../src/auth/aksk-signer';
import type { SignatureMutation } from '../src/auth/credential-mutations';
import { MAX_CLOCK_SKEW_MS } from '../src/mock/verify-signature';
import type { Expectation, JudgedInput } from '../src/checks/check';
import { checkExchange } from '../src/checks/index';
import { checkSameOrder, checkWalk } from '../src/checks/walk';
import { loadConfig, type Config } from '../src/config';
import { loadContract, type Contract } from '../src/contract';
import { isExchange, isWalk, type Exchange, type Walk } from '../src/http/exchange';
import { oneAtATime } from '../src/http/one-at-a-time';
import { send, ThrottledError, type SendOptions } from '../src/http/send';
import { deviationById } from '../src/mock/deviations';
import { FAULT_HEADER } from '../src/mock/handler';
import { startMockServer, type MockServer } from '../src/mock/server';
import { describeExchange, formatViolations } from '../src/report/format-violations';
import { buildEvidence, EVIDENCE_ATTACHMENT, NOT_APPLICABLE, recordViolation, targetFacts, titleCovering, type RecordedViolation } from '../src/report/evidence';
import { redactText } from '../src/secrets';
import { buildCatalogue } from '../src/report/rules-catalogue';
import { failuresAreRestored, KEPT_WORKER_NOTE } from '../src/report/contract-failures-reporter';
import { loadWaivers, waiverFor, type Waiver } from '../src/report/waivers';
import type { Violation } from '../src/checks/violation';
import { liveTarget, mockTarget, stoppedTargets, type Target } from '../src/target';
import { MOCK_DEVIATION, withBrokenCopies } from './broken-copies';
import { noteIfCaught, skipIfCaught } from './caught-faults';

/**
 * Which credentials a request carries: the target's own (valid: the token, else the AK/SK), one of its
 * optional ones, a given token, an AK/SK signature (possibly dated or tampered with), a raw
 * Authorization header, or none.
 */
export type AuthChoice =
  | 'valid'
  | 'aksk'
  | 'none'
  | 'forbidden'
  | 'other-project'
  | { readonly token: string }
  /** The target's own credentials of a scheme, for another project's path (X-Project-Id names it). */
  | { readonly own: 'token' | 'aksk'; readonly projectId: string }
  | { readonly aksk: AkSk; readonly signedAt?: Date; readonly tamper?: boolean; readonly mutation?: SignatureMutation }
  | { readonly authorization: string };

export interface ApiRequest extends Partial<Omit<SendOptions, 'path'>> {
  readonly auth?: AuthChoice;
  /** Path parameters; the target's project and execution record by default. */
  readonly path?: Readonly<Record<string, string>>;
  /** A mock fault (X-Mock-Fault); refused on a live target. */
  readonly fault?: string;
}

export interface Api {
  readonly contract: Contract;
  readonly target: Target;
  /** How long one request may take (CONTRACT_TIMEOUT_MS). */
  readonly timeoutMs: number;
  send(request?: ApiRequest): Promise<Exchange>;
  /** Pages through a record as real clients do: offset += items received, until a short page. */
  walk(limit: number, request?: ApiRequest): Promise<Walk>;
}

let catalogueIds: Set<string> | undefined;

/** A test title naming the rules of the matrix it exercises: they show in JUnit and in reports/conformance.html. */
export function covers(title: string, ...ruleIds: string[]): string {
  catalogueIds ??= new Set(buildCatalogue(loadContract()).map((rule) => rule.id));
  const unknown = ruleIds.filter((id) => !catalogueIds!.has(id));
  if (unknown.length) throw new Error(`"${title}" names rules the contract does not have: ${unknown.join(', ')}`);
  return titleCovering(title, ruleIds);
}

/**
 * Skips a test that a target of this kind can never exercise (a server fault on a live service): its
 * rules are reported "not applicable here", with the reason, and do not make the verdict incomplete.
 */
export function skipNotApplicable(condition: boolean, reason: string): void {
  if (!condition) return;
  base.info().annotations.push({ type: NOT_APPLICABLE, description: reason });
  base.skip(true, reason);
}

/** The most pages one walk requests before it gives up and reports the walk as incomplete. */
export const MAX_WALK_PAGES = 400;

type WorkerFixtures = {
  config: Config;
  contract: Contract;
  /** Start the embedded mock broken in one way (src/mock/deviations.ts); set per project by the self-test. */
  mockDeviation: string | undefined;
  /** The seed of the mock's data; another seed gives other ids, counts and values. */
  mockSeed: number | undefined;
  /** Correct variants of the mock (src/mock/variants.ts); set by the self-test's project for them. */
  mockVariants: readonly string[] | undefined;
  /**
   * Set by the self-test for its broken-mock projects: a failure there is the expected outcome, so it is
   * marked as such (it stays "failed" in every report) and Playwright keeps the worker instead of
   * restarting it after each failure.
   */
  failuresExpected: boolean;
  /** The live target a project runs against (a name of CONTRACT_TARGETS, or `live`); set per project. */
  targetName: string | undefined;
  mockServer: MockServer | undefined;
  target: Target;
  waivers: readonly Waiver[];
};

type TestFixtures = {
  /** The self-test's copy of a test judged against this broken mock (tests/broken-copies.ts). */
  brokenMock: string | undefined;
  api: Api;
  exchangeLog: Exchange[];
  recordEvidence: void;
};

const contractOfExchange = new WeakMap<Exchange, Contract>();
/** Every request of this worker passes here, one at a time. */
const inTurn = oneAtATime();

/**
 * What the matcher found in the running test, by test id: violations that fail it and waived ones, and
 * how many of its calls failed.
 */
const findings = new Map<string, { waivers: readonly Waiver[]; recorded: RecordedViolation[]; inputs: JudgedInput[]; failedCalls: number }>();

const suiteTest = base.extend<TestFixtures, WorkerFixtures>({
  brokenMock: [undefined, { option: true }],
  config: [async ({}, use) => use(loadConfig()), { scope: 'worker', box: true }],
  contract: [async ({}, use) => use(loadContract()), { scope: 'worker', box: true }],
  mockDeviation: [undefined, { scope: 'worker', option: true }],
  mockSeed: [undefined, { scope: 'worker', option: true }],
  mockVariants: [undefined, { scope: 'worker', option: true }],
  failuresExpected: [false, { scope: 'worker', option: true }],
  targetName: [undefined, { scope: 'worker', option: true }],
  mockServer: [
    async ({ config, contract, mockDeviation, mockSeed, mockVariants }, use) => {
      if (config.target !== 'mock') return use(undefined);
      const deviation = mockDeviation ?? config.mock.deviation;
      const variants = mockVariants ?? config.mock.variants;
      const server = await startMockServer({ contract, seed: mockSeed ?? config.mock.seed, ...(deviation ? { deviation } : {}), ...(variants ? { variants } : {}) });
      await use(server);
      await server.close();
    },
    { scope: 'worker', box: true },
  ],
  target: [
    async ({ config, mockServer, targetName }, use) => {
      if (mockServer) return use(mockTarget(mockServer));
      const live = config.targets?.find((t) => t.name === (targetName ?? 'live'));
      if (!live) throw new Error(`no live target named ${targetName ?? 'live'} in the configuration`);
      return use(liveTarget(live.live));
    },
    { scope: 'worker', box: true },
  ],
  baseURL: async ({ target }, use) => use(target.baseURL),
  waivers: [
    async ({ config, contract }, use) => use(loadWaivers(config.waiverFiles, new Set(buildCatalogue(contract).map((r) => r.id))).waivers),
    { scope: 'worker', box: true },
  ],
  exchangeLog: [async ({}, use) => use([]), { box: true }],
  api: [
    async ({ request, contract, target, config, exchangeLog }, use, testInfo) => {
      // Workers restart after a failure, so the run remembers a throttling target in its output folder.
      const throttledMarker = path.join(testInfo.project.outputDir, '.target-throttled');
      const skipIfThrottled = () => testInfo.skip(existsSync(throttledMarker), 'not run: the target throttled this run (see the failed test)');
      skipIfThrottled();
      const transport = {
        baseURL: target.baseURL,
        timeoutMs: config.timeoutMs,
        // A live service may shed load with 503 as well; the mock answers 503 only when a test asks for it.
        retryStatuses: target.kind === 'live' ? [429, 503] : [429],
        maxRetries: config.maxRetries,
        maxRetryDelayMs: config.maxRetryDelayMs,
      };
      const sendOne = async ({ auth = 'valid', path, fault, headers, ...rest }: ApiRequest = {}) => {
        if (fault !== undefined && target.kind !== 'mock') throw new Error('mock faults are never sent to a live target');
        skipIfThrottled();
        let exchange: Exchange;
        try {
          exchange = await inTurn(() =>
            send(request, contract.operation, transport, {
              ...rest,
              path: { project_id: target.projectId, execute_history_id: target.executeHistoryId, ...path },
              headers: { ...(fault !== undefined ? { [FAULT_HEADER]: fault } : {}), ...headers },
              authenticate: authenticator(target, auth),
            }),
          );
        } catch (error) {
          if (error instanceof ThrottledError) {
            mkdirSync(testInfo.project.outputDir, { recursive: true });
            writeFileSync(throttledMarker, error.message);
          }
          throw error;
        }
        contractOfExchange.set(exchange, contract);
        exchangeLog.push(exchange);
        return exchange;
      };
      await use({
        contract,
        target,
        timeoutMs: config.timeoutMs,
        send: sendOne,
        async walk(limit, walkRequest = {}) {
          const pages: Exchange[] = [];
          let offset = 0;
          let stoppedEarly: string | undefined;
          for (;;) {
            if (pages.length >= MAX_WALK_PAGES) {
              stoppedEarly = `gave up after ${pages.length} pages`;
              break;
            }
            const query = typeof walkRequest.query === 'object' ? walkRequest.query : {};
            const page = await sendOne({ ...walkRequest, query: { ...query, offset, limit } });
            pages.push(page);
            const body = page.response.json as { count?: unknown; items?: unknown } | undefined;
            if (page.response.status !== 200 || !Array.isArray(body?.items)) {
              stoppedEarly = `page ${pages.length} was answered ${page.response.status} without a list of items`;
              break;
            }
            if (body.items.length < limit) break;
            offset += body.items.length;
            if (typeof body.count === 'number' && offset > body.count + limit) {
              stoppedEarly = `full pages kept coming past offset ${offset}, beyond count ${body.count}`;
              break;
            }
          }
          return { kind: 'walk', limit, pages, ...(stoppedEarly ? { stoppedEarly } : {}) };
        },
      });
    },
    { box: true },
  ],
  recordEvidence: [
    async ({ exchangeLog, failuresExpected, mockDeviation, brokenMock, mockServer, contract, waivers, target }, use, testInfo) => {
      if (brokenMock !== undefined) {
        mockServer!.setDeviation(brokenMock);
        testInfo.annotations.push({ type: MOCK_DEVIATION, description: brokenMock });
      }
      const deviation = brokenMock ?? mockDeviation;
      // The self-test stops judging a broken mock once a failure names what it breaks (caught-faults.ts).
      const fault = failuresExpected && deviation ? deviationById(deviation) : undefined;
      if (fault) skipIfCaught(testInfo, fault);
      const stopped = stoppedTargets()[testInfo.project.name];
      const facts = targetFacts(testInfo.project.name, target, stopped);
      if (stopped) {
        // The preflight could not reach this target and said so once; its column of the report says why.
        await testInfo.attach(EVIDENCE_ATTACHMENT, { body: JSON.stringify(buildEvidence(contract, facts, testInfo.title, [], [])), contentType: 'application/json' });
        testInfo.skip(true, `not run: target ${testInfo.project.name} could not be reached`);
      }
      const found = { waivers, recorded: [] as RecordedViolation[], inputs: [] as JudgedInput[], failedCalls: 0 };
      findings.set(testInfo.testId, found);
      await use();
      findings.delete(testInfo.testId);
      if (failuresExpected && testInfo.status === 'failed') {
        testInfo.fail();
        if (fault) noteIfCaught(testInfo, fault);
      }
      // A failure of the contract alone leaves the worker as it was: keep it (src/report/contract-failures-reporter.ts).
      else if (testInfo.status === 'failed' && found.failedCalls > 0 && testInfo.errors.length === found.failedCalls && failuresAreRestored(testInfo.config)) {
        testInfo.fail(true, KEPT_WORKER_NOTE);
      }
      const evidence = buildEvidence(contract, facts, testInfo.title, exchangeLog, found.recorded, found.inputs);
      await testInfo.attach(EVIDENCE_ATTACHMENT, { body: JSON.stringify(evidence), contentType: 'application/json' });
      if (testInfo.status === 'passed' || exchangeLog.length === 0) return;
      const shown = exchangeLog.slice(-20);
      const text = shown.map((exchange, index) => describeExchange(exchange, ` #${exchangeLog.length - shown.length + index + 1}`).join('\n')).join('\n\n');
      await testInfo.attach('exchanges (secrets redacted)', { body: redactText(text), contentType: 'text/plain' });
    },
    { auto: true, box: true },
  ],
});

/** The suite's test; under the self-test, its describe blocks are copied once per broken mock (broken-copies.ts). */
export const test = process.env.CONTRACT_SELF_TEST === '1' ? withBrokenCopies(suiteTest) : suiteTest;

/** The per-request authentication for an AuthChoice (a signature is made for the request as sent). */
function authenticator(target: Target, auth: AuthChoice): SendOptions['authenticate'] {
  if (auth === 'none') return undefined;
  if (typeof auth === 'object') {
    if ('token' in auth) return () => ({ 'X-Auth-Token': auth.token });
    if ('authorization' in auth) return () => ({ Authorization: auth.authorization });
    if ('own' in auth) {
      const own = target.credentials[auth.own];
      if (!own) throw new Error(`the target has no ${auth.own} credentials; skip the test when they are not configured`);
      return (request) => authenticationHeaders(own, request, auth.projectId);
    }
    const { mutation } = auth;
    return (request) => {
      // A mutation signs one request and sends another, or changes the headers after signing.
      const signedAt = mutation?.signedAt?.(new Date(), MAX_CLOCK_SKEW_MS) ?? auth.signedAt;
      let headers = authenticationHeaders({ scheme: 'aksk', ...auth.aksk }, mutation?.signed ? mutation.signed(request) : request, target.projectId, signedAt);
      if (mutation?.sent) headers = mutation.sent(headers);
      if (auth.tamper) headers.Authorization = headers.Authorization!.replace(/[0-9a-f]$/, (c) => (c === '0' ? '1' : '0'));
      return headers;
    };
  }
  const { credentials } = target;
  const chosen =
    auth === 'valid' ? credentials.valid : auth === 'aksk' ? credentials.aksk : auth === 'forbidden' ? credentials.forbidden : credentials.otherProject?.credentials;
  if (!chosen) throw new Error(`the target has no ${auth} credentials; skip the test when they are not configured`);
  const projectId = auth === 'other-project' ? credentials.otherProject!.projectId : target.projectId;
  return (request) => authenticationHeaders(chosen, request, projectId);
}

type Subject = Exchange | Walk | readonly Walk[] | readonly Violation[];

/** The assertion a contract failure names last. */
const ASSERTION = 'expect(exchange).toConformToSpec()';

export const expect = baseExpect.extend({
  /**
   * The exchange (or every page of a walk, or several walks of one record) conforms to the spec: every
   * check of src/checks, the walk invariants, and the expectation of the test's own rule if given.
   */
  toConformToSpec(subject: Subject, expectation?: Expectation) {
    const { violations: all, contract } = judge(subject, expectation);
    // A violation of a waived rule is recorded as waived and does not fail the test (openapi/waivers.yaml).
    const found = findings.get(base.info().testId);
    found?.inputs.push(...(expectation?.inputs ?? []));
    const violations = all.filter((violation) => {
      const waiver = found && waiverFor(found.waivers, violation.ruleId, violation.at);
      found?.recorded.push(recordViolation(violation, waiver));
      return !waiver;
    });
    const pass = violations.length === 0;
    if (!pass && found) found.failedCalls += 1;
    const { operation, spec } = contract ?? {};
    return {
      pass,
      name: 'toConformToSpec',
      message: () =>
        pass
          ? `${operation?.operationId ?? 'The exchange'} conforms to the spec`
          : [
              formatViolations({
                operationId: operation!.operationId,
                method: operation!.method,
                pathTemplate: operation!.pathTemplate,
                locate: (pointer) => spec!.locate(pointer),
                violations,
              }),
              // Named as Playwright's own assertions name theirs: JUnit files the test under failures, not errors.
              '',
              `Assertion  ${ASSERTION}`,
            ].join('\n'),
    };
  },
});

function judge(subject: Subject, expectation?: Expectation): { violations: Violation[]; contract?: Contract } {
  if (isExchange(subject)) {
    const contract = contractOf(subject);
    return { contract, violations: checkExchange(contract, subject, expectation) };
  }
  if (isWalk(subject)) {
    const contract = contractOf(subject.pages[0]);
    return { contract, violations: checkWalk(contract, subject) };
  }
  const list = subject as readonly (Walk | Violation)[];
  if (list.length === 0) return { violations: [] };
  if (isWalk(list[0])) {
    const walks = list as readonly Walk[];
    const contract = contractOf(walks[0]!.pages[0]);
    return { contract, violations: [...walks.flatMap((walk) => checkWalk(contract, walk)), ...checkSameOrder(contract, walks)] };
  }
  const violations = list as readonly Violation[];
  return { contract: contractOf(violations[0]!.exchange), violations: [...violations] };
}

function contractOf(exchange: Exchange | undefined): Contract {
  const contract = exchange && contractOfExchange.get(exchange);
  if (!contract) throw new Error('toConformToSpec takes exchanges made with the api fixture');
  return contract;
}
