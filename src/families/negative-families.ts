import { SIGNATURE_MUTATIONS, TOKEN_MUTATIONS } from '../auth/credential-mutations';
import { EXTENSION_METHOD, METHOD_REGISTRY, METHODS_SENT, nodeKnows, type MethodKind } from './http-methods';
import { inputCells, OPEN_SPELLING_RULE, type CellRequest, type FamilyId, type InputCell, type InputVerdict } from '../spec/input-classes';
import type { Operation, RuleCase } from '../spec/operation';

/** A family of requests the suite sends on purpose, derived from its sources (docs/input-classes.md). */
export interface Family {
  readonly id: FamilyId;
  readonly title: string;
  readonly sources: readonly string[];
  /** Members of the family a conforming client library cannot send, and where they are covered instead. */
  readonly notSent: readonly string[];
}

export const FAMILIES: readonly Family[] = [
  {
    id: 'methods',
    title: 'Methods the operation does not document',
    sources: ['RFC 9110 section 9 (methods; 9.3.2 HEAD, 9.3.7 OPTIONS, 9.3.8 TRACE; 15.5.6 405 and Allow)', 'IANA HTTP Method Registry', 'RFC 5789 (PATCH)', 'RFC 4918 (WebDAV)'],
    notSent: [
      'CONNECT: it asks a proxy for a tunnel and has no origin-form request line.',
      ...(['unsafe', 'registry'] as const).map((kind) => {
        const sent = METHODS_SENT.filter((m) => METHOD_REGISTRY[m] === kind);
        const others = Object.entries(METHOD_REGISTRY).filter(([m, k]) => k === kind && !(METHODS_SENT as readonly string[]).includes(m)).map(([m]) => m);
        return `${others.join(', ')}: of the kind ${sent.join(' and ')} stand${sent.length === 1 ? 's' : ''} for (method-not-allowed: ${kind}), answered alike; the random tests send them.`;
      }),
    ],
  },
  {
    id: 'header-fields',
    title: 'Values of the header fields the operation reads',
    sources: ['RFC 9110 section 5.5 (field values: VCHAR, SP, HTAB, obs-text; optional whitespace stripped)', 'the spec: X-Auth-Token (minLength), the securitySchemes iamToken and akskSignature'],
    notSent: ['CR, LF and NUL in a field value: RFC 9110 section 5.5 forbids them and Node\'s client refuses to send them; the mock\'s robustness tests (tests/unit/mock-robustness.spec.ts) send such raw bytes.'],
  },
  {
    id: 'query-path-values',
    title: 'Spellings of query and path values',
    sources: ['RFC 3986 sections 2.1 and 2.4 (percent-encoding), 3.3 (path, reserved sub-delims), 3.4 (query), 6.2.2 and 6.2.3 (equivalence)', 'OpenAPI 3.1 parameter serialization (style form for the query, simple for the path)', 'the spec: each parameter\'s schema'],
    notSent: ['Dot segments (/./, /../, %2E): WHATWG URL parsing in every client library removes them before sending, so no request can carry them.'],
  },
  {
    id: 'credentials',
    title: 'Credentials derived from the valid ones',
    sources: ['OWASP API Security Top 10 2023, API2 Broken Authentication', "Huawei Cloud APIG's SDK-HMAC-SHA256 signing (canonical request: method, URI, query, signed headers, SignedHeaders, payload hash; X-Sdk-Date within 15 minutes)", 'Huawei Cloud IAM tokens (X-Auth-Token)'],
    notSent: [],
  },
  {
    id: 'object-level-authorisation',
    title: "Another project's data through this project's credentials",
    sources: ['OWASP API Security Top 10 2023, API1 Broken Object Level Authorization', 'the spec: tenant-isolation, other-project'],
    notSent: [],
  },
];

/**
 * Every request the suite sends on purpose, family by family: the input matrix of the parameters
 * (src/spec/input-classes.ts), then the methods, header values, derived credentials and other
 * projects' data, each with the statuses the spec allows for it.
 */
