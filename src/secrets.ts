/** The one place that decides what is secret; everything shown to a person passes through here. */

export const REDACTED = '[REDACTED]';

const SENSITIVE_HEADERS = new Set([
  'x-auth-token',
  'x-subject-token',
  'x-security-token',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);
const SENSITIVE_NAME = /token|secret|passw|credential|signature|(^|[-_])(ak|sk)($|[-_])|api[-_]?key|access[-_]?key/i;

const knownSecrets = new Set<string>();

/** Values redacted wherever they appear (a token echoed in a body, a password in an error). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) knownSecrets.add(value);
}

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_HEADERS.has(name.toLowerCase()) || SENSITIVE_NAME.test(name);
}

/** Secrets recognised by their shape wherever they stand: an AK/SK signature, replayable until its date expires. */
const SECRET_SHAPES: readonly RegExp[] = [/(?<=\bSignature=)[0-9a-f]{16,}/gi];

export function redactText(text: string): string {
  let result = text;
  for (const secret of knownSecrets) result = result.split(secret).join(REDACTED);
  for (const shape of SECRET_SHAPES) result = result.replace(shape, REDACTED);
  return result;
}

export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, isSensitiveName(name) ? redactedValue(name, value) : redactText(value)]));
}

/** A secret header's value; Authorization keeps its scheme (`SDK-HMAC-SHA256 [REDACTED]`), which tells how a request was signed. */
function redactedValue(name: string, value: string): string {
  const scheme = name.toLowerCase() === 'authorization' ? /^([A-Za-z][A-Za-z0-9-]*) /.exec(value)?.[1] : undefined;
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}

/** The URL as sent, with credentials in it and secret-looking query values redacted. */
export function redactUrl(url: string): string {
  const [beforeQuery = '', ...rest] = url.split('?');
  const query = rest.join('?');
  const base = beforeQuery.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@]*)@/i, (_, scheme: string, userinfo: string) =>
    `${scheme}${userinfo.split(':').map(() => REDACTED).join(':')}@`,
  );
  const redactedQuery = query
    .split('&')
    .map((pair) => {
      const [name = '', ...value] = pair.split('=');
      return value.length && isSensitiveName(safeDecode(name)) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return redactText(rest.length ? `${base}?${redactedQuery}` : base);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `0123…cdef`: enough to recognise a project, not to copy it. */
export function maskId(id: string): string {
  return id.length <= 8 ? `${id.slice(0, 2)}…` : `${id.slice(0, 4)}…${id.slice(-4)}`;
}
