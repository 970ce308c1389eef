import { METHODS } from 'node:http';

/** How HTTP lets a server answer a method it does not document, by the case of the spec's method-not-allowed rule. */
export type MethodKind = 'head' | 'options' | 'unsafe' | 'trace' | 'registry' | 'extension';

/**
 * The IANA HTTP Method Registry (https://www.iana.org/assignments/http-methods, as of 2026), with the
 * kind each method falls in. CONNECT asks a proxy for a tunnel and has no origin-form request line: not sent.
 */
export const METHOD_REGISTRY: Readonly<Record<string, MethodKind | 'connect' | 'documented'>> = {
  GET: 'documented',
  HEAD: 'head',
  OPTIONS: 'options',
  TRACE: 'trace',
  CONNECT: 'connect',
  POST: 'unsafe',
  PUT: 'unsafe',
  PATCH: 'unsafe',
  DELETE: 'unsafe',
  ...Object.fromEntries(
    [
      'ACL', 'BASELINE-CONTROL', 'BIND', 'CHECKIN', 'CHECKOUT', 'COPY', 'LABEL', 'LINK', 'LOCK', 'MERGE', 'MKACTIVITY',
      'MKCALENDAR', 'MKCOL', 'MKREDIRECTREF', 'MKWORKSPACE', 'MOVE', 'ORDERPATCH', 'PRI', 'PROPFIND', 'PROPPATCH', 'QUERY',
      'REBIND', 'REPORT', 'SEARCH', 'UNBIND', 'UNCHECKOUT', 'UNLINK', 'UNLOCK', 'UPDATE', 'UPDATEREDIRECTREF', 'VERSION-CONTROL',
    ].map((method) => [method, 'registry' as const]),
  ),
};

/**
 * The methods sent, one request a kind where the kind's members are answered alike: HEAD, OPTIONS and
 * TRACE each have a meaning of their own; POST (with content) and DELETE (without) stand for the
 * unsafe methods, PUT and PATCH among them; QUERY, a safe read with content that a router may mistake
 * for GET, for the other registry methods (WebDAV, versioning, binding, calendaring extensions the
 * resource does not implement). The random tests send every one of them.
 */
export const METHODS_SENT = ['HEAD', 'OPTIONS', 'TRACE', 'POST', 'DELETE', 'QUERY'] as const;

/** A method no registry names, as an extension method is written (RFC 9110 section 9.1: a token). */
export const EXTENSION_METHOD = 'CONTRACTTEST';

/** Whether Node's HTTP client and parser know the method (one it does not parse, it cannot send either). */
export const nodeKnows = (method: string) => METHODS.includes(method);
