/**
 * The conformance report: what a release manager reads, and what CI systems consume as
 * reports/conformance.json. Its JSON Schema is src/report/conformance.schema.json; change both together
 * and bump `schemaVersion` when a field changes meaning or goes away.
 */
export interface ConformanceReport {
  readonly schemaVersion: 1;
  /** conformant: every rule passed (or is waived); not-conformant: a rule failed; incomplete: a rule was not exercised. */
  readonly verdict: 'conformant' | 'not-conformant' | 'incomplete';
  readonly summary: { readonly rules: number; readonly passed: number; readonly failed: number; readonly notExercised: number; readonly waived: number };
  readonly target: { readonly kind: 'mock' | 'live'; readonly baseUrl: string; /** partly masked */ readonly projectId: string };
  readonly spec: { readonly file: string; readonly title: string; readonly version: string; readonly sha256: string };
  readonly suite: { readonly name: string; readonly version: string };
  readonly run: {
    readonly startedAt: string;
    readonly durationMs: number;
    readonly requests: number;
    readonly tests: { readonly passed: number; readonly failed: number; readonly skipped: number };
  };
  readonly rules: readonly RuleResult[];
  readonly coverage: Coverage;
  readonly waivers: readonly WaiverState[];
  /** Problems of the run itself (an expired waiver...), each one line. */
  readonly problems: readonly string[];
}

export type RuleGroup = 'status' | 'parameter' | 'schema' | 'headers' | 'invariant' | 'auth';

export interface RuleResult {
  /** Stable id, also in JUnit test names: `status-404`, `limit-max+1`, `schema-200`, `page-length`, `unauthenticated:tampered-signature`. */
  readonly id: string;
  readonly group: RuleGroup;
  readonly title: string;
  /** JSON pointer into the spec and its `file:line`. */
  readonly pointer: string;
  readonly location: string;
  readonly result: 'passed' | 'failed' | 'not-exercised' | 'waived';
  /** Why it was not exercised, or the waiver's reason. */
  readonly reason?: string;
  readonly tests: readonly { readonly title: string; readonly status: string; /** relative link into Playwright's HTML report */ readonly link: string }[];
  /** At most a few failures, each enough to reproduce it. */
  readonly evidence: readonly Evidence[];
}

export interface Evidence {
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
  readonly statuses: readonly { readonly status: string; readonly documented: boolean; readonly count: number }[];
  readonly boundaries: readonly { readonly parameter: string; readonly edge: string; readonly value: string; readonly exercised: boolean }[];
  /** Every property of the documented 200 body, e.g. `items[].end_time`. */
  readonly properties: readonly { readonly path: string; readonly observed: boolean }[];
  readonly enums: readonly { readonly path: string; readonly values: readonly { readonly value: string; readonly count: number }[] }[];
  /** Warnings: clients tolerate them, release managers want to know. */
  readonly unknownProperties: readonly { readonly path: string; readonly count: number }[];
  readonly unknownEnumValues: readonly { readonly path: string; readonly value: string; readonly count: number }[];
  /** Input coverage: per parameter, each class of values judged (src/spec/input-classes.ts), the statuses the spec allows, how often (0: never). Always written. */
  readonly inputs?: readonly { readonly parameter: string; readonly class: string; readonly expected: readonly string[]; readonly count: number }[];
}

export interface WaiverState {
  readonly rule: string;
  readonly reason: string;
  readonly owner: string;
  readonly expires: string;
  readonly source: string;
  /** applied: it covers a failure; stale: it matches no failure; expired: past its date (fails the run). */
  readonly state: 'applied' | 'stale' | 'expired';
}
