import type { TestType } from '@playwright/test';
import { DEVIATIONS } from '../src/mock/deviations';

/** The title mark of a describe block's copy judged against one broken mock. */
export function brokenMark(id: string): string {
  return `[broken: ${id}]`;
}

/** The titles of every copy against a broken mock. */
export const BROKEN_TITLE = /\[broken: [a-z0-9-]+\]/;

/** The annotation that names the broken mock a test was judged against (the self-test reads it). */
export const MOCK_DEVIATION = 'mock-deviation';

/**
 * For the self-test: every describe block of the suite is declared as written and once more per
 * broken mock, titled `<title> [broken: <id>]`, whose tests run against that mock (the test-scoped
 * option `brokenMock`, tests/fixtures.ts). Playwright gives each project a worker of its own, and a
 * worker takes about a second of CPU to start: with the broken mocks as copies of the tests instead
 * of projects, a project (a share of them, chosen by grep in playwright.config.ts) judges many mocks in
 * one worker.
 */
export function withBrokenCopies<T extends TestType<object, object>>(test: T): T {
  const describe = new Proxy(test.describe, {
    apply(target, thisArg, args: unknown[]) {
      Reflect.apply(target, thisArg, args);
      const title = args[0] as string;
      const body = args[args.length - 1] as () => void;
      const details = args.slice(1, -1);
      for (const { id } of DEVIATIONS) {
        Reflect.apply(target, thisArg, [
          `${title} ${brokenMark(id)}`,
          ...details,
          () => {
            test.use({ brokenMock: id } as never);
            body();
          },
        ]);
      }
    },
  });
  return new Proxy(test, { get: (target, property, receiver) => (property === 'describe' ? describe : Reflect.get(target, property, receiver)) });
}
