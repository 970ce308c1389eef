/** How often a request that met a closing connection is sent again before the failure stands (send() and the preflight alike). */
export const RESET_RETRIES = 2;
/** undici's causes for a connection that closed under a request. */
const CONNECTION_CLOSED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * Global fetch, sent again when the connection closed under the request: a server (or a gateway) that
 * closes idle keep-alive connections may do so just as a request is written on one, and undici sends
 * only a GET again by itself. Used by the preflight, whose HEAD, IAM POST and probe are all safe to
 * repeat (a second IAM token is harmless); a target that keeps closing still fails, with its cause.
 */
export async function fetchAgain(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fetch(url, init);
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (attempt >= RESET_RETRIES || code === undefined || !CONNECTION_CLOSED.has(code)) throw error;
    }
  }
}
