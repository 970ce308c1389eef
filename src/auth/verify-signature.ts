import type { IncomingHttpHeaders } from 'node:http';
import { buildCanonicalRequest, formatSdkDate, payloadHash, signCanonical } from './aksk-signer';

/** How far X-Sdk-Date may be from the gateway's clock, as Huawei Cloud's API gateway allows. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/;

export type SignatureVerdict = { readonly ok: true; readonly ak: string } | { readonly ok: false; readonly detail: string };

/**
 * Verifies an SDK-HMAC-SHA256 signature as the API gateway does: recompute the canonical request from
 * what was received (the headers the client says it signed, the path and query as sent, the body),
 * sign it with the SK of the access key, compare, and refuse a date outside the allowed skew.
 */
export function verifySignature(
  request: { method: string; url: URL; headers: IncomingHttpHeaders; body: string },
  secretOf: (ak: string) => string | undefined,
  now: Date,
): SignatureVerdict {
  const match = AUTHORIZATION.exec(String(request.headers.authorization ?? '').trim());
  if (!match) return { ok: false, detail: 'the Authorization header is not an SDK-HMAC-SHA256 signature' };
  const [, ak, signedHeaders, signature] = match as unknown as [string, string, string, string];
  const sk = secretOf(ak);
  if (sk === undefined) return { ok: false, detail: `ak ${ak} not exist` };

  const sdkDate = String(request.headers['x-sdk-date'] ?? '');
  const signedAt = parseSdkDate(sdkDate);
  if (signedAt === undefined) return { ok: false, detail: 'X-Sdk-Date is missing or not YYYYMMDDTHHMMSSZ' };
  if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_CLOCK_SKEW_MS) {
    return { ok: false, detail: `calc aksk signature fail:signature expired, signature time:${sdkDate},server time:${formatSdkDate(now)}` };
  }

  const names = signedHeaders.split(';');
  const missing = names.find((name) => request.headers[name] === undefined);
  if (missing) return { ok: false, detail: `verify aksk signature fail, signed header ${missing} was not sent` };
  const signed = names.map((name) => [name, String(request.headers[name]).trim()] as const);
  const canonical = buildCanonicalRequest(request.method, request.url, signed, payloadHash(request.headers['x-sdk-content-sha256'] as string | undefined, request.body));
  if (signCanonical(canonical, sdkDate, sk) !== signature) {
    return { ok: false, detail: `verify aksk signature fail, canonicalRequest:${canonical.replace(/\n/g, '|')}` };
  }
  return { ok: true, ak };
}

function parseSdkDate(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}
