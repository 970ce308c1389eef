import autocannon from 'autocannon';
import { memoryKiB, pageUrl, startMockProcess, type MockProcess } from '../../tests/support/mock-process';
import { int, log, mib, onExit } from './support';

/** 2. The mock under concurrent load: requests/s, latency and memory. */

const WARM_UP_SECONDS = 2;
const SAMPLE_MS = 200;

/** The highest RSS of a process, sampled every 200 ms until stopped. */
function watchRss(pid: number): () => number | undefined {
  let peak: number | undefined;
  const sample = () => {
    const rss = memoryKiB(pid, 'VmRSS');
    if (rss !== undefined) peak = Math.max(peak ?? 0, rss);
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

interface LoadFigures {
  readonly limit: number;
  readonly result: autocannon.Result;
  readonly peakRssKiB: number | undefined;
}

/** One autocannon run: GET one page size of the large record, as many requests as the connections allow. */
function load(mock: MockProcess, limit: number, connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: pageUrl(mock, `?limit=${limit}`),
    headers: { 'X-Auth-Token': mock.facts.token },
    connections,
    duration: seconds,
  });
}

/** Requests/s, latency and memory of the mock for the first page of 10 and a full page of 100. */
export async function benchLoad(connections: number, seconds: number): Promise<{ figures: LoadFigures[]; idleRssKiB: number | undefined; hwmKiB: number | undefined }> {
  const mock = await startMockProcess(['--seed', '1']);
  const stop = onExit(() => mock.stop());
  const figures: LoadFigures[] = [];
  let idleRssKiB: number | undefined;
  let hwmKiB: number | undefined;
  try {
    idleRssKiB = memoryKiB(mock.pid, 'VmRSS');
    for (const limit of [10, 100]) {
      // The scenario must be a success before it is loaded: 200 and a page of `limit` items.
      const probe = await fetch(pageUrl(mock, `?limit=${limit}`), {
        headers: { 'X-Auth-Token': mock.facts.token },
      });
      const body = (await probe.json()) as { items?: unknown[] };
      if (probe.status !== 200 || body.items?.length !== limit) throw new Error(`limit=${limit}: expected 200 and ${limit} items, got ${probe.status}`);
      log(`load: limit=${limit}: ${WARM_UP_SECONDS} s warm-up, then ${seconds} s with ${connections} connections`);
      await load(mock, limit, connections, WARM_UP_SECONDS);
      const stopWatching = watchRss(mock.pid);
      const result = await load(mock, limit, connections, seconds);
      figures.push({ limit, result, peakRssKiB: stopWatching() });
      log(`load: limit=${limit}: ${Math.round(result.requests.average)} requests/s, p99 ${result.latency.p99} ms`);
    }
    hwmKiB = memoryKiB(mock.pid, 'VmHWM');
  } finally {
    await stop();
  }
  return { figures, idleRssKiB, hwmKiB };
}

export function loadTable(loadRun: Awaited<ReturnType<typeof benchLoad>>, connections: number, seconds: number): string[] {
  const first = loadRun.figures.find((figure) => figure.limit === 10)!.result;
  const loadMet = first.requests.average >= 10_000 && first.errors === 0 && first.timeouts === 0 && first.non2xx === 0;
  return [
    `## 2. Mock under load (autocannon, ${connections} connections, ${seconds} s after a ${WARM_UP_SECONDS} s warm-up; the mock in its own process)`,
    '',
    '| scenario | requests/s (avg) | p50 ms | p99 ms | requests | non-2xx | errors (timeouts) | KiB/response | peak RSS MiB |',
    '|---|---|---|---|---|---|---|---|---|',
    ...loadRun.figures.map(({ limit, result, peakRssKiB }) =>
      `| limit=${limit} | ${int(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${int(result.requests.total)} | ${result.non2xx} | ${result.errors} (${result.timeouts}) | ${(result.throughput.total / Math.max(1, result.requests.total) / 1024).toFixed(1)} | ${mib(peakRssKiB)} |`,
    ),
    '',
    `Mock RSS idle ${mib(loadRun.idleRssKiB)} MiB, high-water mark (VmHWM) ${mib(loadRun.hwmKiB)} MiB. ` +
      `Goal ≥ 10,000 requests/s for limit=10 with no error: ${loadMet ? '✓ met' : '✗ not met'}.`,
    '',
  ];
}
