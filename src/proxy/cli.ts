import path from 'node:path';
import { parseArgs } from 'node:util';
import { applyEnvFile, ConfigError } from '../config';
import { verifyContract } from '../contract';
import { checkRuleFields } from '../checks/index';
import { RecordingError } from '../http/recording';
import { loadRecording } from '../requests/har';
import { SpecError } from '../spec/load-spec';
import { concludeProxy, parseUpstream, proxyCredentials, ProxyStartError, startProxySession, userReportsDir } from './session';

/** `npm run proxy -- --upstream URL [--port N] [--record FILE]`: a recording proxy before a live service, judging both sides when stopped. */

const USAGE = `Usage: npm run proxy -- --upstream URL [--port N] [--host H] [--record FILE]
       npm run proxy -- --judge FILE

Forwards every request to the upstream and its answer back unchanged, records both, and on Ctrl-C
(SIGINT) or SIGTERM judges the client by the client rules and the service by every rule its answers
show, in one report: <reports>/proxy-conformance.json, .html and .md.

  --upstream URL  the service (e.g. https://workspace.cn-north-4.myhuaweicloud.com, or a mock)
  --port N        the port to listen on (default 8081; 0 picks a free one)
  --host H        the address to listen on (default 127.0.0.1)
  --record FILE   where the recording goes (default <reports>/proxy-recording.ndjson; HAR 1.2, credentials
                  redacted, when FILE ends in .har)
  --judge FILE    judge both sides of a recording made elsewhere, NDJSON or HAR 1.2 (browser devtools,
                  mitmproxy, Charles, Playwright's recordHar), instead of forwarding

Credentials (environment or .env): HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, the AK/SK the client
signs with (the proxy verifies its signature and signs the request afresh for the upstream), and/or
CONTRACT_AUTH_TOKEN for a client that sends a token (tokens pass through). CONTRACT_PROJECT_ID names
the project in the report.

Exit code: 0 both sides conform, 1 a side broke a rule, 2 the proxy could not run.
`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { upstream: { type: 'string' }, port: { type: 'string', default: '8081' }, host: { type: 'string', default: '127.0.0.1' }, record: { type: 'string' }, judge: { type: 'string' }, help: { type: 'boolean', default: false } } }));
  } catch (error) {
    throw new ProxyStartError(`${(error as Error).message}; see --help`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.judge !== undefined) {
    applyEnvFile();
    const contracts = await verifyContract();
    checkRuleFields(contracts);
    const recording = loadRecording(contracts, values.judge);
    const reportsDir = userReportsDir();
    return concludeProxy(contracts, recording, { upstream: recording.header.baseUrl, proxyUrl: recording.header.baseUrl, startedAt: new Date(recording.header.startedAt), durationMs: 0, problems: [] }, reportsDir);
  }
  const upstream = parseUpstream(values.upstream);
  if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) throw new ProxyStartError(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  applyEnvFile();
  const credentials = proxyCredentials(process.env);
  const reportsDir = userReportsDir();
  const contracts = await verifyContract();
  checkRuleFields(contracts);
  const recordFile = path.resolve(values.record ?? path.join(reportsDir, 'proxy-recording.ndjson'));
  const startedAt = new Date();
  const session = await startProxySession(contracts, upstream, credentials, { port: Number(values.port), host: values.host, recordFile, ...(process.env.CONTRACT_PROJECT_ID ? { projectId: process.env.CONTRACT_PROJECT_ID } : {}) });
  process.stdout.write(`proxy: forwarding to ${upstream.href}; point the client at ${session.url} (CONTRACT_BASE_URL=${session.url}). Ctrl-C stops it and judges.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const recording = await session.stop();
  const problems = recording.exchanges.length === 0 ? [`No request reached the proxy at ${session.url}: was the client pointed at it?`] : [];
  const code = concludeProxy(contracts, recording, { upstream: upstream.href, proxyUrl: session.url, startedAt, durationMs: Date.now() - startedAt.getTime(), problems }, reportsDir);
  process.stdout.write(`The recording is ${path.relative(process.cwd(), recordFile)}.\n`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ProxyStartError || error instanceof RecordingError || error instanceof SpecError || error instanceof ConfigError || (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    process.stderr.write(`\nproxy cannot run: ${known ? (error as Error).message : String((error as Error).stack ?? error)}\n`);
    process.exit(2);
  },
);
