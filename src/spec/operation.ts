import type { OpenAPIV3_1 } from 'openapi-types';
import { appendPointer, pointerOf, resolveRef } from './json-pointer';
import { SpecError, type SpecDocument } from './load-spec';


/** The JSON Schema of a parameter or body, as written in the spec. */
export type Schema = OpenAPIV3_1.SchemaObject & Record<string, unknown>;

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: Schema;
  /** Where the parameter object is written (after its `$ref`). */
  readonly pointer: string;
  readonly schemaPointer: string;
  /** The variables a live target names values of this path parameter with (`x-contract-variables`). */
  readonly variables?: { readonly value: string; readonly empty?: string; readonly otherProject?: string };
}

export interface DocumentedHeader {
  readonly name: string;
  readonly required: boolean;
  readonly pointer: string;
  readonly schemaPointer: string;
}

export interface DocumentedResponse {
  readonly status: string;
  /** Where the response object is written (after its `$ref`). */
  readonly pointer: string;
  readonly headers: readonly DocumentedHeader[];
  readonly mediaTypes: readonly { type: string; schemaPointer: string; pointer: string }[];
}

/** A rule JSON Schema cannot say, from the operation's `x-contract-rules`. */
export interface Rule {
  readonly id: string;
  readonly summary: string;
  /** The documented statuses the rule expects, if it is about a status. */
  readonly statuses: readonly string[];
  readonly pointer: string;
  /** The parameter whose schema-valid values the rule decides (e.g. an id that names nothing). */
  readonly parameter?: string;
  /** Named cases of the rule (e.g. each way of failing authentication), with where each is written. */
  readonly cases: readonly RuleCase[];
  /** A warning is reported but does not make the verdict (client rules only). */
  readonly severity: 'error' | 'warning';
  /** Numbers the rule is stated with, by name (e.g. `max-attempts` of retries-bounded). */
  readonly limits: Readonly<Record<string, number>>;
  /** Other fields the rule is stated with (names of properties, mappings), by name, as written; the check that reads one says what it must be. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** The link of the success response the rule follows to another operation (`link`), if it does. */
  readonly link?: Link;
  /** `served: empty`: where the rule allows the success status, it allows it only with an empty list (a path that names nothing here). */
  readonly servedEmpty: boolean;
}

/** An OpenAPI link of the success response: the operation it leads to and how its parameters are filled. */
export interface Link {
  readonly name: string;
  readonly operationId: string;
  /** Parameter name → runtime expression (`$request.path.project_id`, `$response.body#/items/0/id`). */
  readonly parameters: Readonly<Record<string, string>>;
  readonly pointer: string;
}

/**
 * The shape of a list operation, from its `x-list`: the query parameters that page, the properties of
 * the success body that hold the total and the items, an item's id, and the path parameter that names
 * what is listed (the owner), with the item property that repeats it and the rule of an unknown owner.
 */
export interface ListShape {
  readonly offset: string;
  readonly limit: string;
  readonly total: string;
  readonly items: string;
  readonly itemId: string;
  readonly owner: { readonly parameter: string; readonly property: string; readonly unknownRule: string };
  readonly pointer: string;
}

/**
 * The answer a layer in front of the service (an HTTP parser, a gateway) may give a request it refuses
 * itself (a case's `transport`): its statuses, each a refusal (4xx, or 501), and why, from the standards
 * and the software that answers so. Its representation is the layer's, not the operation's.
 */
export interface TransportAnswer {
  readonly statuses: readonly string[];
  readonly summary: string;
  /** Where it is written (after its `$ref`). */
  readonly pointer: string;
}

