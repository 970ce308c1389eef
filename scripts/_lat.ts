import { liveEnv, startMockProcess } from '../tests/support/mock-process';
import { runSuite } from '../tests/support/run-suite';
import { userDefaults } from './bench/support';
(async () => {
  const grep = process.argv[2];
  const mock = await startMockProcess(['--seed', '1', '--latency', '150']);
  const suite = await runSuite({ ...userDefaults(liveEnv(mock, 'all')), CONTRACT_FUZZ_RUNS: '' }, { jsonReport: true, ...(grep ? { args: ['--grep', grep] } : {}) });
  const stats = await mock.stop();
  const count = (status: string) => suite.results.filter((r) => r.status === status).length;
  console.log(`exit ${suite.exitCode} ${(suite.durationMs / 1000).toFixed(2)} s, ${stats.served} requests, ${stats.maxInFlight} in flight; ${count('passed')} passed ${count('failed')} failed ${count('skipped')} skipped`);
  if (suite.exitCode !== 0) console.log(suite.output.slice(-3000));
  // slowest tests
  const slow = [...suite.results].sort((a, b) => (b as any).durationMs - (a as any).durationMs).slice(0, 12).map((r: any) => `${r.durationMs} ${r.title.slice(0, 140)}`);
  console.log(slow.join('\n'));
})();
