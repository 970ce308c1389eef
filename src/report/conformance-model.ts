/**
 * The version of the report's JSON Schema. 2: the report judges every operation of the spec; rules,
 * their evidence, coverage and waivers name their operation, a rule's `id` is unique only within its
 * operation (its `key` is unique in the report), and `operations` holds each operation's verdict.
 */
export const REPORT_SCHEMA_VERSION = 2;

/**
 * The conformance report: what a release manager reads, and what CI systems consume as
 * reports/conformance.json. Its JSON Schema is src/report/conformance.schema.json; change both together
 * and bump `schemaVersion` (REPORT_SCHEMA_VERSION) when a field changes meaning or goes away.
 */
export interface ConformanceReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /**
   * conformant: every rule passed (or is waived, only warned, or cannot apply); not-conformant: a rule failed;
   * incomplete: a rule that could have been exercised was not.
   */
  readonly verdict: 'conformant' | 'not-conformant' | 'incomplete';
  readonly summary: {
    readonly rules: number;
    readonly passed: number;
    readonly failed: number;
    readonly notExercised: number;
    readonly waived: number;
    /** Rules of severity warning that were broken. */
    readonly warnings: number;
    /** Rules nothing in this run could exercise (e.g. retries of a client the service never throttled). */
    readonly notApplicable: number;
    /** With a baseline (CONTRACT_BASELINE): rules that pass in the baseline and fail now. */
    readonly regressions?: number;
  };
  /**
   * What was judged: a server (the embedded mock or a live one), a client (reports/client-conformance.json),
   * or both sides of traffic through the recording proxy (reports/proxy-conformance.json: `targets` holds
   * a verdict for `server` and one for `client`, and each rule names its side in `byTarget`).
   */
  readonly target: {
    readonly kind: 'mock' | 'live' | 'client' | 'proxy';
    /** The server's root; for a client, the mock it was pointed at; for a proxy, its upstream. */
    readonly baseUrl: string;
    /** partly masked */
    readonly projectId: string;
    /** A client: the command that ran it, secrets redacted (absent when a recording made elsewhere is judged). */
    readonly command?: string;
    /** A client: the scenario the mock showed it. */
    readonly scenario?: { readonly id: string; readonly description: string };
  };
  readonly spec: { readonly file: string; readonly title: string; readonly version: string; readonly sha256: string };
  readonly suite: { readonly name: string; readonly version: string };
  readonly run: {
    readonly startedAt: string;
    readonly durationMs: number;
    readonly requests: number;
    /** The server's tests (a client report has none). */
    readonly tests?: { readonly passed: number; readonly failed: number; readonly skipped: number };
    /** A client: how its command ended (null: it was stopped by a signal or a timeout). */
    readonly exitCode?: number | null;
  };
  /** A server: each operation's verdict (the top-level verdict is the worst of theirs), in the order the spec writes them. */
  readonly operations?: readonly OperationVerdict[];
  /** Operation by operation, in the order of `operations`. */
  readonly rules: readonly RuleResult[];
  /** One entry per operation judged. */
  readonly coverage: readonly Coverage[];
  readonly waivers: readonly WaiverState[];
  /** Problems of the run itself (an expired waiver...), each one line. */
  readonly problems: readonly string[];
  /**
   * A server: the answers judged as the transport's, a layer in front of the service refusing a request
   * itself (an HTTP parser, a gateway): their status judged, their representation not, and why; one row
   * per operation, target, rule, status and media type.
   */
  readonly transportAnswers?: readonly TransportAnswerRow[];
  /** A client: every request it sent, in order (the evidence of its rules links here). */
  readonly requests?: readonly RequestRow[];
  /** A server: one entry per target of the run (several with CONTRACT_TARGETS), in the order of the run's projects; a proxy: `server` and `client`. */
  readonly targets?: readonly TargetVerdict[];
  /**
   * The earlier run the rules' `change` compares with (CONTRACT_BASELINE); `note`: how it was read, when
   * not as it is (a report of schema version 1 judged one operation, and its rules are read as that one's).
   */
  readonly baseline?: { readonly file: string; readonly startedAt: string; readonly verdict: ConformanceReport['verdict']; readonly note?: string };
}

/** One operation's verdict: its rules' counts, on every target together and, with several targets, on each. */
export interface OperationVerdict {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly verdict: ConformanceReport['verdict'];
  readonly summary: ConformanceReport['summary'];
  /** Several targets: the operation's verdict on each, by target name. */
  readonly byTarget?: Readonly<Record<string, { readonly verdict: ConformanceReport['verdict']; readonly summary: ConformanceReport['summary'] }>>;
}

/** One target's verdict; with several targets the top-level verdict is the worst of them. */
export interface TargetVerdict {
  /** The target's name: `mock`, `live`, or its name in the targets file. */
  readonly name: string;
  readonly verdict: ConformanceReport['verdict'];
  readonly summary: ConformanceReport['summary'];
  readonly target: { readonly kind: 'mock' | 'live' | 'client'; readonly baseUrl: string; readonly projectId: string };
  /** Why none of its rules was exercised: the run could not reach it (its verdict is then incomplete). */
  readonly stopped?: string;
  /** The records the suite found on it itself (a live target named by CONTRACT_TASK_ID), each with why it picked it. */
  readonly found?: readonly string[];
}

