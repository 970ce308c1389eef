import type { Credentials } from './credentials';
import type { SignableRequest } from '../http/exchange';
import { signRequest } from './aksk-signer';

/**
 * The headers that authenticate a request: the token as X-Auth-Token, or an AK/SK signature over the
 * request as it will be sent, with X-Project-Id as the SDKs' BasicCredentials add it.
 */
export function authenticationHeaders(credentials: Credentials, request: SignableRequest, projectId: string, now: Date = new Date()): Record<string, string> {
  if (credentials.scheme === 'token') return { 'X-Auth-Token': credentials.token };
  const headers = { ...request.headers, 'X-Project-Id': projectId };
  return { 'X-Project-Id': projectId, ...signRequest({ ...request, headers }, credentials, now).headers };
}
