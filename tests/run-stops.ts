import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestInfo } from '@playwright/test';
import type { Exchange } from '../src/http/exchange';
import { redactText } from '../src/secrets';

/**
 * How many requests of a run a target may leave hanging (no answer within CONTRACT_TIMEOUT_MS, or a body
 * not ended within CONTRACT_BODY_TIMEOUT_MS) before the rest of the run stops: each such request has
 * failed its test, and a target that hangs this often would otherwise hold every test for its deadlines.
 */
export const HUNG_REQUESTS_BEFORE_STOP = 3;
const HUNG_CASES = new Set(['no-answer', 'body-not-in-time']);

/**
 * Why the rest of a run stops: a target that throttled it, or one that left requests hanging. Workers
 * restart after a failure, so the run remembers both in its output folder: the throttling once, each
 * hung request a line, per target (the projects of a targets file share the folder) and per broken
 * mock under the self-test.
 */
export function runStops(testInfo: TestInfo, brokenMock: string | undefined) {
  const folder = testInfo.project.outputDir;
  const throttledMarker = path.join(folder, '.target-throttled');
  const hungMarker = path.join(folder, `.target-hung-${testInfo.project.name}${brokenMock ? `-${brokenMock}` : ''}`);
  const hung = () => (existsSync(hungMarker) ? readFileSync(hungMarker, 'utf8').split('\n').filter(Boolean) : []);
  return {
    /** Skips the test if the run has stopped. */
    skipIfStopped(): void {
      testInfo.skip(existsSync(throttledMarker), 'not run: the target throttled this run (see the failed test)');
      const requests = hung();
      testInfo.skip(
        requests.length >= HUNG_REQUESTS_BEFORE_STOP,
        `not run: the target left ${requests.length} requests of this run hanging (complete-response, see the failed tests), so the run stops: ${requests.join('; ')}`,
      );
    },
    throttled(message: string): void {
      mkdirSync(folder, { recursive: true });
      writeFileSync(throttledMarker, message);
    },
    /** Counts the exchange if the target left it hanging. */
    noteIfHung(exchange: Exchange): void {
      const incomplete = exchange.response.incomplete;
      if (!incomplete || !HUNG_CASES.has(incomplete.case)) return;
      mkdirSync(folder, { recursive: true });
      appendFileSync(hungMarker, `${exchange.request.method} ${redactText(new URL(exchange.request.url).search || '(no query)')}: ${incomplete.case}\n`);
    },
  };
}
