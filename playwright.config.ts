import { availableParallelism } from 'node:os';
import { defineConfig, type Project } from '@playwright/test';
import { DEVIATIONS } from './src/mock/deviations';
import { FRONTS, frontMissing, type FrontKind } from './src/mock/fronts';
import { VARIANTS } from './src/mock/variants';
import { preflight } from './src/preflight';
import { BROKEN_TITLE, brokenMark } from './tests/broken-copies';
import { CONTRACT_FAILURES_REPORTER } from './src/report/contract-failures-reporter';

/** The worker options of tests/fixtures/index.ts that projects may set. */
type SuiteOptions = {
  mockDeviation: string | undefined;
  mockSeed: number | undefined;
  mockVariants: readonly string[] | undefined;
  mockStack: FrontKind | 'node' | undefined;
  failuresExpected: boolean;
  targetName: string | undefined;
};

const { config } = preflight();
/** A JSON report instead of the usual ones: how the project's own tests read a run of the suite. */
const jsonReport = process.env.CONTRACT_JSON_REPORT;
/** `1`: the self-test, its broken mocks as copies of the tests; `projects`: the plain way, a project per broken mock (the bench compares the two). */
const selfTest = process.env.CONTRACT_SELF_TEST === '1' || process.env.CONTRACT_SELF_TEST === 'projects';
const reports = config.reportsDir;

/**
 * The self-test (tests/self-test) runs this same suite once against the correct mock, once against the
 * mock holding other data, and once against each deliberately broken mock, in one run. The broken mocks
 * are copies of the tests, not projects (tests/broken-copies.ts): a project takes a share of them, one
 * share per core, and judges them all in one worker instead of starting one worker per mock.
 */
const shares = Math.max(1, Math.min(DEVIATIONS.length, availableParallelism()));
const brokenProjects: Project<{}, SuiteOptions>[] =
  process.env.CONTRACT_SELF_TEST === 'projects'
    ? DEVIATIONS.map(({ id }) => ({ name: id, use: { mockDeviation: id, failuresExpected: true } }))
    : Array.from({ length: shares }, (_, share) => {
        const marks = DEVIATIONS.filter((_, index) => index % shares === share).map((deviation) => escapeRegExp(brokenMark(deviation.id)));
        return { name: `broken-mocks-${share + 1}`, grep: new RegExp(marks.join('|')), use: { failuresExpected: true } };
      });
/**
 * The real software a correct service meets (src/mock/fronts.ts): Node's own server answering what its
 * parser refuses, and each gateway installed here, in front of the mock with stock settings. The self-test
 * (tests/self-test) names a gateway that is not installed, and fails in CI for it.
 */
const stacks: ('node' | FrontKind)[] = selfTest ? ['node', ...FRONTS.filter((front) => !frontMissing(front))] : [];
/** The deviations judged behind each gateway too: those of how an answer is framed, labelled and headed, which a gateway may pass on, change or hide. */
const SEEN_THROUGH_FRONTS = DEVIATIONS.filter((deviation) => /^(rule:complete-response|rule:json-text|check:|#\/components\/(headers|responses))|rule:method-not-allowed/.test(deviation.breaks) || deviation.id.includes('gzip'));
const selfTestProjects: Project<{}, SuiteOptions>[] = [
  { name: 'correct', grepInvert: BROKEN_TITLE },
  { name: 'other-data', use: { mockSeed: 20261129 }, grepInvert: BROKEN_TITLE },
  // Every correct variant of the service at once (src/mock/variants.ts): none may fail a test.
  { name: 'correct-variants', use: { mockVariants: VARIANTS.map((v) => v.id) }, grepInvert: BROKEN_TITLE },
  ...stacks.map((stack): Project<{}, SuiteOptions> => ({ name: stackProject(stack), use: { mockStack: stack }, grepInvert: BROKEN_TITLE })),
  ...stacks
    .filter((stack) => stack !== 'node')
    .map((stack): Project<{}, SuiteOptions> => ({
      name: `broken-${stackProject(stack)}`,
      grep: new RegExp(SEEN_THROUGH_FRONTS.map(({ id }) => escapeRegExp(brokenMark(id))).join('|')),
      use: { mockStack: stack, failuresExpected: true },
    })),
  ...brokenProjects,
  // One worker a project, its tests in order.
].map((project) => ({ ...project, workers: 1, fullyParallel: false }));

/** The self-test project of a correct run on real software: node-parser, behind-nginx, behind-haproxy. */
function stackProject(stack: 'node' | FrontKind): string {
  return stack === 'node' ? 'node-parser' : `behind-${stack}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A live service gets one worker per request it may have in flight (CONTRACT_CONCURRENCY, per target);
 * a worker sends one request at a time (tests/fixtures/api.ts).
 */
const WORKERS_PER_TARGET = config.concurrency;

/**
 * One project per target, named after it (JUnit and the report name the target by it): the embedded
 * mock, the live target, or each target of CONTRACT_TARGETS, side by side, each as gentle as one alone.
 */
const targetProjects: Project<{}, SuiteOptions>[] = config.targets
  ? config.targets.map(({ name }) => ({ name, use: { targetName: name }, workers: WORKERS_PER_TARGET }))
  : [{ name: config.target }];

export default defineConfig<{}, SuiteOptions>({
  testDir: 'tests/conformance',
  globalSetup: './tests/global-setup.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The embedded mock takes all the machine has.
  ...(config.targets ? { workers: WORKERS_PER_TARGET * config.targets.length } : {}),
  // The first reporter turns a failure that kept its worker back into the failure it is (see there).
  reporter: jsonReport
    ? [[CONTRACT_FAILURES_REPORTER], ['json', { outputFile: jsonReport }]]
    : [
        [CONTRACT_FAILURES_REPORTER],
        ['list'],
        ['html', { outputFolder: `${reports}/html`, open: 'never' }],
        ['junit', { outputFile: `${reports}/junit.xml`, includeProjectInTestName: true }],
        ['./src/report/conformance-reporter.ts'],
      ],
  outputDir: jsonReport ? `${jsonReport}.results` : `${reports}/test-results`,
  use: {
    // Traces record request headers, secrets included; exchanges are attached redacted instead.
    trace: 'off',
  },
  projects: selfTest ? selfTestProjects : targetProjects,
});
