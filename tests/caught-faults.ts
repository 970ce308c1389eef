import type { TestInfo } from '@playwright/test';
import { caughtMarker, type Deviation } from '../src/mock/deviations';

/**
 * The self-test stops judging a broken mock once a failure names what it breaks, as mutation testing
 * does: the rest of that mock's tests are skipped. (Kept in a file of its own and short: Playwright
 * quotes the lines around every skip, and quoting a long file for each of a thousand skips costs seconds.)
 */
export const FAULT_CAUGHT = 'the self-test caught this fault already';

/** The broken mocks of this worker whose fault a failure has named. */
const caught = new Set<string>();

/** Skips the test if its broken mock's fault was caught already. */
export function skipIfCaught(testInfo: TestInfo, fault: Deviation): void {
  testInfo.skip(caught.has(fault.id), FAULT_CAUGHT);
}

/** Notes the fault as caught if a failure of the test names it. */
export function noteIfCaught(testInfo: TestInfo, fault: Deviation): void {
  if (testInfo.errors.some((error) => error.message?.includes(caughtMarker(fault)))) caught.add(fault.id);
}
