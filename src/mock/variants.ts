import { ERRORS } from './errors';
import type { MockRequest, MockResponse } from './types';

/**
 * A correct variant of the service: another behaviour the spec allows (a gateway without CORS, error
 * messages that quote the credential, other names). The suite must pass against each; the self-test
 * runs it against all of them at once (npm run mock -- --variant ID shows one).
 */
export interface Variant {
  readonly id: string;
  readonly description: string;
  respond(response: MockResponse, request: MockRequest): MockResponse;
}

type Item = Record<string, unknown>;

export const VARIANTS: readonly Variant[] = [
  {
    id: 'options-not-allowed',
    description: 'Answers OPTIONS 405 with Allow: GET, as a gateway without CORS does, instead of a preflight answer.',
    respond: (response, request) => {
      if (request.method !== 'OPTIONS') return response;
      const { code, message, status } = ERRORS.methodNotAllowed;
      return { status, headers: { ...response.headers, allow: 'GET', 'content-type': 'application/json' }, body: { error_code: code, error_msg: message } };
    },
  },
  {
    id: 'error-quotes-credential',
    description: 'Quotes the X-Auth-Token sent in the error_msg of a 401 or 403, where it fits in the message, as some gateways do.',
    respond: (response, request) => {
      const body = response.body as Item | undefined;
      const token = request.headers['x-auth-token'];
      if ((response.status !== 401 && response.status !== 403) || typeof body?.error_msg !== 'string' || typeof token !== 'string' || token === '') return response;
      const quoted = `${body.error_msg} (X-Auth-Token: ${token})`;
      if (quoted.length <= 255) body.error_msg = quoted;
      return response;
    },
  },
  {
    id: 'charset-and-offsets',
    description: 'Labels JSON with a charset (application/json;charset=UTF-8) and writes begin_time with a +08:00 offset, the same instant (RFC 3339), end_time in UTC.',
    respond: (response) => {
      if (String(response.headers['content-type']).startsWith('application/json')) response.headers['content-type'] = 'application/json;charset=UTF-8';
      const items = (response.body as { items?: Item[] } | undefined)?.items;
      if (response.status !== 200 || !Array.isArray(items)) return response;
      for (const item of items) if (typeof item.begin_time === 'string') item.begin_time = inShanghai(item.begin_time);
      return response;
    },
  },
  {
    id: 'chinese-names',
    description: 'Names every server in Chinese with an emoji (应用服务器-1 🚀), and answers failures in Chinese.',
    respond: (response) => {
      const items = (response.body as { items?: Item[] } | undefined)?.items;
      if (response.status !== 200 || !Array.isArray(items)) return response;
      items.forEach((item, index) => {
        item.server_name = `应用服务器-${index + 1} 🚀`;
        if (typeof item.result_message === 'string') item.result_message = '服务暂时不可用，请稍后重试。😢';
      });
      return response;
    },
  },
];

/** The same instant written in UTC+08:00: 2026-05-01T02:00:00.000Z is 2026-05-01T10:00:00.000+08:00. */
function inShanghai(utc: string): string {
  return new Date(Date.parse(utc) + 8 * 3600_000).toISOString().replace('Z', '+08:00');
}

export function variantById(id: string): Variant {
  const found = VARIANTS.find((v) => v.id === id);
  if (!found) throw new Error(`unknown mock variant "${id}"; known: ${VARIANTS.map((v) => v.id).join(', ')}`);
  return found;
}
