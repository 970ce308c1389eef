import type { SignableRequest } from '../http/exchange';
import { formatSdkDate } from './aksk-signer';

/**
 * Credentials derived from the valid ones (OWASP API2:2023 Broken Authentication): each mutation is
 * close to a credential the service accepts, so a service that compares too little accepts it.
 */

/** A mutation of the valid X-Auth-Token; the result always differs from it. */
export interface TokenMutation {
  readonly id: string;
  readonly what: string;
  apply(token: string): string;
}

/** Another character of the same kind (a digit for a digit, a letter of the same case for a letter). */
function otherChar(c: string): string {
  if (/\d/.test(c)) return String((Number(c) + 1) % 10);
  if (/[a-y]/i.test(c)) return String.fromCharCode(c.charCodeAt(0) + 1);
  if (/z/i.test(c)) return c === 'z' ? 'a' : 'A';
  return 'A';
}
const changeAt = (text: string, index: number) => `${text.slice(0, index)}${otherChar(text[index]!)}${text.slice(index + 1)}`;
const swapCase = (text: string) => text.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));

/**
 * One mutation for each way a comparison can fall short: on a prefix (first-8, one-more, changed-end),
 * on a suffix (changed-start), without case (case-flipped); a changed character anywhere else is
 * caught by the same comparisons.
 */
export const TOKEN_MUTATIONS: readonly TokenMutation[] = [
  { id: 'first-8', what: 'its first 8 characters', apply: (t) => t.slice(0, 8) },
  { id: 'one-more', what: 'with one character more', apply: (t) => `${t}A` },
  { id: 'changed-start', what: 'its first character changed', apply: (t) => changeAt(t, 0) },
  { id: 'changed-end', what: 'its last character changed', apply: (t) => changeAt(t, t.length - 1) },
  // A token without letters has no case to flip: it then gets one more character instead.
  { id: 'case-flipped', what: 'the case of its letters flipped', apply: (t) => (swapCase(t) === t ? `${t}a` : swapCase(t)) },
];

/** The valid token with optional whitespace around it (RFC 9110 section 5.5): still the valid token. */
export const surroundedByWhitespace = (token: string) => ` \t${token} `;

/**
 * A change of a validly signed request in one part its SDK-HMAC-SHA256 signature covers: the request
 * as signed differs from the one sent (`signed`), or the headers sent differ from those made
 * (`sent`), or it was signed at another time (`signedAt`).
 */
export interface SignatureMutation {
  readonly id: string;
  readonly what: string;
  /** The case of the spec's unauthenticated rule it is an instance of. */
  readonly case: 'signature-part-changed' | 'future-signature' | 'malformed-sdk-date' | 'missing-sdk-date';
  signed?(request: SignableRequest): SignableRequest;
  sent?(headers: Record<string, string>): Record<string, string>;
  signedAt?(now: Date, maxSkewMs: number): Date;
}

const withUrl = (request: SignableRequest, change: (url: URL) => void): SignableRequest => {
  const url = new URL(request.url);
  change(url);
  return { ...request, url: url.href };
};
const header = (headers: Record<string, string>, name: string) => Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase())!;
const replaceIn = (headers: Record<string, string>, name: string, change: (value: string) => string) => {
  const key = header(headers, name);
  return { ...headers, [key]: change(headers[key]!) };
};

/** Sent with a query (its first pair), so that adding, changing and removing one after signing can be shown. */
export const SIGNATURE_MUTATIONS: readonly SignatureMutation[] = [
  { id: 'method', what: 'signed as POST, sent as GET', case: 'signature-part-changed', signed: (r) => ({ ...r, method: 'POST' }) },
  { id: 'path', what: 'the last character of the path changed after signing', case: 'signature-part-changed', signed: (r) => withUrl(r, (u) => (u.pathname = changeAt(u.pathname, u.pathname.length - 1))) },
  { id: 'query-added', what: 'signed without its query, sent with it', case: 'signature-part-changed', signed: (r) => withUrl(r, (u) => (u.search = '')) },
  {
    id: 'query-changed',
    what: 'the value of a query parameter changed after signing',
    case: 'signature-part-changed',
    signed: (r) => withUrl(r, (u) => {
      const [name, value] = [...u.searchParams][0]!;
      u.searchParams.set(name, changeAt(value, value.length - 1));
    }),
  },
  { id: 'host', what: 'signed for another host', case: 'signature-part-changed', signed: (r) => withUrl(r, (u) => (u.host = 'other.example.com')) },
  { id: 'body', what: 'signed with a body, sent without', case: 'signature-part-changed', signed: (r) => ({ ...r, body: '{}' }) },
  { id: 'x-project-id', what: 'X-Project-Id changed after signing', case: 'signature-part-changed', sent: (h) => replaceIn(h, 'X-Project-Id', (v) => changeAt(v, v.length - 1)) },
  { id: 'x-sdk-date', what: 'X-Sdk-Date moved by one second after signing (within the skew)', case: 'signature-part-changed', sent: (h) => replaceIn(h, 'X-Sdk-Date', (v) => formatSdkDate(new Date(sdkDateMs(v) + 1000))) },
  { id: 'signed-headers', what: 'x-project-id taken out of SignedHeaders after signing', case: 'signature-part-changed', sent: (h) => replaceIn(h, 'Authorization', (v) => v.replace(/;x-project-id|x-project-id;/, '')) },
  // The signature itself changed is the tampered-signature case (tests/conformance/auth.spec.ts).
  { id: 'future-date', what: 'X-Sdk-Date 5 minutes beyond the allowed skew ahead', case: 'future-signature', signedAt: (now, skew) => new Date(now.getTime() + skew + 5 * 60_000) },
  { id: 'extended-date', what: 'X-Sdk-Date of the same instant in ISO 8601 extended form', case: 'malformed-sdk-date', sent: (h) => replaceIn(h, 'X-Sdk-Date', (v) => new Date(sdkDateMs(v)).toISOString().replace(/\.\d{3}/, '')) },
  {
    id: 'no-date',
    what: 'X-Sdk-Date left out after signing',
    case: 'missing-sdk-date',
    sent: (h) => {
      const { [header(h, 'X-Sdk-Date')]: _dropped, ...rest } = h;
      return rest;
    },
  },
];

function sdkDateMs(text: string): number {
  return Date.parse(text.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
}