/** A case of a rule: a string, or an object with its own statuses and the inputs it decides. */
export interface RuleCase {
  readonly id: string;
  readonly summary: string;
  readonly pointer: string;
  /** Its own statuses, else the rule's. */
  readonly statuses: readonly string[];
  /** Whether the case writes statuses of its own (they then decide even a schema-valid input). */
  readonly ownStatuses: boolean;
  /** Why the spec decides so, where it says. */
  readonly description?: string;
  /** The inputs it decides: a parameter, where parameters are, an input class (`min-1`). */
  readonly when: { readonly parameter?: string; readonly in?: string; readonly class?: readonly string[] };
  /** Its own `served: empty`, else the rule's. */
  readonly servedEmpty: boolean;
  /** What a layer in front of the service may answer its requests itself (`transport`). */
  readonly transport?: TransportAnswer;
  /** The response a 2xx answer to its requests is judged against instead of the operation's page (`answered-as`: OPTIONS). */
  readonly answeredAs?: DocumentedResponse;
}

export interface Operation {
  readonly operationId: string;
  readonly method: string;
  readonly pathTemplate: string;
  readonly pointer: string;
  readonly parameters: readonly Parameter[];
  readonly responses: ReadonlyMap<string, DocumentedResponse>;
  readonly responsesPointer: string;
  /** The documented 2xx status. */
  readonly successStatus: string;
  readonly rules: ReadonlyMap<string, Rule>;
  /** The rules a client keeps, from `x-client-rules`; judged on recordings of clients (src/checks/client). */
  readonly clientRules: ReadonlyMap<string, Rule>;
  readonly securitySchemes: readonly { id: string; headerName: string; pointer: string }[];
  /** The list shape (`x-list`); every operation the suite judges is a list. */
  readonly list: ListShape;
  /** The links of the success response, by name. */
  readonly links: ReadonlyMap<string, Link>;
  parameter(name: string): Parameter;
  rule(id: string): Rule;
  clientRule(id: string): Rule;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The ids of the operations of the spec, in the order the paths are written. */
export function operationIds(spec: SpecDocument): string[] {
  return Object.values(spec.doc.paths ?? {}).flatMap((item) => METHODS.flatMap((method) => (item?.[method]?.operationId ? [item[method]!.operationId!] : [])));
}

/** The typed view of one operation; anything the suite relies on and the spec lacks is a SpecError. */
export function readOperation(spec: SpecDocument, operationId: string): Operation {
  const fail = (problem: string, pointer?: string): never => {
    throw new SpecError(`${pointer ? spec.locate(pointer) : spec.file}: ${problem}${pointer ? ` (${pointer})` : ''}`);
  };
  const found = findOperation(spec.doc, operationId) ?? fail(`no operation with operationId ${operationId}`);
  const { pathTemplate, method, operation, pointer } = found;

  const parameters = (operation.parameters ?? []).map((_, index) => {
    const { node, pointer: at } = resolveRef(spec.doc, appendPointer(pointer, 'parameters', index));
    const parameter = node as OpenAPIV3_1.ParameterObject;
    if (!parameter.schema) fail(`parameter ${parameter.name} has no schema`, at);
    const rawVariables = (parameter as unknown as Record<string, unknown>)['x-contract-variables'] as Record<string, unknown> | undefined;
    if (rawVariables !== undefined && (typeof rawVariables.value !== 'string' || Object.values(rawVariables).some((v) => typeof v !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(v)))) {
      fail(`parameter ${parameter.name} has x-contract-variables that are not environment variable names with a value`, at);
    }
    const variables = rawVariables && {
      value: rawVariables.value as string,
      ...(rawVariables.empty ? { empty: rawVariables.empty as string } : {}),
      ...(rawVariables['other-project'] ? { otherProject: rawVariables['other-project'] as string } : {}),
    };
    return Object.freeze({
      ...(variables ? { variables: Object.freeze(variables) } : {}),
      name: parameter.name,
      in: parameter.in as Parameter['in'],
      required: parameter.required === true,
      schema: parameter.schema as Schema,
      pointer: at,
      schemaPointer: appendPointer(at, 'schema'),
    });
  });

  const responsesPointer = appendPointer(pointer, 'responses');
  const responses = new Map<string, DocumentedResponse>();
  for (const status of Object.keys(operation.responses ?? {})) responses.set(status, readResponse(spec, status, appendPointer(responsesPointer, status)));

  const successStatus = [...responses.keys()].find((status) => /^2\d\d$/.test(status)) ?? fail('no 2xx response is documented', responsesPointer);

  const links = new Map<string, Link>();
  const successAt = responses.get(successStatus)!.pointer;
  const rawLinks = ((valueOrEmpty(resolveRef(spec.doc, successAt).node) as { links?: Record<string, unknown> }).links ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(rawLinks)) {
    const { node, pointer: at } = resolveRef(spec.doc, appendPointer(successAt, 'links', name));
    const { operationId: target, parameters: values = {} } = valueOrEmpty(node) as { operationId?: unknown; parameters?: Record<string, unknown> };
    if (typeof target !== 'string' || !findOperation(spec.doc, target)) fail(`link ${name} leads to operationId ${String(target)}, which the spec does not have`, at);
    links.set(name, Object.freeze({ name, operationId: target as string, parameters: Object.freeze(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]))), pointer: at }));
  }

  const names = new Set(parameters.map((p) => p.name));
  const readRules = (extension: 'x-contract-rules' | 'x-client-rules') => {
    const rulesPointer = appendPointer(pointer, extension);
    const rawRules = ((operation as Record<string, unknown>)[extension] ?? {}) as Record<string, unknown>;
    const rules = new Map<string, Rule>();
    for (const id of Object.keys(rawRules)) {
      // A rule several operations state alike is written once and named with a $ref (components/x-contract-rules).
      const { node: raw, pointer: at } = resolveRef(spec.doc, appendPointer(rulesPointer, id));
      const { summary, status, parameter, cases = {}, severity = 'error', link, ...rest } = (raw ?? {}) as {
        summary?: unknown;
        status?: unknown;
        parameter?: unknown;
        cases?: Record<string, unknown>;
        severity?: unknown;
        link?: unknown;
      };
      if (typeof summary !== 'string' || !summary) fail(`rule ${id} has no summary`, at);
      if (severity !== 'error' && severity !== 'warning') fail(`rule ${id} has severity ${JSON.stringify(severity)}; it is "error" or "warning"`, at);
      const statusesOf = (value: unknown, where: string) => {
        const list = (value === undefined ? [] : Array.isArray(value) ? value : [value]).map(String);
        // A client rule may be about an answer of the gateway in front of the service (429).
        for (const code of extension === 'x-contract-rules' ? list : []) {
          if (!responses.has(code)) fail(`rule ${id} expects status ${code}, which the operation does not document`, where);
        }
        return list;
      };
      const statuses = statusesOf(status, at);
      const known = (name: unknown, where: string) => {
        if (name !== undefined && !names.has(String(name))) fail(`rule ${id} names parameter ${String(name)}, which the operation does not have`, where);
        return name === undefined ? {} : { parameter: String(name) };
      };
      const limits: Record<string, number> = {};
      const fields: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(rest)) {
        if (name === 'description') continue;
        if (typeof value === 'number') {
          if (!Number.isInteger(value) || value < 0) fail(`rule ${id} has ${name}: ${JSON.stringify(value)}; a rule's limits are whole numbers`, at);
          limits[name] = value;
        } else fields[name] = value;
      }
      const servedOf = (value: unknown, where: string) => {
        if (value !== undefined && value !== 'empty') fail(`rule ${id} has served: ${JSON.stringify(value)}; the one value it takes is "empty"`, where);
        return value === 'empty';
      };
      const servedEmpty = servedOf(fields.served, at);
      delete fields.served;
      let followed: Link | undefined;
      if (link !== undefined) followed = links.get(String(link)) ?? fail(`rule ${id} follows link ${String(link)}, which the success response does not have`, at);
      const caseList = Object.keys(cases).map((caseId): RuleCase => {
        const { node: value, pointer: casePointer } = resolveRef(spec.doc, appendPointer(at, 'cases', caseId));
        if (typeof value !== 'object' || value === null) return { id: caseId, summary: String(value), pointer: casePointer, statuses, ownStatuses: false, when: {}, servedEmpty };
        const { summary: text, status: own, in: where, class: inputClass, parameter: name, description, served, transport, 'answered-as': answeredAs } = value as Record<string, unknown>;
        if (typeof text !== 'string' || !text) fail(`case ${caseId} of rule ${id} has no summary`, casePointer);
        const when = { ...known(name, casePointer), ...(where === undefined ? {} : { in: String(where) }), ...(inputClass === undefined ? {} : { class: (Array.isArray(inputClass) ? inputClass : [inputClass]).map(String) }) };
        const layer = transport === undefined ? undefined : readTransport(spec, appendPointer(casePointer, 'transport'), `case ${caseId} of rule ${id}`, fail);
        const answered = answeredAs === undefined ? undefined : readAnsweredAs(spec, answeredAs, appendPointer(casePointer, 'answered-as'), `case ${caseId} of rule ${id}`, fail);
        return {
          id: caseId,
          summary: text as string,
          pointer: casePointer,
          statuses: own === undefined ? statuses : statusesOf(own, casePointer),
          ownStatuses: own !== undefined,
          when,
          servedEmpty: served === undefined ? servedEmpty : servedOf(served, casePointer),
          ...(typeof description === 'string' ? { description } : {}),
          ...(layer ? { transport: layer } : {}),
          ...(answered ? { answeredAs: answered } : {}),
        };
      });
      rules.set(id, Object.freeze({ id, summary: summary as string, statuses, pointer: at, ...known(parameter, at), cases: caseList, severity: severity as Rule['severity'], limits: Object.freeze(limits), fields: Object.freeze(fields), servedEmpty, ...(followed ? { link: followed } : {}) }));
    }
    return { rules, rulesPointer };
  };
  const { rules, rulesPointer } = readRules('x-contract-rules');
  const { rules: clientRules, rulesPointer: clientRulesPointer } = readRules('x-client-rules');
  for (const id of clientRules.keys()) {
    if (rules.has(id)) fail(`rule ${id} stands under both x-contract-rules and x-client-rules; a rule id names one rule`, clientRulesPointer);
  }

  const list = readList(spec, operation, pointer, parameters, responses, rules, fail);

  const securitySchemes = Object.entries(spec.doc.components?.securitySchemes ?? {}).map(([id, scheme]) => ({
    id,
    headerName: (scheme as OpenAPIV3_1.ApiKeySecurityScheme).name,
    pointer: pointerOf(['components', 'securitySchemes', id]),
  }));

  return Object.freeze({
    operationId,
    method: method.toUpperCase(),
    pathTemplate,
    pointer,
    parameters,
    responses,
    responsesPointer,
    successStatus,
    rules,
    clientRules,
    securitySchemes,
    list,
    links,
    parameter(name: string) {
      return parameters.find((p) => p.name === name) ?? fail(`${operationId} has no parameter ${name}`, pointer);
    },
    rule(id: string) {
      return rules.get(id) ?? fail(`${operationId} has no rule ${id} under x-contract-rules`, rulesPointer);
    },
    clientRule(id: string) {
      return clientRules.get(id) ?? fail(`${operationId} has no rule ${id} under x-client-rules`, clientRulesPointer);
    },
  });
}

