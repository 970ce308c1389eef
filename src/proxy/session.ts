import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { AkSk } from '../auth/aksk-signer';
import { judgeRecording } from '../checks/client/index';
import type { Contract, Contracts } from '../contract';
import type { Violation } from '../checks/violation';
import { RECORDING_KIND, type RecordedExchange, type Recording, type RecordingHeader } from '../http/recording';
import { createRecorder, type Recorder } from '../http/recorder';
import { formatViolations } from '../report/format-violations';
import { isHarFile, writeHar } from '../requests/har';
import { redactUrl, registerSecret } from '../secrets';
import { startProxy } from './forward';
import { judgeServer } from './judge-server';
import { buildProxyReport, writeProxyReport, type ProxyRun } from './report';

/** A problem that stops the proxy before it starts: one message, exit 2. */
export class ProxyStartError extends Error {}

/** What the proxy needs to know of the client's credentials: the AK/SK it signs with, when it signs. */
export interface ProxyCredentials {
  readonly aksk?: AkSk;
}

/**
 * Reads the credentials the proxy is given: HUAWEICLOUD_SDK_AK and _SK together (to verify a client's
 * signature and sign afresh for the upstream), or CONTRACT_AUTH_TOKEN for a token client; every one
 * is a secret from then on.
 */
export function proxyCredentials(env: NodeJS.ProcessEnv): ProxyCredentials {
  const ak = env.HUAWEICLOUD_SDK_AK || undefined;
  const sk = env.HUAWEICLOUD_SDK_SK || undefined;
  const token = env.CONTRACT_AUTH_TOKEN || undefined;
  if (!!ak !== !!sk) throw new ProxyStartError('HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK go together: set both or neither');
  if (!ak && !token) throw new ProxyStartError("credentials are required: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (the AK/SK the client signs with: the proxy verifies its signature and signs afresh for the upstream), or CONTRACT_AUTH_TOKEN for a client that sends a token");
  for (const secret of [ak, sk, token]) registerSecret(secret);
  return ak && sk ? { aksk: { ak, sk } } : {};
}

/** Where the reports go: CONTRACT_REPORTS_DIR or reports/, in the directory the user runs it in (the package may be installed in node_modules). */
export function userReportsDir(): string {
  return path.resolve(process.cwd(), process.env.CONTRACT_REPORTS_DIR || 'reports');
}

