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

export function redactText(text: string): string {
  let result = text;
  for (const secret of knownSecrets) result = result.split(secret).join(REDACTED);
  return result;
}

export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, isSensitiveName(name) ? REDACTED : redactText(value)]),
  );
}

export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactText(url);
  }
  if (parsed.username || parsed.password) {
    parsed.username = parsed.username ? REDACTED : '';
    parsed.password = parsed.password ? REDACTED : '';
  }
  const query = parsed.search
    .slice(1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [name = '', ...rest] = pair.split('=');
      return isSensitiveName(safeDecode(name)) && rest.length ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  const base = `${parsed.protocol}//${parsed.username ? `${parsed.username}:${parsed.password}@` : ''}${parsed.host}${parsed.pathname}`;
  return redactText(query ? `${base}?${query}` : base);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
