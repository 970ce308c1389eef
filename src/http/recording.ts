import { readFileSync } from 'node:fs';
import type { Exchange } from './exchange';

/**
 * A recording of a client: every request it sent to the embedded mock, the answer it got and what the
 * mock decided about it, one JSON line each after a header line. It holds no secret (headers are
 * redacted when recorded, credentials are kept as a short hash), so it can be kept as a CI artifact
 * and judged later, elsewhere (npm run client-check -- --judge FILE).
 */
export interface RecordingHeader {
  readonly kind: typeof RECORDING_KIND;
  readonly version: 1;
  readonly startedAt: string;
  readonly baseUrl: string;
  /** The scenario the mock showed, and the statuses it injects (src/mock/scenarios.ts). */
  readonly scenario: { readonly id: string; readonly description: string; readonly injects: readonly number[] };
  readonly spec: { readonly file: string; readonly sha256: string };
  /** The sizes of the project's lists: operationId → owner id → items. */
  readonly facts: { readonly projectId: string; readonly records: Readonly<Record<string, Readonly<Record<string, number>>>> };
}

/** What the mock decided about one request, before and beside its answer. */
export interface MockDecision {
  /** `operation`: the operation's path; `iam`: IAM's token endpoint; `unknown`: any other path. */
  readonly route: 'operation' | 'iam' | 'unknown';
  /** The credentials the request carried (`id` is a short hash, never the credential) and, if the gateway refused them, why. */
  readonly credentials?: {
    readonly scheme: 'token' | 'aksk' | 'none';
    readonly id?: string;
    /** A case of x-client-rules/credentials-accepted, and the gateway's detail. */
    readonly refused?: { readonly case: string; readonly detail: string };
  };
  /** The first parameter the spec's schemas refuse, if any. */
  readonly parameterProblem?: string;
  /** The scenario (or X-Mock-Fault) answered instead of the service: `429`, `503`, `latency`. */
  readonly injected?: string;
  /** The value of the negative-test marker header: the client sent this request invalid on purpose. */
  readonly negative?: string;
}

export interface RecordedExchange extends Exchange {
  /** 1, 2, 3 ... in the order the requests arrived. */
  readonly seq: number;
  /** When the request arrived and when its answer was sent, in ms since the epoch (fractional). */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly decision: MockDecision;
  /** count and the number of items of a 200 page. */
  readonly page?: { readonly count: number; readonly items: number };
  /** The body was larger than the copy kept of it: it was not judged. */
  readonly bodyCut?: true;
}

export interface Recording {
  readonly header: RecordingHeader;
  readonly exchanges: readonly RecordedExchange[];
}

export const RECORDING_KIND = 'ListTaskExecuteDetail client recording';

/** A recording that cannot be read; the message names the file, the line and the problem. */
export class RecordingError extends Error {
  override name = 'RecordingError';
}

export function recordingLine(entry: RecordingHeader | RecordedExchange): string {
  return `${JSON.stringify(entry)}\n`;
}

/** Reads a recording file; a file that is not one is a RecordingError. A last line cut short (the mock was killed) is dropped. */
export function readRecording(file: string): Recording {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RecordingError(`${file}: cannot read the recording (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // Every line ends with a newline: what follows the last one is empty, or a line cut short.
  const complete = text.split('\n').slice(0, -1);
  const parse = (line: string, index: number): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      throw new RecordingError(`${file}:${index + 1}: not a line of a recording (not JSON)`);
    }
  };
  const [first, ...rest] = complete;
  const header = first === undefined ? undefined : (parse(first, 0) as RecordingHeader);
  if (!header || header.kind !== RECORDING_KIND) {
    throw new RecordingError(`${file}: not a client recording (its first line must be the header written by the mock's --record)`);
  }
  if (header.version !== 1) throw new RecordingError(`${file}: recording version ${String(header.version)} is not supported (1 is)`);
  const exchanges = rest.map((line, index) => {
    const entry = parse(line, index + 1) as RecordedExchange;
    if (typeof entry?.seq !== 'number' || !entry.request || !entry.response || !entry.decision) {
      throw new RecordingError(`${file}:${index + 2}: not a recorded exchange`);
    }
    return entry;
  });
  return { header, exchanges };
}
