import type { SentRequest } from './exchange';
import { redactHeaders, redactText, redactUrl } from '../secrets';

/** Headers of the connection, not of the request: curl sets its own (a recorded client's request has them). */
const TRANSPORT_HEADERS = new Set(['host', 'connection', 'content-length', 'accept-encoding', 'transfer-encoding']);

/** One copy-pasteable curl line for a request, secrets redacted. */
export function toCurl(request: SentRequest): string {
  const parts = [`curl -X ${request.method} ${quote(redactUrl(request.url))}`];
  for (const [name, value] of Object.entries(redactHeaders(request.headers))) {
    if (!TRANSPORT_HEADERS.has(name.toLowerCase())) parts.push(`-H ${quote(`${name}: ${value}`)}`);
  }
  if (request.body !== undefined) parts.push(`--data ${quote(redactText(request.body))}`);
  const signed = Object.entries(request.headers).some(
    ([name, value]) => name.toLowerCase() === 'authorization' && value.startsWith('SDK-HMAC-'),
  );
  return parts.join(' ') + (signed ? '   # re-sign before replaying' : '');
}

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
