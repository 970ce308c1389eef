import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate, type Gunzip } from 'node:zlib';

/**
 * The ways an HTTP/1.1 message fails to arrive whole (RFC 9112), named as the cases of the spec's
 * complete-response rule (openapi/schedule-task.yaml, x-contract-rules).
 */
export type IncompleteCase =
  | 'no-answer'
  | 'body-not-in-time'
  | 'body-too-large'
  | 'body-shorter-than-length'
  | 'body-longer-than-length'
  | 'malformed-status-line'
  | 'malformed-framing';

/** Why a message did not arrive whole, in words that say what came. */
export interface Incomplete {
  readonly case: IncompleteCase;
  readonly detail: string;
}

/** How much of a body is kept and how long it may take. */
export interface BodyBounds {
  /** The most bytes kept, counted after the content coding is decoded (and before, on the wire). */
  readonly maxBytes: number;
  /** How long the whole body may take once the headers are in. */
  readonly timeoutMs: number;
}

export interface BoundedBody {
  /** What was kept (decoded), at most maxBytes; what had arrived when the body failed. */
  readonly body: Buffer;
  /** Bytes received on the wire. */
  readonly wireBytes: number;
  readonly incomplete?: Incomplete;
}

/** Parse errors of Node's HTTP parser (llhttp) that say the status line is not HTTP/1.x. */
const STATUS_LINE_ERRORS = new Set(['HPE_INVALID_CONSTANT', 'HPE_INVALID_VERSION', 'HPE_INVALID_STATUS']);

/** Node's parse error, named for what it is. */
export function parseFailure(error: NodeJS.ErrnoException & { reason?: string }, where: 'status-line' | 'after-body' | 'body', contentLength?: number): Incomplete | undefined {
  if (!error.code?.startsWith('HPE_')) return undefined;
  const reason = error.reason ?? error.message.replace(/^Parse Error:\s*/, '');
  if (where === 'after-body' && contentLength !== undefined) {
    return { case: 'body-longer-than-length', detail: `more bytes came after the ${contentLength} bytes Content-Length announced (${reason})` };
  }
  if (where === 'status-line' && STATUS_LINE_ERRORS.has(error.code)) return { case: 'malformed-status-line', detail: `the answer does not begin with an HTTP/1.1 status line (${reason})` };
  if (error.code === 'HPE_HEADER_OVERFLOW') return { case: 'malformed-framing', detail: 'the header section is larger than 16 KiB (Node\u2019s limit, --max-http-header-size)' };
  return { case: 'malformed-framing', detail: `the message is not framed as HTTP/1.1 allows (${reason})` };
}

function decoderFor(encoding: string | undefined): Gunzip | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

/**
 * Reads one message body, bounded in size and time, and never more: a body past maxBytes (on the
 * wire, or once decoded: a zip bomb is the same fault) is cut off while it streams, a body that has not
 * ended within timeoutMs is cut off, a connection that closes before the framing ends (Content-Length
 * or the last chunk) and bytes past Content-Length are named as such. The message (and its socket) is
 * destroyed on any failure, so nothing more is read. Usable for a response the suite received and, in a
 * proxy, for a request from a client (`answerFirst`: the message is paused, not destroyed, so that a
 * 413 can still be written before the connection closes) or a response from upstream; `parser` is the
 * emitter Node reports parse errors on (the ClientRequest of a response), when there is one.
 */
export function readBoundedBody(
  message: IncomingMessage,
  bounds: BodyBounds,
  parser?: EventEmitter,
  { decode = true, answerFirst = false }: { decode?: boolean; answerFirst?: boolean } = {},
): Promise<BoundedBody> {
  const declared = message.headers['content-length'];
  const contentLength = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined;
  const encoding = message.headers['content-encoding'];
  const decoder = decode ? decoderFor(encoding) : undefined;
  return new Promise((resolve) => {
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let wireBytes = 0;
    let settled = false;
    let ended = false;
    const started = performance.now();
    const finish = (incomplete?: Incomplete) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      parser?.removeListener('error', onParserError);
      if (incomplete) {
        // A server answers a request it stops reading (413, then it closes); a client just hangs up.
        if (answerFirst) message.pause();
        else message.destroy();
        decoder?.destroy();
      }
      resolve({ body: Buffer.concat(kept), wireBytes, ...(incomplete ? { incomplete } : {}) });
    };
    const tooLarge = (decoded: boolean) =>
      finish({
        case: 'body-too-large',
        detail: decoded
          ? `the body decodes (${encoding}) to more than ${bounds.maxBytes} bytes after ${wireBytes} bytes on the wire; cut off there`
          : `more than ${bounds.maxBytes} bytes of body${contentLength !== undefined ? ` (Content-Length ${contentLength})` : ''}; cut off there`,
      });
    const keep = (chunk: Buffer, decoded: boolean) => {
      if (settled) return;
      keptBytes += chunk.length;
      if (keptBytes > bounds.maxBytes) return tooLarge(decoded);
      kept.push(chunk);
    };
    const timer = setTimeout(() => {
      finish({
        case: 'body-not-in-time',
        detail: `${wireBytes} bytes of the body${contentLength !== undefined ? ` (of ${contentLength} announced)` : ''} came in ${Math.round(performance.now() - started)} ms, and it had not ended`,
      });
    }, bounds.timeoutMs);
    let afterBody: Incomplete | undefined;
    const onParserError = (error: NodeJS.ErrnoException) => {
      // Node's parser reports bytes past a complete message before the body's last data is read: keep it, then say so.
      if (message.complete) afterBody = parseFailure(error, 'after-body', contentLength);
      if (!afterBody || ended) finish(afterBody ?? parseFailure(error, 'body', contentLength) ?? cutShort());
    };
    const cutShort = (): Incomplete => ({
      case: 'body-shorter-than-length',
      detail:
        contentLength !== undefined
          ? `${wireBytes} of the ${contentLength} bytes Content-Length announced came, then the connection closed`
          : `the connection closed after ${wireBytes} bytes, before the body's last chunk`,
    });
    parser?.on('error', onParserError);
    if (decoder) {
      decoder.on('data', (chunk: Buffer) => keep(chunk, true));
      decoder.on('end', () => finish());
      decoder.on('error', (error) => finish({ case: 'malformed-framing', detail: `the body does not decode as ${encoding} (${error.message})` }));
    }
    message.on('data', (chunk: Buffer) => {
      if (settled) return;
      wireBytes += chunk.length;
      if (wireBytes > bounds.maxBytes) return tooLarge(false);
      if (decoder) decoder.write(chunk);
      else keep(chunk, false);
    });
    message.on('end', () => {
      ended = true;
      // A parse error past the body is reported before 'end'; give one that follows in the same turn its chance.
      setImmediate(() => {
        if (settled) return;
        if (afterBody) finish(afterBody);
        else if (decoder) decoder.end();
        else finish();
      });
    });
    message.on('error', () => undefined);
    message.on('close', () => {
      if (!message.complete) setImmediate(() => finish(cutShort()));
      else if (afterBody && !ended) setImmediate(() => finish(afterBody));
    });
  });
}
