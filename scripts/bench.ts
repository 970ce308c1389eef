import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/spec/load-spec';
import { benchBroken, brokenTable } from './bench/broken-server';
import { benchSuite, suiteTable } from './bench/floor';
import { benchLoad, loadTable } from './bench/mock-load';
import { benchHostile, hostileTable } from './bench/hostile';
import { benchNetwork, networkTable } from './bench/network';
import { benchProjectTests, projectTestsTable } from './bench/project-tests';
import { benchProxy, proxyTable } from './bench/proxy';
import { cleanUp, header, log } from './bench/support';
import { benchSelfTest, selfTestTable } from './bench/self-test';
import { benchValidation, validationTable } from './bench/validation';

/**
 * `npm run bench [-- --runs 5 --seconds 10 --connections 50]`: a benchmark, not a test. Each benchmark is
 * a file of scripts/bench/; every figure it prints is measured on this machine, and the Markdown tables
 * go to stdout and to reports/bench.md.
 */

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping child processes`);
    void cleanUp().then(() => process.exit(code));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      'network-only': { type: 'boolean', default: false },
      'hostile-only': { type: 'boolean', default: false },
      'proxy-only': { type: 'boolean', default: false },
      'skip-project-tests': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('Usage: npm run bench -- [--runs 5] [--seconds 10] [--connections 50] [--network-only | --hostile-only | --proxy-only] [--skip-project-tests]\n');
    return;
  }
  const whole = (name: 'runs' | 'seconds' | 'connections') => {
    const text = values[name];
    if (!/^[1-9]\d{0,4}$/.test(text)) throw new UsageError(`--${name} must be a whole number from 1, got "${text}"`);
    return Number(text);
  };
  const [runs, seconds, connections] = [whole('runs'), whole('seconds'), whole('connections')];
  const options = `--runs ${runs} --seconds ${seconds} --connections ${connections}${values['network-only'] ? ' --network-only' : ''}${values['hostile-only'] ? ' --hostile-only' : ''}${values['proxy-only'] ? ' --proxy-only' : ''}${values['skip-project-tests'] ? ' --skip-project-tests' : ''}`;
  const sections: string[][] = [header(options)];
  const only = values['network-only'] || values['hostile-only'] || values['proxy-only'];
  if (!only) {
    sections.push(suiteTable(await benchSuite(runs), runs));
    const broken = brokenTable(await benchBroken());
    sections.push(loadTable(await benchLoad(connections, seconds), connections, seconds));
    sections.push(validationTable(benchValidation()));
    sections.push(broken);
    sections.push(selfTestTable(await benchSelfTest()));
  }
  if (!only || values['proxy-only']) sections.push(proxyTable(await benchProxy(connections, seconds)));
  if (!only || values['network-only']) sections.push(networkTable(await benchNetwork()));
  if (!only || values['hostile-only']) sections.push(hostileTable(await benchHostile()));
  if (!only && !values['skip-project-tests']) sections.push(projectTestsTable(await benchProjectTests()));
  const markdown = sections.flat().join('\n');
  const reports = path.join(PROJECT_ROOT, 'reports');
  mkdirSync(reports, { recursive: true });
  writeFileSync(path.join(reports, 'bench.md'), markdown);
  process.stdout.write(markdown);
  log(`written to ${path.relative(process.cwd(), path.join(reports, 'bench.md'))}`);
}

/** A bad option: said in one line, exit 2. */
class UsageError extends Error {}

main()
  .catch((error: unknown) => {
    const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    log(usage ? `${(error as Error).message} (npm run bench -- --help)` : `failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = usage ? 2 : 1;
  })
  .finally(() => cleanUp());