export function familyCells(operation: Operation): InputCell[] {
  return [...inputCells(operation), ...methodCells(operation), ...headerCells(operation), ...credentialCells(operation), ...bolaCells(operation), ...pathCells(operation)];
}

function caseOf(operation: Operation, rule: string, id: string) {
  const found = operation.rule(rule).cases.find((c) => c.id === id);
  if (!found) throw new Error(`rule ${rule} has no case ${id} in the spec; the families need it`);
  return found;
}

type CellSpec = {
  family: FamilyId;
  parameter: string;
  in: InputCell['in'];
  class: string;
  verdict: InputVerdict;
  sent: string;
  shown: string;
  rule: string;
  case?: string;
  why: string;
  request?: CellRequest;
  scheme?: 'token' | 'aksk';
};

/** A cell decided by a rule or one of its cases, as the spec writes them. */
function cell(operation: Operation, spec: CellSpec): InputCell {
  const rule = operation.rule(spec.rule);
  const decided = spec.case ? caseOf(operation, spec.rule, spec.case) : rule;
  const { rule: _rule, case: caseId, why, ...rest } = spec;
  const named = spec.case ? (decided as RuleCase) : undefined;
  return Object.freeze({
    ...rest,
    statuses: decided.statuses,
    pointer: decided.pointer,
    why: `${why}: ${decided.summary}`,
    rows: caseId ? { ruleCase: { rule: spec.rule, case: caseId } } : { rule: spec.rule },
    ...(named?.transport ? { transport: named.transport } : {}),
    ...(named?.answeredAs ? { answeredAs: named.answeredAs } : {}),
  });
}

function methodCells(operation: Operation): InputCell[] {
  const sent = METHODS_SENT.filter((method) => method !== operation.method).map((method) => [method, METHOD_REGISTRY[method] as MethodKind] as const);
  return [...sent, [EXTENSION_METHOD, 'extension' as const] as const]
    .filter(([method, kind]) => kind === 'extension' || nodeKnows(method))
    .map(([method, kind]) =>
      cell(operation, {
        family: 'methods',
        parameter: 'method',
        in: 'method',
        class: `method:${method}`,
        verdict: 'invalid',
        sent: method,
        shown: `${method} ${operation.pathTemplate}`,
        rule: 'method-not-allowed',
        case: kind,
        why: `${method} is not the operation's method`,
        request: { kind: 'method', method },
      }),
    );
}

/** The token shape IAM issues (MII...), of a given length, issued by nobody. */
const unknownToken = (length: number) => `MII${'A'.repeat(length - 3)}`;

function headerCells(operation: Operation): InputCell[] {
  const token = (cls: string, sent: string, shown: string, caseId: string, why: string) =>
    cell(operation, { family: 'header-fields', parameter: 'X-Auth-Token', in: 'header', class: cls, verdict: 'invalid', sent, shown, rule: 'unauthenticated', case: caseId, why, scheme: 'token' });
  return [
    // One request for the range: a server that fails past some length up to 8,000 fails on it.
    token('long:8000', unknownToken(8000), 'an unknown X-Auth-Token of 8,000 characters', 'long-token', 'far past 4 KiB, within the 8 KB a server commonly accepts in one field'),
    token('characters:vchar', 'not a token; <script> "quoted" \\ {braces}', 'an X-Auth-Token of a semicolon, angle brackets, quotes, a backslash, braces and inner spaces', 'malformed-token', 'visible characters and spaces a field may hold'),
    token('characters:obs-text', 'MIIT\u00e9\u00ff', 'an X-Auth-Token with the obs-text bytes 0xE9 and 0xFF', 'token-obs-text', 'obs-text'),
    cell(operation, {
      family: 'header-fields',
      parameter: 'X-Auth-Token',
      in: 'header',
      class: 'whitespace:valid',
      verdict: 'valid',
      sent: '',
      shown: 'the valid X-Auth-Token with spaces and a tab around it',
      rule: 'credential-whitespace',
      why: 'optional whitespace around a field value is not part of it',
      request: { kind: 'token', mutation: 'surrounded-by-whitespace' },
      scheme: 'token',
    }),
    cell(operation, {
      family: 'header-fields',
      parameter: 'Authorization',
      in: 'header',
      class: 'long:8000',
      verdict: 'invalid',
      sent: `SDK-HMAC-SHA256 ${'A'.repeat(8000 - 16)}`,
      shown: 'an Authorization header of 8,000 characters',
      rule: 'unauthenticated',
      case: 'long-authorization',
      why: 'close to the 8 KB a server commonly accepts in one field',
      scheme: 'aksk',
    }),
  ];
}

