import { readFileSync, writeFileSync } from 'node:fs';
import type { Contracts } from '../contract';
import { RECORDING_KIND, readRecording, RecordingError, type MockDecision, type RecordedExchange, type Recording } from '../http/recording';
import { suiteInfo } from '../suite';
import { presentedCredentials, recordedCredentials, upstreamRefusal } from './credentials';
import { decideRequest } from './decide';
import { recordExchange } from './record-exchange';
import { routerFor } from './route';

/** The parts of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) a judge reads and writes. */
interface HarHeader {
  readonly name: string;
  readonly value: string;
}
interface HarEntry {
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: { readonly method: string; readonly url: string; readonly headers: readonly HarHeader[] };
  readonly response: { readonly status: number; readonly headers: readonly HarHeader[]; readonly content?: { readonly text?: string; readonly encoding?: string } };
  /** What the proxy decided (written by npm run proxy -- --record FILE.har), kept when read back. */
  readonly _decision?: MockDecision;
}
interface Har {
  readonly log: { readonly version?: string; readonly entries: readonly HarEntry[] };
}

/**
 * Reads a recording: our NDJSON (npm run mock/proxy -- --record), or HAR 1.2 as browser devtools,
 * mitmproxy, Charles or Playwright's recordHar write it. A HAR's requests are judged as the proxy judges
 * them (route, parameters, the credentials sent); credentials count as refused when the service answered
 * 401 or 403, since a signature cannot be verified without its SK.
 */
export function loadRecording(contracts: Contracts, file: string): Recording {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RecordingError(`${file}: cannot read the recording (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const har = parseHar(text);
  return har ? harToRecording(contracts, har, file) : readRecording(file);
}

function parseHar(text: string): Har | undefined {
  if (!/^\s*\{\s*"log"/.test(text)) return undefined;
  try {
    const har = JSON.parse(text) as Har;
    return Array.isArray(har?.log?.entries) ? har : undefined;
  } catch {
    return undefined;
  }
}

function harToRecording(contracts: Contracts, har: Har, file: string): Recording {
  const route = routerFor(contracts.all);
  const entries = [...har.log.entries].sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime));
  const exchanges = entries.map((entry, index): RecordedExchange => {
    const { request, response } = entry;
    const startedAt = Date.parse(entry.startedDateTime);
    if (!request?.url || !response || Number.isNaN(startedAt)) throw new RecordingError(`${file}: entry ${index + 1} of the HAR has no request URL, response or startedDateTime`);
    const url = new URL(request.url);
    const headers = Object.fromEntries(request.headers.filter((h) => !h.name.startsWith(':')).map((h) => [h.name.toLowerCase(), h.value]));
    const answerHeaders = Object.fromEntries(response.headers.map((h) => [h.name.toLowerCase(), h.value]));
    const content = response.content ?? {};
    const body = content.encoding === 'base64' ? Buffer.from(content.text ?? '', 'base64').toString('utf8') : (content.text ?? '');
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const routed = route(url.pathname);
    const decided = entry._decision ?? {
      ...decideRequest(routed, url, headers),
      ...(routed.route === 'operation' ? { credentials: upstreamRefusal(recordedCredentials(presentedCredentials(headers)), response.status, json) } : {}),
    };
    return recordExchange(contracts.all, index + 1, { method: request.method, url: `${url.pathname}${url.search}`, headers: { ...headers, host: url.host } }, { status: response.status, headers: answerHeaders, text: body }, decided, startedAt, startedAt + Math.max(0, entry.time ?? 0));
  });
  const first = entries[0] ? new URL(entries[0].request.url) : undefined;
  return {
    header: {
      kind: RECORDING_KIND,
      version: 1,
      startedAt: entries[0]?.startedDateTime ?? new Date(0).toISOString(),
      baseUrl: first ? first.origin : '',
      scenario: { id: 'har', description: `traffic recorded elsewhere (${file})`, injects: [] },
      spec: { file: contracts.spec.file, sha256: contracts.spec.sha256 },
      facts: { projectId: exchanges.find((e) => e.request.pathParams.project_id)?.request.pathParams.project_id ?? '', records: {} },
    },
    exchanges,
  };
}

/** A recording file that is to be written as HAR (its name ends in .har), not as NDJSON. */
export function isHarFile(file: string): boolean {
  return /\.har$/i.test(file);
}

/** Writes a recording as HAR 1.2, which any HAR viewer opens; it holds what the recording holds (credentials already redacted) and the proxy's decisions. */
export function writeHar(file: string, recording: Recording): void {
  const pairs = (headers: Readonly<Record<string, string>>) => Object.entries(headers).map(([name, value]) => ({ name, value }));
  const { name, version } = suiteInfo();
  const har = {
    log: {
      version: '1.2',
      creator: { name, version },
      entries: recording.exchanges.map((exchange) => {
        const url = new URL(exchange.request.url);
        return {
          startedDateTime: new Date(exchange.startedAt).toISOString(),
          time: exchange.durationMs,
          request: {
            method: exchange.request.method,
            url: exchange.request.url,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: pairs(exchange.request.headers),
            queryString: [...url.searchParams].map(([n, value]) => ({ name: n, value })),
            headersSize: -1,
            bodySize: 0,
          },
          response: {
            status: exchange.response.status,
            statusText: exchange.response.statusText,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: pairs(exchange.response.headers),
            content: { size: Buffer.byteLength(exchange.response.text), mimeType: exchange.response.headers['content-type'] ?? '', text: exchange.response.text },
            redirectURL: '',
            headersSize: -1,
            bodySize: -1,
          },
          cache: {},
          timings: { send: 0, wait: exchange.durationMs, receive: 0 },
          _decision: exchange.decision,
        };
      }),
    },
  };
  writeFileSync(file, `${JSON.stringify(har, null, 2)}\n`);
}
