import { RULE_IDS } from '../spec/rule-ids';
import { COMPLETE_RESPONSE_RULE } from '../checks/complete-response';
import { JSON_TEXT_RULE, labelledJson } from '../checks/json-text';
import type { Contract } from '../contract';
import { mediaTypeOf, type Exchange } from '../http/exchange';
import type { TransportAnswer } from '../spec/operation';
import { toCurl } from '../http/curl';
import { describeResponse } from './format-violations';
import { maskId, redactText, redactUrl } from '../secrets';
import type { Target } from '../target';
import { pageRules } from './rules-catalogue';
import { documentedShape, observeBody } from './schema-paths';
import type { JudgedInput } from '../checks/check';
import type { Violation } from '../checks/violation';
import type { Waiver } from './waivers';

/** The attachment through which each test hands its evidence to the conformance reporter (it survives sharding). */
export const EVIDENCE_ATTACHMENT = 'contract-evidence.json';

/** The annotation of a test skipped because a target of its kind can never exercise it. */
export const NOT_APPLICABLE = 'not-applicable';

/** The target a test ran against, as the report shows it: the project id masked, no secret. */
export interface TargetFacts {
  /** The Playwright project: `mock`, `live`, or a name of the targets file. */
  readonly name: string;
  readonly kind: 'mock' | 'live';
  readonly baseUrl: string;
  readonly projectId: string;
  /** Why the run could not judge it (the preflight could not reach it); none of its tests ran. */
  readonly stopped?: string;
  /** The records the suite found on it itself (CONTRACT_TASK_ID), each with why it picked it. */
  readonly found?: readonly string[];
}

/** A target as the report shows it; the embedded mock's port differs per worker, so it is not named. */
export function targetFacts(name: string, target: Target, stopped?: string): TargetFacts {
  return {
    name,
    kind: target.kind,
    baseUrl: target.kind === 'mock' ? 'embedded mock (127.0.0.1, a port per worker)' : redactUrl(target.baseURL),
    projectId: maskId(target.projectId),
    ...(stopped ? { stopped: redactText(stopped) } : {}),
    ...(target.found?.length ? { found: target.found.map(redactText) } : {}),
  };
}

/** What one test exercised and found, redacted, as JSON. */
export interface TestEvidence {
  /** What it ran against: the report judges each target by the tests that ran against it. */
  readonly target: TargetFacts;
  /** The operation the test judged (its rules are that operation's rows). */
  readonly operation: string;
  /** Rows of the rules matrix: those the test title names and those every exchange exercises. */
  readonly rules: readonly string[];
  readonly requests: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly properties: readonly string[];
  readonly enumValues: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly unknownProperties: Readonly<Record<string, number>>;
  readonly violations: readonly RecordedViolation[];
  /** The input classes the test judged (src/spec/input-classes.ts), with how often. */
  readonly inputs?: readonly (JudgedInput & { readonly count: number })[];
  /** The answers judged as a layer's own refusal (src/checks/answer.ts): their status judged, their representation not. */
  readonly transportAnswers?: readonly TransportRecord[];
}

/** An answer judged as the transport's: which rule's request, what came (status, media type), why a layer may answer so, how to send it again. */
export interface TransportRecord {
  readonly ruleId: string;
  readonly status: number;
  readonly mediaType: string;
  readonly because: string;
  readonly pointer: string;
  /** Redacted. */
  readonly curl: string;
}

/** What the report keeps of an answer judged as the transport's. */
export function recordTransport(exchange: Exchange, ruleId: string, transport: TransportAnswer): TransportRecord {
  return {
    ruleId,
    status: exchange.response.status,
    mediaType: mediaTypeOf(exchange.response) ?? (exchange.response.text === '' ? 'no body' : 'no media type'),
    because: transport.summary,
    pointer: transport.pointer,
    curl: toCurl(exchange.request),
  };
}

export interface RecordedViolation {
  readonly ruleId: string;
  readonly check: string;
  readonly title: string;
  readonly at?: string;
  readonly expected: string;
  readonly actual: string;
  readonly pointer: string;
  readonly curl: string;
  readonly response: string;
  readonly waiver?: Pick<Waiver, 'reason' | 'owner' | 'expires' | 'source'>;
}

/**
 * The rule ids a test names at the end of its title, `... [status-404, unknown-record]`, tags written
 * in the title after them aside (`[status-404] @smoke`); they are ids of the test's operation (its
 * describe title, the operationId, starts the full title).
 */