/** The upstream as given: an http(s) URL without query, fragment or credentials. */
export function parseUpstream(text: string | undefined): URL {
  if (!text) throw new ProxyStartError('--upstream URL is required: the service the client is to reach through the proxy');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ProxyStartError(`--upstream is not a URL: "${redactUrl(text)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ProxyStartError(`--upstream must be http(s), got "${url.protocol}"`);
  if (url.search || url.hash || url.username || url.password) throw new ProxyStartError('--upstream must not carry a query, a fragment or credentials');
  return url;
}

/** Any HTTP answer from the upstream's root within the time allowed means it can be reached. */
export function checkReachable(upstream: URL, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = (upstream.protocol === 'https:' ? https : http).request(upstream, { method: 'HEAD', timeout: timeoutMs }, (answer) => {
      answer.resume();
      resolve();
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on('error', (error: NodeJS.ErrnoException) => reject(new ProxyStartError(`the upstream ${redactUrl(upstream.href)} cannot be reached: ${error.code ?? error.message}`)));
    request.end();
  });
}

export interface ProxySession {
  readonly url: string;
  /** Stops forwarding and returns what was recorded. */
  stop(): Promise<Recording>;
}

/** Starts the proxy in front of the upstream, recording to `recordFile` (NDJSON as it goes, or HAR when it ends in .har). */
export async function startProxySession(contracts: Contracts, upstream: URL, credentials: ProxyCredentials, options: { port?: number; host?: string; recordFile?: string; projectId?: string }): Promise<ProxySession> {
  await checkReachable(upstream);
  let recorder: Recorder | undefined;
  const pending: RecordedExchange[] = [];
  const proxy = await startProxy({
    contracts,
    upstream,
    ...(credentials.aksk ? { aksk: credentials.aksk } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.port === undefined ? {} : { port: options.port }),
    record: (exchange) => (recorder ? recorder.record(exchange) : pending.push(exchange)),
    onUpstreamError: (message) => process.stderr.write(`proxy: ${message}\n`),
  });
  const header: RecordingHeader = {
    kind: RECORDING_KIND,
    version: 1,
    startedAt: new Date().toISOString(),
    baseUrl: proxy.url,
    scenario: { id: 'upstream', description: `what ${redactUrl(upstream.href)} answered`, injects: [] },
    spec: { file: contracts.spec.file, sha256: contracts.spec.sha256 },
    facts: { projectId: options.projectId ?? '', records: {} },
  };
  // A HAR is one JSON document, written whole when the proxy stops; NDJSON is written line by line as it goes.
  const har = options.recordFile !== undefined && isHarFile(options.recordFile);
  recorder = createRecorder(header, har ? undefined : options.recordFile);
  for (const exchange of pending) recorder.record(exchange);
  return {
    url: proxy.url,
    stop: async () => {
      await proxy.close();
      recorder!.close();
      const recording = recorder!.recording();
      if (har) writeHar(options.recordFile!, recording);
      return recording;
    },
  };
}

/** Judges both sides per operation, writes reports/proxy-conformance.{json,html,md}, prints what broke (per operation and side) and one line a side; the exit code. */
export function concludeProxy(contracts: Contracts, recording: Recording, run: ProxyRun, reportsDir: string): number {
  const client = judgeRecording(contracts, recording);
  const server = judgeServer(contracts, recording);
  const report = buildProxyReport(contracts, recording, client, server.operations, {
    ...run,
    problems: [...run.problems, ...(server.unjudged ? [`${server.unjudged} answers were larger than the copy the proxy keeps; their bodies were not judged.`] : [])],
  });
  const html = writeProxyReport(report, reportsDir);
  const print = (subject: string, { operation, spec }: Contract, violations: readonly Violation[]) => {
    if (violations.length === 0) return;
    const text = formatViolations({
      subject,
      operationId: operation.operationId,
      method: operation.method,
      pathTemplate: operation.pathTemplate,
      locate: (pointer) => spec.locate(pointer),
      violations: violations.slice(0, 10),
      numberOf: (exchange) => (exchange as RecordedExchange).seq,
    });
    process.stdout.write(`\n${text}\n`);
  };
  for (const { contract, verdicts } of server.operations) print('The service of', contract, verdicts.flatMap((v) => v.violations.slice(0, 3)));
  for (const { contract, verdicts } of client) print('A client of', contract, verdicts.flatMap((v) => v.violations.slice(0, 3)));
  for (const problem of report.problems) process.stdout.write(`  ${problem}\n`);
  process.stdout.write(`\nProxy conformance: ${report.verdict} (${recording.exchanges.length} requests) — ${path.relative(process.cwd(), html)}\n`);
  for (const side of report.targets ?? []) {
    const s = side.summary;
    process.stdout.write(`  ${side.name}: ${side.verdict} (${s.passed} passed, ${s.failed} failed, ${s.warnings} warnings, ${s.notExercised} not exercised, ${s.notApplicable} not applicable)\n`);
  }
  for (const { contract, requests, notCalled } of client) {
    const section = report.operations!.find((o) => o.operation === contract.operation.operationId)!;
    process.stdout.write(`  ${section.operation}: ${notCalled ? `not exercised (${notCalled})` : `${section.verdict} (${requests} requests, ${section.summary.failed} failed)`}\n`);
  }
  return report.verdict === 'not-conformant' || report.problems.length > 0 ? 1 : 0;
}
