import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { MockDecision } from '../http/recording';

export type RecordedCredentials = NonNullable<MockDecision['credentials']>;

/** The credentials a request carries, as the gateway reads them: a token if one is sent, else an AK/SK signature, else none. */
export type PresentedCredentials =
  | { readonly scheme: 'token'; readonly id: string; readonly token: string }
  | { readonly scheme: 'aksk'; readonly id?: string; readonly ak?: string }
  | { readonly scheme: 'none' };

export function presentedCredentials(headers: IncomingHttpHeaders): PresentedCredentials {
  const token = headers['x-auth-token'];
  if (token === undefined && headers.authorization !== undefined) {
    const ak = /Access=([^,\s]+)/.exec(String(headers.authorization))?.[1];
    return { scheme: 'aksk', ...(ak ? { id: shortHash(ak), ak } : {}) };
  }
  if (token === undefined) return { scheme: 'none' };
  return { scheme: 'token', id: shortHash(String(token)), token: String(token) };
}

/** The credentials as a recording keeps them: the scheme and a short hash, never the credential. */
export function recordedCredentials(presented: PresentedCredentials): RecordedCredentials {
  return { scheme: presented.scheme, ...('id' in presented && presented.id ? { id: presented.id } : {}) };
}

/** The case of x-client-rules/credentials-accepted a refused signature stands for, from the verifier's detail. */
export function signatureRefusalCase(detail: string): 'stale-signature' | 'signature' {
  return detail.includes('signature expired') ? 'stale-signature' : 'signature';
}

/** A credential as a recording names it: enough to tell two apart, nothing to use. */
export function shortHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 12);
}

/** Credentials the service refused (401, 403), as its answer tells: the case of credentials-accepted it stands for. */
export function upstreamRefusal(credentials: RecordedCredentials, status: number, body: unknown): RecordedCredentials {
  if (credentials.refused || (status !== 401 && status !== 403)) return credentials;
  const message = (body as { error_msg?: unknown } | undefined)?.error_msg;
  const detail = typeof message === 'string' ? message : `the upstream answered ${status}`;
  return { ...credentials, refused: { case: status === 403 ? 'project' : credentials.scheme === 'aksk' ? 'signature' : 'token', detail } };
}