export function rulesInTitle(title: string): string[] {
  const match = /\[([^\]]+)\](?:\s+@[\w-]+)*\s*$/.exec(title);
  return match ? match[1]!.split(',').map((id) => id.trim()).filter(Boolean) : [];
}

/** A test title that names the rules it exercises, so they show in JUnit and reach the report. */
export function titleCovering(title: string, ruleIds: readonly string[]): string {
  return `${title} [${ruleIds.join(', ')}]`;
}

export function recordViolation(violation: Violation, waiver?: Waiver): RecordedViolation {
  return {
    ruleId: violation.ruleId,
    check: violation.check,
    title: violation.title,
    ...(violation.at ? { at: redactText(violation.at) } : {}),
    expected: redactText(violation.expected),
    actual: redactText(violation.actual),
    pointer: violation.rule,
    curl: toCurl(violation.exchange.request),
    response: redactText(describeResponse(violation.exchange).join('\n')),
    ...(waiver ? { waiver: { reason: waiver.reason, owner: waiver.owner, expires: waiver.expires, source: waiver.source } } : {}),
  };
}

/** Everything a test's exchanges show: statuses, rules every response exercises, the body's shape. */
export function buildEvidence(
  contract: Contract,
  target: TargetFacts,
  title: string,
  exchanges: readonly Exchange[],
  violations: readonly RecordedViolation[],
  inputs: readonly JudgedInput[] = [],
  transportAnswers: readonly TransportRecord[] = [],
): TestEvidence {
  const rules = new Set(rulesInTitle(title));
  const statuses: Record<string, number> = {};
  const { operation } = contract;
  const success = operation.responses.get(operation.successStatus)!;
  const shape = documentedShape(contract, success.mediaTypes[0]!.schemaPointer);
  const seen = { properties: new Set<string>(), enumValues: new Map<string, Map<string, number>>(), unknown: new Map<string, number>() };
  const complete = operation.rule(COMPLETE_RESPONSE_RULE);
  for (const exchange of exchanges) {
    // Every answer is judged whole or not, by each way of not being whole.
    rules.add(complete.id);
    for (const ruleCase of complete.cases) rules.add(RULE_IDS.ruleCase(complete.id, ruleCase.id));
    if (exchange.response.incomplete) continue;
    const status = String(exchange.response.status);
    statuses[status] = (statuses[status] ?? 0) + 1;
    rules.add(RULE_IDS.documentedStatus);
    const documented = operation.responses.get(status);
    if (!documented) continue;
    rules.add(RULE_IDS.status(status));
    if (documented.mediaTypes.length) rules.add(RULE_IDS.contentType).add(RULE_IDS.schema(status));
    // A body labelled JSON is judged as a JSON text, by each way of not being one.
    const text = operation.rules.get(JSON_TEXT_RULE);
    if (text && exchange.response.text !== '' && labelledJson(exchange.response.headers)) {
      rules.add(text.id);
      for (const ruleCase of text.cases) rules.add(RULE_IDS.ruleCase(text.id, ruleCase.id));
    }
    for (const header of documented.headers) if (header.required) rules.add(RULE_IDS.header(header.name));
    if (status === operation.successStatus && exchange.response.json !== undefined) {
      for (const rule of pageRules(contract)) rules.add(rule);
      observeBody(shape, exchange.response.json, seen);
    }
  }
  for (const id of [...rules]) if (id.includes(':')) rules.add(id.split(':')[0]!);
  return {
    target,
    operation: operation.operationId,
    rules: [...rules],
    requests: exchanges.reduce((sum, e) => sum + e.attempts, 0),
    statuses,
    properties: [...seen.properties],
    enumValues: Object.fromEntries([...seen.enumValues].map(([path, counts]) => [path, Object.fromEntries(counts)])),
    unknownProperties: Object.fromEntries(seen.unknown),
    violations,
    inputs: countInputs(inputs),
    ...(transportAnswers.length ? { transportAnswers } : {}),
  };
}

/** Judged inputs of one parameter, class and expected answer, counted. */
export function countInputs(inputs: readonly (JudgedInput & { readonly count?: number })[]): (JudgedInput & { count: number })[] {
  const counted = new Map<string, JudgedInput & { count: number }>();
  for (const input of inputs) {
    const key = JSON.stringify([input.parameter, input.class, input.expected]);
    const seen = counted.get(key) ?? { parameter: input.parameter, class: input.class, expected: input.expected, count: 0 };
    seen.count += input.count ?? 1;
    counted.set(key, seen);
  }
  return [...counted.values()];
}
