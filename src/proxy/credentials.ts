import type { IncomingHttpHeaders } from 'node:http';
import { signRequest, type AkSk } from '../auth/aksk-signer';
import { presentedCredentials, recordedCredentials, signatureRefusalCase, type RecordedCredentials } from '../requests/credentials';
export { upstreamRefusal } from '../requests/credentials';
import { verifySignature } from '../auth/verify-signature';

/** What the proxy made of a request's credentials, and the headers it forwards them with. */
export interface CredentialsPassage {
  /** The decision's credentials; `refused` is filled in later when the upstream refuses a token. */
  readonly credentials: RecordedCredentials;
  /** The headers to forward: the client's, or, for a signature that verified, the same request signed afresh for the upstream. */
  readonly headers: Record<string, string>;
}

/**
 * A token passes through unchanged. An AK/SK signature is made for the host the client talks to (the
 * proxy), which the upstream would refuse: it is verified as the gateway verifies it, with the AK/SK the
 * proxy was given, and the request is signed afresh, over the same headers, for the upstream host. A
 * signature that does not verify is judged and forwarded unchanged, so that the upstream answers it as
 * it would.
 */
export function passCredentials(
  request: { method: string; url: URL; headers: IncomingHttpHeaders; body: string },
  forwarded: Record<string, string>,
  upstreamUrl: URL,
  aksk: AkSk | undefined,
  now: Date,
): CredentialsPassage {
  const presented = presentedCredentials(request.headers);
  const credentials = recordedCredentials(presented);
  if (presented.scheme === 'none') return { credentials: { ...credentials, refused: { case: 'no-credentials', detail: 'no X-Auth-Token and no Authorization header' } }, headers: forwarded };
  if (presented.scheme !== 'aksk') return { credentials, headers: forwarded };
  const verdict = verifySignature(request, (ak) => (aksk && ak === aksk.ak ? aksk.sk : undefined), now);
  if (!verdict.ok) return { credentials: { ...credentials, refused: { case: signatureRefusalCase(verdict.detail), detail: verdict.detail } }, headers: forwarded };

  const signedNames = /SignedHeaders=([^,\s]+)/.exec(String(request.headers.authorization))![1]!.split(';');
  const resigned = Object.fromEntries(
    Object.entries(forwarded).filter(([name]) => !['authorization', 'x-sdk-date', 'host'].includes(name.toLowerCase())),
  );
  const signedAgain = Object.fromEntries(Object.entries(resigned).filter(([name]) => signedNames.includes(name.toLowerCase())));
  const signature = signRequest({ method: request.method, url: upstreamUrl.href, headers: signedAgain, body: request.body }, aksk!, now);
  return { credentials, headers: { ...resigned, host: upstreamUrl.host, 'x-sdk-date': signature.headers['X-Sdk-Date']!, authorization: signature.headers.Authorization! } };
}

