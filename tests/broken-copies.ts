import type { TestType } from '@playwright/test';
import { loadContracts } from '../src/contract';
import { DEVIATIONS, type Deviation } from '../src/mock/deviations';
import { skipIfCaught } from './caught-faults';

/** The title mark of a describe block's copy judged against one broken mock. */
export function brokenMark(id: string): string {
  return `[broken: ${id}]`;
}

/** The titles of every copy against a broken mock. */
export const BROKEN_TITLE = /\[broken: [a-z0-9-]+\]/;

/** The annotation that names the broken mock a test was judged against (the self-test reads it). */
export const MOCK_DEVIATION = 'mock-deviation';

/**
 * Whether the tests of a block can meet a broken mock: a block of an operation's tests (titled by its
 * operationId, forEachList) meets a fault of one operation only if it is that operation or follows a
 * link to it (counts-match-subtasks walks the linked list); any other block meets every fault. A copy
 * that cannot meet its fault would only pass, so it is not declared.
 */
function meets(deviation: Deviation, title: string | undefined): boolean {
  if (deviation.operation === undefined || title === undefined) return true;
  const operation = loadContracts().all.find((contract) => contract.operation.operationId === title)?.operation;
  if (!operation) return true;
  return operation.operationId === deviation.operation || [...operation.links.values()].some((link) => link.operationId === deviation.operation);
}

/** The broken mock whose copy of a block is being declared, if one is. */
let declaringCopyOf: string | undefined;

/**
 * The tag of the random tests, whose blocks a copy leaves out: the self-test holds every deviation to be
 * caught by the deterministic tests alone, since detection must never depend on a seed (and the copies
 * of the random tests were a fifth of its time).
 */
const NOT_COPIED_TAG = '@fuzz';

/** Whether the details of a `test.describe` call carry `tag`. */
function tagged(details: readonly unknown[], tag: string): boolean {
  return details.some((detail) => {
    const tags = (detail as { tag?: string | string[] } | undefined)?.tag;
    return tags === tag || (Array.isArray(tags) && tags.includes(tag));
  });
}

/**
 * For the self-test: every describe block of the suite is declared as written and once more per
 * broken mock, titled `<title> [broken: <id>]`, whose tests run against that mock (the test-scoped
 * option `brokenMock`, tests/fixtures/index.ts). Playwright gives each project a worker of its own, and a
 * worker takes about a second of CPU to start: with the broken mocks as copies of the tests instead
 * of projects, a project (a share of them, chosen by grep in playwright.config.ts) judges many mocks in
 * one worker.
 */
export function withBrokenCopies<T extends TestType<object, object>>(test: T): T {
  // Only the outermost blocks are copied: a block inside one is part of each copy already.
  let depth = 0;
  const nested = (body: () => void) => () => {
    depth += 1;
    try {
      body();
    } finally {
      depth -= 1;
    }
  };
  const describe = new Proxy(test.describe, {
    apply(target, thisArg, args: unknown[]) {
      const body = args[args.length - 1] as () => void;
      if (depth > 0 && declaringCopyOf !== undefined && tagged(args.slice(0, -1), NOT_COPIED_TAG)) return undefined;
      if (depth > 0 || typeof body !== 'function') return Reflect.apply(target, thisArg, args);
      // test.describe([title,] [details,] body): an anonymous block's copies are titled by the mark alone.
      const title = typeof args[0] === 'string' ? args[0] : undefined;
      const details = args.slice(title === undefined ? 0 : 1, -1);
      Reflect.apply(target, thisArg, [...args.slice(0, -1), nested(body)]);
      for (const deviation of DEVIATIONS.filter((d) => meets(d, title))) {
        const { id } = deviation;
        Reflect.apply(target, thisArg, [
          title === undefined ? brokenMark(id) : `${title} ${brokenMark(id)}`,
          ...details,
          nested(() => {
            test.use({ brokenMock: id } as never);
            // A block met after its fault was caught is skipped whole, before any test's fixtures are set up.
            test.beforeAll(({}, testInfo) => skipIfCaught(testInfo, deviation));
            declaringCopyOf = id;
            try {
              body();
            } finally {
              declaringCopyOf = undefined;
            }
          }),
        ]);
      }
    },
  });
  return new Proxy(test, {
    get: (target, property, receiver) => (property === 'describe' ? describe : Reflect.get(target, property, receiver)),
    // A test outside any block gets its copies too, each in a block of its own.
    apply(target, thisArg, args: unknown[]) {
      if (depth > 0) return Reflect.apply(target, thisArg, args);
      Reflect.apply(target, thisArg, args);
      for (const { id } of DEVIATIONS) {
        Reflect.apply(test.describe, undefined, [
          brokenMark(id),
          nested(() => {
            test.use({ brokenMock: id } as never);
            Reflect.apply(target, thisArg, args);
          }),
        ]);
      }
    },
  });
}
