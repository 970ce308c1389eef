import type { IncomingMessage } from 'node:http';
import { readBoundedBody } from './bounded-body';

/** The largest request body a server of ours reads (a GET needs none; a signed one may carry one), and how long it may take. */
const MAX_REQUEST_BODY_BYTES = 1024 * 1024;
const REQUEST_BODY_TIMEOUT_MS = 30_000;

/**
 * A request's body, read to the end (it may be signed), bounded as an answer's is (bounded-body.ts): a
 * larger or endless body is cut off while it streams, one that takes too long too; either is `refused`,
 * the message paused so that an answer can still be written before the connection closes.
 */
export async function readRequestBody(incoming: IncomingMessage): Promise<{ readonly body: Buffer } | { readonly refused: 'too-large' | 'too-slow' }> {
  const { body, incomplete } = await readBoundedBody(incoming, { maxBytes: MAX_REQUEST_BODY_BYTES, timeoutMs: REQUEST_BODY_TIMEOUT_MS }, undefined, { decode: false, answerFirst: true });
  if (!incomplete) return { body };
  return { refused: incomplete.case === 'body-too-large' ? 'too-large' : 'too-slow' };
}

/** How long a server goes on reading (and dropping) what a client sends after the answer that closes its connection. */
const LINGER_MS = 2_000;

/**
 * Answers a request a server stopped reading and closes the connection as RFC 9112 section 9.6 asks:
 * the answer and a FIN first, then what the client still sends is read and dropped for LINGER_MS, so
 * that a reset does not destroy the answer before the client reads it; then the socket is destroyed.
 */
export function lingeringClose(incoming: IncomingMessage, answer: string): void {
  const { socket } = incoming;
  incoming.on('data', () => undefined);
  incoming.resume();
  socket.end(answer);
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
