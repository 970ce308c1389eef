import { createHash, createHmac } from 'node:crypto';
import type { SignableRequest } from '../http/exchange';


/** A Huawei Cloud access key (AK) and its secret key (SK). */
export interface AkSk {
  ak: string;
  sk: string;
}

/** The headers to add to the request, and the intermediate strings (for debugging a rejected signature). */
export interface Signature {
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
}

const ALGORITHM = 'SDK-HMAC-SHA256';

/** Signs as the Huawei Cloud SDKs do; `now` gives X-Sdk-Date (UTC YYYYMMDDTHHMMSSZ). Pure: no clock, no I/O. */
export function signRequest(request: SignableRequest, credentials: AkSk, now: Date): Signature {
  const url = new URL(request.url);
  const sdkDate = formatSdkDate(now);
  const headers = headersToSign(request.headers, url.host, sdkDate);
  const names = [...headers.keys()].sort(compareBytes);
  const signedHeaders = names.join(';');
  const canonicalRequest = buildCanonicalRequest(request.method, url, names.map((name) => [name, headers.get(name)!]), payloadHash(headers.get('x-sdk-content-sha256'), request.body));
  const stringToSign = buildStringToSign(canonicalRequest, sdkDate);
  const signature = hmacSha256Hex(credentials.sk, stringToSign);
  return {
    headers: {
      'X-Sdk-Date': sdkDate,
      Authorization: `${ALGORITHM} Access=${credentials.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    canonicalRequest,
    stringToSign,
    signedHeaders,
  };
}

/**
 * The canonical request: method, canonical URI, canonical query, `name:value` of each signed header (in
 * the order given, names lower-case), the signed header names, and the payload hash, one per line.
 */
export function buildCanonicalRequest(method: string, url: URL, signed: readonly (readonly [string, string])[], payloadSha256: string): string {
  return [
    method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQueryString(url.searchParams),
    signed.map(([name, value]) => `${name}:${value}\n`).join(''),
    signed.map(([name]) => name).join(';'),
    payloadSha256,
  ].join('\n');
}

/** The payload hash: X-Sdk-Content-Sha256 when the request sets it, else the hex SHA-256 of the body. */
export function payloadHash(contentSha256Header: string | undefined, body: string | undefined): string {
  return contentSha256Header ?? sha256Hex(body ?? '');
}

/** The hex signature of a canonical request: HMAC-SHA256, keyed by the SK, over its string to sign. */
export function signCanonical(canonicalRequest: string, sdkDate: string, sk: string): string {
  return hmacSha256Hex(sk, buildStringToSign(canonicalRequest, sdkDate));
}

/** X-Sdk-Date format: the UTC time as `YYYYMMDDTHHMMSSZ` (ISO 8601 basic, no fraction). */
export function formatSdkDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** Signed headers: the request's (minus Authorization) plus host and x-sdk-date, lower-case names, trimmed values. */
function headersToSign(requestHeaders: Readonly<Record<string, string>>, urlHost: string, sdkDate: string): Map<string, string> {
  // An explicit Host header wins over the URL's host, since it is what goes on the wire.
  const headers = new Map<string, string>([['host', urlHost]]);
  for (const [name, value] of Object.entries(requestHeaders)) {
    const lower = name.toLowerCase();
    if (lower !== 'authorization') headers.set(lower, value.trim());
  }
  headers.set('x-sdk-date', sdkDate);
  return headers;
}

/** CanonicalURI: each path segment decoded then re-encoded, re-joined with `/`, always ending in `/`. */
function canonicalUri(pathname: string): string {
  const path = pathname.split('/').map((segment) => percentEncode(percentDecode(segment))).join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

/** CanonicalQueryString: decoded pairs sorted by key then value (byte order), re-encoded as `k=v` joined by `&`. */
function canonicalQueryString(params: URLSearchParams): string {
  return [...params]
    .sort(([keyA, valueA], [keyB, valueB]) => compareBytes(keyA, keyB) || compareBytes(valueA, valueB))
    .map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`)
    .join('&');
}

/** StringToSign: the algorithm, the X-Sdk-Date and the hex SHA-256 of the canonical request, one per line. */
function buildStringToSign(canonicalRequest: string, sdkDate: string): string {
  return `${ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
}

/** RFC 3986 encoding: unreserved `A-Za-z0-9-_.~` kept, every other UTF-8 byte as upper-case `%XX`. */
function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Percent-decoding of a path segment; a malformed escape (e.g. a bare `%`) is left as it is. */
function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Byte order of the UTF-8 encodings (the order the Go SDK sorts in). */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Lower-case hex SHA-256 of the UTF-8 bytes. */
function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Lower-case hex HMAC-SHA256 keyed by the UTF-8 bytes of `key`. */
function hmacSha256Hex(key: string, text: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(text, 'utf8').digest('hex');
}