/** A documented response (after its `$ref`): its headers and its media types, each with where it is written. */
function readResponse(spec: SpecDocument, status: string, written: string): DocumentedResponse {
  const { node, pointer: at } = resolveRef(spec.doc, written);
  const response = node as OpenAPIV3_1.ResponseObject;
  const headers = Object.keys(response.headers ?? {}).map((name) => {
    const { node: header, pointer: headerAt } = resolveRef(spec.doc, appendPointer(at, 'headers', name));
    return { name, required: (header as OpenAPIV3_1.HeaderObject).required === true, pointer: headerAt, schemaPointer: appendPointer(headerAt, 'schema') };
  });
  const mediaTypes = Object.keys(response.content ?? {}).map((type) => ({ type, pointer: appendPointer(at, 'content', type), schemaPointer: appendPointer(at, 'content', type, 'schema') }));
  return Object.freeze({ status, pointer: at, headers, mediaTypes });
}

/** A case's `transport` (after its `$ref`): statuses that are refusals (4xx, or the 501 of a method not implemented), and why. */
function readTransport(spec: SpecDocument, written: string, owner: string, fail: (problem: string, pointer?: string) => never): TransportAnswer {
  const { node, pointer: at } = resolveRef(spec.doc, written);
  const { status, summary } = valueOrEmpty(node) as { status?: unknown; summary?: unknown };
  const statuses = (Array.isArray(status) ? status : status === undefined ? [] : [status]).map(String);
  if (!statuses.length) fail(`the transport of ${owner} names no status`, at);
  for (const code of statuses) if (!/^4\d\d$/.test(code) && code !== '501') fail(`the transport of ${owner} names status ${code}; a layer's own answer to a request it refuses is a 4xx, or 501`, at);
  if (typeof summary !== 'string' || !summary) fail(`the transport of ${owner} has no summary (who answers so, and the source)`, at);
  return Object.freeze({ statuses: Object.freeze(statuses), summary: summary as string, pointer: at });
}

