import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../spec/load-spec';

/** A known deviation, accepted for a while: the failing rule shows as waived until the waiver expires. */
export interface Waiver {
  /** A rule id, as the operations have it (`count-is-total`, or a case `unauthenticated:no-credentials`). */
  readonly rule: string;
  /** The operationId it is limited to; without one it covers the rule in every operation that has it. */
  readonly operation?: string;
  readonly reason: string;
  readonly owner: string;
  /** The last day it applies, YYYY-MM-DD. */
  readonly expires: string;
  /** The file it comes from, as the user names it. */
  readonly source: string;
  /** Only violations at this place of the response, e.g. `body.error_msg`: a waiver as narrow as the known deviation. */
  readonly at?: string;
}

/**
 * Reads waiver files; every problem (a missing field, a bad date, an unknown operation, a rule no
 * operation has or the operation it names lacks) is listed. `rulesByOperation`: each operation's rule
 * ids, by operationId (ruleIdsByOperation of rules-catalogue.ts).
 */
export function loadWaivers(files: readonly string[], rulesByOperation: ReadonlyMap<string, ReadonlySet<string>>): { waivers: Waiver[]; problems: string[] } {
  const waivers: Waiver[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const shown = path.relative(PROJECT_ROOT, file) || file;
    if (!existsSync(file)) {
      problems.push(`${shown}: no such waiver file`);
      continue;
    }
    let entries: unknown;
    try {
      entries = (parse(readFileSync(file, 'utf8')) as { waivers?: unknown } | null)?.waivers ?? [];
    } catch (error) {
      problems.push(`${shown}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    if (!Array.isArray(entries)) {
      problems.push(`${shown}: "waivers" must be a list`);
      continue;
    }
    entries.forEach((entry: Record<string, unknown>, index) => {
      const at = `${shown}: waivers[${index}]`;
      const text = (name: string) => (typeof entry?.[name] === 'string' && (entry[name] as string).trim() ? (entry[name] as string).trim() : undefined);
      const expires = entry?.expires instanceof Date ? entry.expires.toISOString().slice(0, 10) : text('expires');
      const missing = ['rule', 'reason', 'owner'].filter((name) => !text(name));
      if (!expires) missing.push('expires');
      if (missing.length) return problems.push(`${at} lacks ${missing.join(', ')}`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(expires!) || Number.isNaN(Date.parse(expires!))) return problems.push(`${at}: expires must be a date YYYY-MM-DD, got "${expires}"`);
      const rule = text('rule')!;
      const operation = text('operation');
      if (entry.operation !== undefined && !operation) return problems.push(`${at}: operation must name an operationId of the spec: ${[...rulesByOperation.keys()].join(', ')}`);
      if (operation !== undefined) {
        const rules = rulesByOperation.get(operation);
        if (!rules) return problems.push(`${at}: no operation "${operation}" in the spec (its operations: ${[...rulesByOperation.keys()].join(', ')})`);
        if (!rules.has(rule)) {
          const others = [...rulesByOperation].filter(([, ids]) => ids.has(rule)).map(([id]) => id);
          return problems.push(`${at}: operation ${operation} has no rule "${rule}"${others.length ? ` (${others.join(', ')} ${others.length === 1 ? 'has' : 'have'} it)` : ''} (see the ids of conformance.json)`);
        }
      } else if (![...rulesByOperation.values()].some((ids) => ids.has(rule))) {
        return problems.push(`${at}: no rule "${rule}" in the contract (see the ids of conformance.json)`);
      }
      if (entry.at !== undefined && !text('at')) return problems.push(`${at}: at must name a place of the response, e.g. body.error_msg`);
      waivers.push({ rule, ...(operation ? { operation } : {}), reason: text('reason')!, owner: text('owner')!, expires: expires!, source: shown, ...(text('at') ? { at: text('at')! } : {}) });
    });
  }
  return { waivers, problems };
}

/** Past its last day? */
export function isExpired(waiver: Waiver, today: Date = new Date()): boolean {
  return waiver.expires < today.toISOString().slice(0, 10);
}

/** Whether a waiver names this rule (or the rule of this case, `rule:case`) of this operation. */
export function waiverCovers(waiver: Pick<Waiver, 'rule' | 'operation'>, operation: string, ruleId: string): boolean {
  return (waiver.operation === undefined || waiver.operation === operation) && (waiver.rule === ruleId || ruleId.startsWith(`${waiver.rule}:`));
}

/** The waiver that covers a rule (or its case `rule:case`) of an operation, at that place if it names one, today, if any. */
export function waiverFor(waivers: readonly Waiver[], operation: string, ruleId: string, at?: string, today: Date = new Date()): Waiver | undefined {
  return waivers.find((w) => waiverCovers(w, operation, ruleId) && (w.at === undefined || w.at === at) && !isExpired(w, today));
}