/** Answers of one kind judged as the transport's: a rule's request refused by a layer in front of the service. */
export interface TransportAnswerRow {
  readonly operation: string;
  /** Several targets: the target that answered so. */
  readonly target?: string;
  /** The rule (or case) whose request it answered. */
  readonly rule: string;
  readonly status: number;
  /** The answer's media type, `no body`, or `no media type`. */
  readonly mediaType: string;
  readonly count: number;
  /** Why a layer may answer so: the standards and the software (the spec's `transport`). */
  readonly because: string;
  readonly location: string;
  /** One such request, redacted. */
  readonly curl: string;
}

/** How a rule's result compares with the baseline's: failing now and not then is a regression. */
export type RuleChange = 'regression' | 'fixed' | 'still-failing' | 'unchanged';

export interface RequestRow {
  readonly seq: number;
  /** ms since the first request. */
  readonly atMs: number;
  readonly method: string;
  /** Path and query, secrets redacted. */
  readonly target: string;
  readonly status: number;
  /** What else is worth knowing: a scenario's answer, a negative test, the credentials refused. */
  readonly notes: readonly string[];
}

export type RuleGroup = 'status' | 'parameter' | 'schema' | 'headers' | 'invariant' | 'auth' | 'paging' | 'retries';

export interface RuleResult {
  /** Stable id within its operation, also in JUnit test names: `status-404`, `limit-max+1`, `schema-200`, `page-length`, `unauthenticated:tampered-signature`. */
  readonly id: string;
  /** The operationId of the operation it is judged in. */
  readonly operation: string;
  /** Unique in the report: `<operationId>/<id>`, e.g. `ListTaskExecuteHistory/count-is-total`. */
  readonly key: string;
  readonly group: RuleGroup;
  readonly title: string;
  /** JSON pointer into the spec and its `file:line`. */
  readonly pointer: string;
  readonly location: string;
  /** warning: a rule of severity warning was broken; not-applicable: nothing in this run could exercise it. */
  readonly result: 'passed' | 'failed' | 'not-exercised' | 'waived' | 'warning' | 'not-applicable';
  /** Why it was not exercised or cannot apply, or the waiver's reason. */
  readonly reason?: string;
  /** How many requests (of a client) exercised it. */
  readonly exercised?: number;
  /** With a baseline (CONTRACT_BASELINE): what changed since; with several targets, the worst of theirs. */
  readonly change?: RuleChange;
  /** Several targets: the rule's result on each, by target name (the rules × targets matrix). */
  readonly byTarget?: Readonly<Record<string, { readonly result: RuleResult['result']; readonly reason?: string; readonly change?: RuleChange }>>;
  readonly tests: readonly { readonly title: string; readonly status: string; /** relative link into Playwright's HTML report */ readonly link: string }[];
  /** At most a few failures, each enough to reproduce it. */
  readonly evidence: readonly Evidence[];
}

export interface Evidence {
  /** Several targets: the target it was found on. */
  readonly target?: string;
  /** The operation of the rule it breaks (the rule's own). */
  readonly operation: string;
  readonly test: string;
  readonly link: string;
  readonly check: string;
  readonly title: string;
  readonly at?: string;
  readonly expected: string;
  readonly actual: string;
  /** Redacted. */
  readonly curl: string;
  /** Status line and the first lines of the body, redacted. */
  readonly response: string;
}

export interface Coverage {
  /** The operation covered. */
  readonly operation: string;
  readonly statuses: readonly { readonly status: string; readonly documented: boolean; readonly count: number }[];
  readonly boundaries: readonly { readonly parameter: string; readonly edge: string; readonly value: string; readonly exercised: boolean }[];
  /** Every property of the documented 200 body, e.g. `items[].end_time`. */
  readonly properties: readonly { readonly path: string; readonly observed: boolean }[];
  readonly enums: readonly { readonly path: string; readonly values: readonly { readonly value: string; readonly count: number }[] }[];
  /** Warnings: clients tolerate them, release managers want to know. */
  readonly unknownProperties: readonly { readonly path: string; readonly count: number }[];
  readonly unknownEnumValues: readonly { readonly path: string; readonly value: string; readonly count: number }[];
  /** Input coverage: per parameter, each class of values judged (src/spec/input-classes.ts), the statuses the spec allows, how often (0: never). Always written. */
  readonly inputs?: readonly { readonly family: string; readonly parameter: string; readonly class: string; readonly expected: readonly string[]; readonly count: number }[];
}

export interface WaiverState {
  readonly rule: string;
  /** The operation it names; without one it covers the rule in every operation that has it. */
  readonly operation?: string;
  readonly reason: string;
  readonly owner: string;
  readonly expires: string;
  readonly source: string;
  /** Only violations at this place of the response, e.g. `body.error_msg`. */
  readonly at?: string;
  /** applied: it covers a failure; stale: it matches no failure; expired: past its date (fails the run). */
  readonly state: 'applied' | 'stale' | 'expired';
}