/** A case's `answered-as`: a JSON pointer to a response of components/responses. */
function readAnsweredAs(spec: SpecDocument, value: unknown, at: string, owner: string, fail: (problem: string, pointer?: string) => never): DocumentedResponse {
  if (typeof value !== 'string' || !value.startsWith('#/components/responses/') || resolveRef(spec.doc, value).node === undefined) {
    return fail(`${owner} has answered-as ${JSON.stringify(value)}; it names a response of #/components/responses`, at);
  }
  return readResponse(spec, 'answered-as', value);
}

function valueOrEmpty(node: unknown): object {
  return node && typeof node === 'object' ? node : {};
}

/** The operation's `x-list`, each name checked against the parameters, the rules and the success schema. */
function readList(spec: SpecDocument, operation: object, pointer: string, parameters: readonly Parameter[], responses: ReadonlyMap<string, DocumentedResponse>, rules: ReadonlyMap<string, Rule>, fail: (problem: string, pointer?: string) => never): ListShape {
  const at = appendPointer(pointer, 'x-list');
  const raw = (operation as Record<string, unknown>)['x-list'];
  if (!raw || typeof raw !== 'object') return fail('the operation has no x-list (the list shape: offset, limit, total, items, item-id, owner)', pointer);
  const { offset, limit, total, items, 'item-id': itemId, owner } = raw as Record<string, unknown>;
  const { parameter, property, unknown } = valueOrEmpty(owner) as Record<string, unknown>;
  const named = { offset, limit, total, items, 'item-id': itemId, 'owner.parameter': parameter, 'owner.property': property, 'owner.unknown': unknown };
  for (const [field, value] of Object.entries(named)) if (typeof value !== 'string' || !value) fail(`x-list has no ${field}`, at);
  const inQuery = (name: string) => parameters.some((p) => p.name === name && p.in === 'query') || fail(`x-list names ${name}, which is no query parameter of the operation`, at);
  const inPath = (name: string) => parameters.some((p) => p.name === name && p.in === 'path') || fail(`x-list names ${name}, which is no path parameter of the operation`, at);
  inQuery(offset as string);
  inQuery(limit as string);
  inPath(parameter as string);
  if (!rules.has(unknown as string)) fail(`x-list names rule ${String(unknown)}, which the operation's x-contract-rules do not have`, at);
  const success = [...responses.values()].find((r) => /^2\d\d$/.test(r.status))?.mediaTypes[0];
  const schema = success && (resolveRef(spec.doc, success.schemaPointer).node as { properties?: Record<string, unknown> } | undefined);
  for (const field of [total, items] as string[]) {
    if (!schema?.properties || !(field in schema.properties)) fail(`x-list names ${field}, which the success response's schema has no property of`, at);
  }
  return Object.freeze({ offset: offset as string, limit: limit as string, total: total as string, items: items as string, itemId: itemId as string, owner: Object.freeze({ parameter: parameter as string, property: property as string, unknownRule: unknown as string }), pointer: at });
}

function findOperation(doc: OpenAPIV3_1.Document, operationId: string) {
  for (const [pathTemplate, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (operation?.operationId === operationId) {
        return { pathTemplate, method, operation, pointer: pointerOf(['paths', pathTemplate, method]) };
      }
    }
  }
  return undefined;
}