/** The query a signed request is sent with: the first query parameter at its default (offset=0). */
function signedQuery(operation: Operation): string {
  const parameter = operation.parameters.find((p) => p.in === 'query' && p.schema.default !== undefined);
  if (!parameter) throw new Error('the signature mutations need a query parameter with a default in the spec');
  return `${parameter.name}=${encodeURIComponent(String(parameter.schema.default))}`;
}

function credentialCells(operation: Operation): InputCell[] {
  const query = signedQuery(operation);
  return [
    ...TOKEN_MUTATIONS.map((mutation) =>
      cell(operation, {
        family: 'credentials',
        parameter: 'X-Auth-Token',
        in: 'header',
        class: `derived-token:${mutation.id}`,
        verdict: 'invalid',
        sent: '',
        shown: `the valid X-Auth-Token, ${mutation.what}`,
        rule: 'unauthenticated',
        case: 'derived-token',
        why: `the valid token, ${mutation.what}, is another token`,
        request: { kind: 'token', mutation: mutation.id },
        scheme: 'token',
      }),
    ),
    ...SIGNATURE_MUTATIONS.map((mutation) =>
      cell(operation, {
        family: 'credentials',
        parameter: 'Authorization',
        in: 'header',
        class: `signature:${mutation.id}`,
        verdict: 'invalid',
        sent: query,
        shown: `a valid AK/SK signature, ${mutation.what}`,
        rule: 'unauthenticated',
        case: mutation.case,
        why: `a signature ${mutation.what} does not verify`,
        request: { kind: 'signature', mutation: mutation.id },
        scheme: 'aksk',
      }),
    ),
  ];
}

function bolaCells(operation: Operation): InputCell[] {
  const schemes = [['token', 'X-Auth-Token'], ['aksk', 'AK/SK signature']] as const;
  const { owner } = operation.list;
  const cases = [
    ['other-project-path', 'project_id', "another project's path, for that project's list"],
    ['other-project-record', owner.parameter, `this project's path, with another project's ${owner.parameter}`],
  ] as const;
  return schemes.flatMap(([scheme, shown]) =>
    cases.map(([caseId, parameter, what]) =>
      cell(operation, {
        family: 'object-level-authorisation',
        parameter,
        in: 'path',
        class: `${caseId}:${scheme}`,
        verdict: 'invalid',
        sent: '',
        shown: `this project's valid ${shown} on ${what}`,
        rule: 'tenant-isolation',
        case: caseId,
        why: `this project's credentials reach no other project's data`,
        request: { kind: 'bola', scheme, case: caseId },
        scheme,
      }),
    ),
  );
}

function pathCells(operation: Operation): InputCell[] {
  return [
    cell(operation, {
      family: 'query-path-values',
      parameter: 'path',
      in: 'path',
      class: `${OPEN_SPELLING_RULE}:trailing-slash`,
      verdict: 'open',
      sent: '/',
      shown: `${operation.pathTemplate}/ (a trailing slash)`,
      rule: OPEN_SPELLING_RULE,
      case: 'trailing-slash',
      why: 'a slash after the path makes another path',
      request: { kind: 'trailing-slash' },
    }),
  ];
}
