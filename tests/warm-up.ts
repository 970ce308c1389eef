/**
 * Global setup of the project's tests: loads the suite's modules once through Playwright's TypeScript
 * transform, so that its cache holds them before the tests start runs of the suite side by side, each
 * of which would otherwise transform the same files at the same moment on a fresh machine.
 */
import './fixtures/index';
import '../src/report/conformance-reporter';

export default function warmUp(): void {
  // Loading the modules above is all there is to do.
}
