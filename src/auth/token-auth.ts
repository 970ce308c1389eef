import type { Credentials } from '../target';

/** The headers that authenticate a request with the given credentials. */
export function authHeaders(credentials: Credentials): Record<string, string> {
  return { 'X-Auth-Token': credentials.token };
}
